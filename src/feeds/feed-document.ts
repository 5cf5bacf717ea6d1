/**
 * A feed ready to be written in any format: its metadata (absolute URLs) and its entries.
 *
 * @module
 */
import type { FeedEvent } from './feed-event.js'

/** What every feed format writes. */
export interface FeedDocument {
  title: string
  /** One sentence about the feed (RSS `description`, JSON Feed `description`). */
  description: string
  /** The page the feed is about: the status page or a component's page. */
  homeUrl: string
  /** This feed's own URL (also its Atom id). */
  selfUrl: string
  /** The publisher's name (the page name). */
  author: string
  /** The base of absolute links, no trailing slash. */
  base: string
  /** Newest first. */
  events: readonly FeedEvent[]
}

/**
 * The time a feed last changed: its newest entry's, or the epoch when it has none (so an empty
 * feed keeps one body and one ETag).
 *
 * @example
 * lastUpdated(document) // 1800000000000
 */
export function lastUpdated(document: FeedDocument): number {
  return document.events.reduce((newest, event) => Math.max(newest, event.updated), 0)
}

/** The absolute link of an entry. */
export function entryUrl(document: FeedDocument, event: FeedEvent): string {
  return `${document.base}${event.path}`
}
