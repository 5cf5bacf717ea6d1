/**
 * The filters of the history page, from its plain GET form: a range of local days (`from`,
 * `to`, both `YYYY-MM-DD`, inclusive), a component, a location and a type. Bad values come back
 * as issues the page prints beside the form (answered with 400).
 *
 * @module
 */
import { bucketOf, bucketsBetween, localDateStart } from '../records/index.js'

/** What the history shows. */
export type HistoryType = 'all' | 'incident' | 'maintenance'

/** A parsed history query. */
export interface HistoryQuery {
  /** The form's values as entered (or defaulted), to fill the form again. */
  fromDay: string
  toDay: string
  /** The instants of the range [from, to). */
  from: number
  to: number
  component: string | null
  location: string | null
  type: HistoryType
}

/** A parsed query, or what is wrong with it. */
export type HistoryQueryResult = { ok: true; query: HistoryQuery } | { ok: false; issues: { field: string; message: string }[]; query: HistoryQuery }

const DEFAULT_DAYS = 90
/** The longest range one page lists. */
export const MAX_HISTORY_DAYS = 3 * 366
const DAY_MS = 86_400_000
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/

function dayOf(text: string | undefined, fallback: string, field: string, issues: { field: string; message: string }[], timeZone: string): { day: string; start: number } {
  const day = text === undefined || text === '' ? fallback : text
  try {
    return { day, start: localDateStart(day, timeZone) }
  } catch {
    issues.push({ field, message: 'expected a date such as 2026-01-31' })
    return { day, start: localDateStart(fallback, timeZone) }
  }
}

/**
 * Parses the query string of `/history`.
 *
 * @example
 * parseHistoryQuery({ from: '2026-01-01', to: '2026-01-31', type: 'incident' }, Date.now(), 'UTC')
 */
export function parseHistoryQuery(params: Record<string, string | undefined>, now: number, timeZone: string): HistoryQueryResult {
  const issues: { field: string; message: string }[] = []
  const today = bucketOf('day', now, timeZone)
  const first = bucketsBetween('day', now - (DEFAULT_DAYS - 1) * DAY_MS - 3_600_000, now, timeZone).at(-DEFAULT_DAYS) ?? today
  const from = dayOf(params.from, first.label, 'from', issues, timeZone)
  const to = dayOf(params.to, today.label, 'to', issues, timeZone)
  const toEnd = bucketOf('day', to.start, timeZone).end
  if (issues.length === 0 && toEnd <= from.start) issues.push({ field: 'to', message: 'must not be before from' })
  if (issues.length === 0 && toEnd - from.start > MAX_HISTORY_DAYS * DAY_MS) issues.push({ field: 'to', message: `a range spans at most ${MAX_HISTORY_DAYS} days` })
  const named = (field: 'component' | 'location'): string | null => {
    const value = params[field]
    if (value === undefined || value === '') return null
    if (!NAME.test(value)) issues.push({ field, message: 'expected a name of letters, digits, . _ -' })
    return value
  }
  const component = named('component')
  const location = named('location')
  const rawType = params.type ?? 'all'
  const type: HistoryType = rawType === 'incident' || rawType === 'maintenance' || rawType === 'all' ? rawType : 'all'
  if (type !== rawType) issues.push({ field: 'type', message: 'expected all, incident or maintenance' })
  const query: HistoryQuery = { fromDay: from.day, toDay: to.day, from: from.start, to: toEnd, component, location, type }
  return issues.length === 0 ? { ok: true, query } : { ok: false, issues, query }
}
