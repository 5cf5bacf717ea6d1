/**
 * The Atom feed of published postmortems (`/postmortems/feed.atom`), written by the site's Atom
 * writer: one entry per postmortem, newest first, with an id stable forever (derived from the
 * postmortem's id), `published` at first publication and `updated` moving with every published
 * revision; the content is the TL;DR and what was affected, as safe HTML.
 *
 * @module
 */
import { atomFeed, entryId, FEED_ENTRY_LIMIT, type FeedDocument, type FeedEvent } from '../../feeds/index.js'
import { escapeHtml, renderText } from '../../web/markdown.js'
import type { PublicPostmortem } from '../types.js'
import { affectedSeries } from './list-page.js'
import { POSTMORTEM_FEED_PATH } from './styles.js'

/** How many postmortems the feed lists. */
export const POSTMORTEM_FEED_LIMIT = FEED_ENTRY_LIMIT

/**
 * One feed entry of a postmortem.
 *
 * @example
 * postmortemEntry(postmortem, names).id // 'urn:uuid:…' (the same for every revision)
 */
export function postmortemEntry(postmortem: PublicPostmortem, names: ReadonlyMap<string, string>): FeedEvent {
  const where = affectedSeries(postmortem, names)
  const components = [...new Set(postmortem.impact.series.map((series) => names.get(series.component) ?? series.component))]
  return {
    id: entryId(postmortem.id, 'postmortem'),
    kind: 'published',
    title: `Postmortem: ${postmortem.title}`,
    at: postmortem.publishedAt,
    updated: Math.max(postmortem.publishedAt, postmortem.updatedAt),
    path: `/postmortems/${postmortem.id}`,
    html: `${renderText(postmortem.tldr)}${where === '' ? '' : `<p>${escapeHtml(`Affected: ${where}`)}</p>\n`}`,
    tags: components,
  }
}

/**
 * The feed document.
 *
 * @example
 * postmortemFeed({ postmortems, names, base: 'https://status.example', siteName: 'Example' })
 */
export function postmortemFeed(input: { postmortems: readonly PublicPostmortem[]; names: ReadonlyMap<string, string>; base: string; siteName: string }): string {
  const document: FeedDocument = {
    title: `${input.siteName}: Postmortems`,
    description: `Blameless postmortems of the incidents of ${input.siteName}`,
    homeUrl: `${input.base}/postmortems`,
    selfUrl: `${input.base}${POSTMORTEM_FEED_PATH}`,
    author: input.siteName,
    base: input.base,
    events: input.postmortems.slice(0, POSTMORTEM_FEED_LIMIT).map((postmortem) => postmortemEntry(postmortem, input.names)),
  }
  return atomFeed(document)
}
