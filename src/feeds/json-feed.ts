/**
 * JSON Feed 1.1 (`application/feed+json`).
 *
 * @module
 */
import { entryUrl, type FeedDocument } from './feed-document.js'

/** The JSON Feed version this writes. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

/**
 * The feed as a JSON Feed 1.1 document.
 *
 * @example
 * JSON.parse(jsonFeed(document)).version // 'https://jsonfeed.org/version/1.1'
 */
export function jsonFeed(document: FeedDocument): string {
  return JSON.stringify({
    version: JSON_FEED_VERSION,
    title: document.title,
    description: document.description,
    home_page_url: document.homeUrl,
    feed_url: document.selfUrl,
    authors: [{ name: document.author }],
    items: document.events.map((event) => ({
      id: event.id,
      url: entryUrl(document, event),
      title: event.title,
      content_html: event.html,
      date_published: new Date(event.at).toISOString(),
      date_modified: new Date(event.updated).toISOString(),
      tags: event.tags,
    })),
  })
}
