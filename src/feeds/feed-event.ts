/**
 * One entry of every feed format: what happened, when, where it links and its content as safe
 * HTML (the page's Markdown renderer), plus the shared pieces of entry text.
 *
 * @module
 */
import { escapeHtml } from '../web/markdown.js'
import type { PublicComponent } from './public-scope.js'

/** What an entry reports. */
export type FeedEventKind = 'opened' | 'updated' | 'resolved' | 'announced' | 'started' | 'completed' | 'cancelled' | 'published'

/** One feed entry, format-neutral. */
export interface FeedEvent {
  /** `urn:uuid:…`, stable for the same event. */
  id: string
  kind: FeedEventKind
  title: string
  /** When it happened (published). */
  at: number
  /** When the entry last changed (≥ `at`). */
  updated: number
  /** The link below the public base URL, e.g. `/incidents/<id>#update-2`. */
  path: string
  /** Safe HTML content. */
  html: string
  /** Display names of the affected components (categories, tags). */
  tags: string[]
}

/** Which events a feed lists: all, or those touching one component or one location. */
export type FeedFilter = { kind: 'all' } | { kind: 'component'; name: string } | { kind: 'location'; name: string }

/** The most entries one feed lists. */
export const FEED_ENTRY_LIMIT = 50

/** A public (component, locations) pair an event touches; `locations: null` means all of them. */
export interface Touched {
  component: PublicComponent
  locations: readonly string[] | null
}

/**
 * Whether an event touching `touched` belongs in a feed filtered by `filter`.
 *
 * @example
 * matches({ kind: 'location', name: 'R1' }, [{ component, locations: ['R1'] }], () => []) // true
 */
export function matches(filter: FeedFilter, touched: readonly Touched[], locationsOf: (component: string) => readonly string[]): boolean {
  if (filter.kind === 'all') return true
  if (filter.kind === 'component') return touched.some((item) => item.component.name === filter.name)
  return touched.some((item) => (item.locations ?? locationsOf(item.component.name)).includes(filter.name))
}

/**
 * "Affected: Compute (R1, R2), Storage (all locations)", or '' when nothing public is named.
 *
 * @example
 * affectedText([{ component: { name: 'compute', displayName: 'Compute' }, locations: ['R1'] }]) // 'Affected: Compute (R1)'
 */
export function affectedText(touched: readonly Touched[]): string {
  const where = touched.map((item) => `${item.component.displayName} (${item.locations === null ? 'all locations' : item.locations.join(', ')})`)
  return where.length === 0 ? '' : `Affected: ${where.join(', ')}`
}

/**
 * A lead (phase, time) and what is affected, as one safe HTML paragraph.
 *
 * @example
 * affectedHtml(touched, 'Investigating') // '<p>Investigating · Affected: Compute (R1)</p>\n'
 */
export function affectedHtml(touched: readonly Touched[], lead: string): string {
  const parts = [lead, affectedText(touched)].filter((part) => part !== '')
  return `<p>${escapeHtml(parts.join(' · '))}</p>\n`
}

/** The display names of what an event touches, for categories. */
export function tagsOf(touched: readonly Touched[]): string[] {
  return [...new Set(touched.map((item) => item.component.displayName))]
}
