/**
 * Parameters the records routes share: a time range from `from`/`to` query strings, and the
 * (component, location) series a path names. A mistake in either is a 4xx problem with a
 * detail saying what was wrong, never a 500.
 *
 * @module
 */
import { z } from '@hono/zod-openapi'
import type { SeriesKey } from '../core/series.js'
import { isTimeZone, localDateStart } from '../records/index.js'
import type { Store } from '../store/index.js'
import { ApiError } from './problem.js'

/** A half-open range `[from, to)` in epoch ms. */
export interface TimeRange {
  from: number
  to: number
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/

/** The `from` and `to` query parameters: an ISO 8601 instant with offset, or a calendar date. */
export const rangeQueryFields = {
  from: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'start (inclusive): ISO 8601 instant with offset, YYYY-MM-DD or YYYY-MM (local midnight)', example: '2026-11-01' }),
  to: z.string().max(40).optional().openapi({ description: 'end (exclusive), same forms', example: '2026-11-22T10:00:00Z' }),
}

function badRange(path: string, message: string): ApiError {
  return new ApiError(400, 'invalid-range', 'Invalid time range', `${path}: ${message}`, [{ path, message }])
}

/**
 * An instant from a query value: an ISO 8601 instant with its offset, or `YYYY-MM-DD` /
 * `YYYY-MM` meaning that local midnight in `timeZone`.
 *
 * @example
 * parseInstant('from', '2025-03', 'Europe/Berlin') // Date.parse('2025-02-28T23:00:00Z')
 */
export function parseInstant(path: string, text: string, timeZone: string): number {
  const date = /^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    try {
      return localDateStart(date, timeZone)
    } catch {
      throw badRange(path, `"${text}" is not a calendar date`)
    }
  }
  const parsed = INSTANT.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(parsed)) throw badRange(path, `must be an ISO 8601 instant with offset, YYYY-MM-DD or YYYY-MM, not "${text}"`)
  return parsed
}

/**
 * The range of a request: `to` defaults to `now`, `from` to `to − defaultSpanMs`; `from` must be
 * before `to` and the span at most `maxSpanMs`.
 *
 * @example
 * timeRange({ from: '2026-11-01' }, { now, defaultSpanMs: DAY, maxSpanMs: 400 * DAY, timeZone: 'UTC' })
 */
export function timeRange(
  query: { from?: string | undefined; to?: string | undefined },
  options: { now: number; defaultSpanMs: number; maxSpanMs: number; timeZone: string },
): TimeRange {
  const to = query.to === undefined ? options.now : parseInstant('to', query.to, options.timeZone)
  const from = query.from === undefined ? to - options.defaultSpanMs : parseInstant('from', query.from, options.timeZone)
  if (from >= to) throw badRange('from', 'must be before to')
  if (to - from > options.maxSpanMs) throw badRange('to', `the range may span at most ${Math.floor(options.maxSpanMs / 86_400_000)} days`)
  return { from, to }
}

/** Checks a `timeZone` query value; a 400 problem when it is not an IANA zone. */
export function checkTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) throw new ApiError(400, 'invalid-request', 'Invalid request', `timeZone: "${timeZone}" is not an IANA time zone`, [{ path: 'timeZone', message: 'not an IANA time zone' }])
  return timeZone
}

/**
 * The series a path names, when the component exists (archived ones too, their history is
 * public) and the location is one of its feeds' (any, for an archived component); else 404.
 *
 * @example
 * const series = await knownSeries(store, 'compute', 'R1') // { component: 'compute', location: 'R1' }
 */
export async function knownSeries(store: Store, component: string, location: string): Promise<SeriesKey> {
  const row = (await store.components.list({ includeArchived: true })).find((c) => c.name === component)
  if (row === undefined) throw new ApiError(404, 'not-found', 'Not found', `no component named "${component}"`)
  if (row.archivedAt !== null) return { component, location }
  const locations = [...new Set((await store.components.feeds()).filter((feed) => feed.componentId === row.id).map((feed) => feed.location))].sort()
  if (!locations.includes(location)) {
    throw new ApiError(404, 'not-found', 'Not found', `component "${component}" has no location "${location}" (its locations: ${locations.join(', ') || 'none'})`)
  }
  return { component, location }
}
