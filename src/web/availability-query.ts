/**
 * The filters of the availability report page, from its plain GET form: a month (`YYYY-MM` in
 * the records time zone, default the last complete one), a component and a location (both
 * optional; they must name one the page knows). Bad values come back as issues the page prints
 * beside the form (answered with 400).
 *
 * @module
 */
import { bucketOf, localDateStart } from '../records/index.js'

/** A parsed availability query. */
export interface AvailabilityQuery {
  /** The month as entered (or defaulted), to fill the form again. */
  month: string
  /** The month's instants [from, to) in the records time zone. */
  from: number
  to: number
  component: string | null
  location: string | null
}

/** One thing wrong with a query. */
export interface QueryIssue {
  field: string
  message: string
}

/** A parsed query, or what is wrong with it (with the defaults in place of bad values). */
export type AvailabilityQueryResult = { ok: true; query: AvailabilityQuery } | { ok: false; issues: QueryIssue[]; query: AvailabilityQuery }

/** What the page can report on: today's component names and locations. */
export interface KnownSeries {
  components: readonly string[]
  locations: readonly string[]
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/**
 * The month before the one `now` lies in (the last complete month), in `timeZone`.
 *
 * @example
 * lastCompleteMonth(Date.UTC(2026, 11, 6), 'UTC').label // '2026-11'
 */
export function lastCompleteMonth(now: number, timeZone: string): { label: string; start: number; end: number } {
  const current = bucketOf('month', now, timeZone)
  return bucketOf('month', current.start - 1, timeZone)
}

function monthOf(text: string | undefined, now: number, timeZone: string, issues: QueryIssue[]): { label: string; start: number; end: number } {
  const fallback = lastCompleteMonth(now, timeZone)
  if (text === undefined || text === '') return fallback
  if (!MONTH.test(text)) {
    issues.push({ field: 'month', message: 'expected a month such as 2026-01' })
    return { ...fallback, label: text }
  }
  const month = bucketOf('month', localDateStart(`${text}-01`, timeZone), timeZone)
  if (month.start > now) issues.push({ field: 'month', message: 'lies in the future; nothing is measured yet' })
  return month
}

function nameOf(field: 'component' | 'location', value: string | undefined, known: readonly string[], issues: QueryIssue[]): string | null {
  if (value === undefined || value === '') return null
  if (!known.includes(value)) issues.push({ field, message: `no ${field} named "${value.slice(0, 100)}"` })
  return value
}

/**
 * Parses the query string of `/availability`.
 *
 * @example
 * parseAvailabilityQuery({ month: '2026-11', component: 'compute' }, Date.now(), 'UTC', { components: ['compute'], locations: ['R1'] })
 */
export function parseAvailabilityQuery(params: Record<string, string | undefined>, now: number, timeZone: string, known: KnownSeries): AvailabilityQueryResult {
  const issues: QueryIssue[] = []
  const month = monthOf(params.month, now, timeZone, issues)
  const component = nameOf('component', params.component, known.components, issues)
  const location = nameOf('location', params.location, known.locations, issues)
  const query: AvailabilityQuery = { month: month.label, from: month.start, to: month.end, component, location }
  return issues.length === 0 ? { ok: true, query } : { ok: false, issues, query }
}
