/**
 * RSS 2.0: `guid` is the entry's `urn:uuid:` (not a permalink), dates in RFC 822, content as
 * escaped HTML in `description`, and an `atom:link rel="self"` as the RSS advisory board advises.
 *
 * @module
 */
import { entryUrl, lastUpdated, type FeedDocument } from './feed-document.js'
import type { FeedEvent } from './feed-event.js'
import { element, text } from './xml.js'

const rfc822 = (at: number): string => new Date(at).toUTCString()

function item(document: FeedDocument, event: FeedEvent): string {
  return element(
    'item',
    {},
    [
      text('title', event.title),
      text('link', entryUrl(document, event)),
      text('guid', event.id, { isPermaLink: 'false' }),
      text('pubDate', rfc822(event.at)),
      ...event.tags.map((tag) => text('category', tag)),
      text('description', event.html),
    ].join(''),
  )
}

/**
 * The feed as an RSS 2.0 document.
 *
 * @example
 * const xml = rssFeed(document) // '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" …'
 */
export function rssFeed(document: FeedDocument): string {
  const channel = [
    text('title', document.title),
    text('link', document.homeUrl),
    text('description', document.description),
    text('lastBuildDate', rfc822(lastUpdated(document))),
    text('generator', 'Glasshouse'),
    element('atom:link', { href: document.selfUrl, rel: 'self', type: 'application/rss+xml' }),
    ...document.events.map((event) => item(document, event)),
  ].join('\n')
  const rss = element('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' }, `\n${element('channel', {}, `\n${channel}\n`)}\n`)
  return `<?xml version="1.0" encoding="utf-8"?>\n${rss}\n`
}
