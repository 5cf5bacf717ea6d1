/**
 * The feed URL scheme, in one place for the routes and the `<link rel="alternate">` tags:
 *
 * - `/feed.atom`, `/feed.rss`, `/feed.json` — every event; `/maintenance.ics` — the calendar
 * - `/feeds/components/<name>.<atom|rss|json|ics>` — events touching one component
 * - `/feeds/locations/<location>.<atom|rss|json|ics>` — events touching one location
 *
 * @module
 */
import type { FeedFilter } from './feed-event.js'

/** The formats and their media types. */
export const FEED_FORMATS = {
  atom: 'application/atom+xml',
  rss: 'application/rss+xml',
  json: 'application/feed+json',
  ics: 'text/calendar',
} as const

/** A feed format, named by its file extension. */
export type FeedFormat = keyof typeof FEED_FORMATS

/**
 * The path of a feed.
 *
 * @example
 * feedPath({ kind: 'component', name: 'compute' }, 'atom') // '/feeds/components/compute.atom'
 */
export function feedPath(filter: FeedFilter, format: FeedFormat): string {
  if (filter.kind === 'all') return format === 'ics' ? '/maintenance.ics' : `/feed.${format}`
  const folder = filter.kind === 'component' ? 'components' : 'locations'
  return `/feeds/${folder}/${encodeURIComponent(filter.name)}.${format}`
}

/**
 * Splits the last path segment of a scoped feed into a name and a format; null when the
 * extension is not a feed format.
 *
 * @example
 * parseFeedFile('compute.atom') // { name: 'compute', format: 'atom' }
 */
export function parseFeedFile(file: string): { name: string; format: FeedFormat } | null {
  const match = /^(.+)\.(atom|rss|json|ics)$/.exec(file)
  return match === null ? null : { name: match[1]!, format: match[2] as FeedFormat }
}
