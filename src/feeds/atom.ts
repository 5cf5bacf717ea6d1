/**
 * Atom 1.0 (RFC 4287): content as escaped HTML (`type="html"`), categories per component.
 *
 * @module
 */
import { entryUrl, lastUpdated, type FeedDocument } from './feed-document.js'
import type { FeedEvent } from './feed-event.js'
import { element, text } from './xml.js'

const iso = (at: number): string => new Date(at).toISOString()

function entry(document: FeedDocument, event: FeedEvent): string {
  return element(
    'entry',
    {},
    [
      text('id', event.id),
      text('title', event.title),
      text('published', iso(event.at)),
      text('updated', iso(event.updated)),
      element('link', { rel: 'alternate', type: 'text/html', href: entryUrl(document, event) }),
      ...event.tags.map((tag) => element('category', { term: tag })),
      text('content', event.html, { type: 'html' }),
    ].join(''),
  )
}

/**
 * The feed as an Atom document.
 *
 * @example
 * const xml = atomFeed(document) // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">…'
 */
export function atomFeed(document: FeedDocument): string {
  const body = [
    text('id', document.selfUrl),
    text('title', document.title),
    text('subtitle', document.description),
    text('updated', iso(lastUpdated(document))),
    element('author', {}, text('name', document.author)),
    element('link', { rel: 'self', type: 'application/atom+xml', href: document.selfUrl }),
    element('link', { rel: 'alternate', type: 'text/html', href: document.homeUrl }),
    text('generator', 'Glasshouse'),
    ...document.events.map((event) => entry(document, event)),
  ].join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>\n${element('feed', { xmlns: 'http://www.w3.org/2005/Atom' }, `\n${body}\n`)}\n`
}
