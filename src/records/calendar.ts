/**
 * Calendar buckets: minutes and hours in UTC; days and months as calendar days in an IANA time
 * zone, so a day is 23, 24 or 25 hours long around DST changes.
 *
 * @module
 */
import { localTimeOf } from '../core/time-zone.js'

export { isTimeZone } from '../core/time-zone.js'

/** The granularities records are kept at. `month` buckets are only ever merged, never stored. */
export type Granularity = 'minute' | 'hour' | 'day' | 'month'

/** One bucket `[start, end)` in epoch ms, with a label (`2025-03-30`, `2025-03`, an ISO instant). */
export interface CalendarBucket {
  start: number
  end: number
  label: string
}

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
/** Wide enough for every UTC offset (−12 h … +14 h) plus a skipped local midnight. */
const SEARCH_MS = 16 * HOUR_MS

function dayNumber(time: { year: number; month: number; day: number }): number {
  return Date.UTC(time.year, time.month - 1, time.day) / 86_400_000
}

function offsetAt(instant: number, timeZone: string): number {
  const t = localTimeOf(instant, timeZone)
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)
  return wall - (instant - (((instant % 1000) + 1000) % 1000))
}

/**
 * The first instant of the local calendar day numbered `day` (days since 1970-01-01). When local
 * midnight does not exist (a zone that springs forward at 00:00), the day starts at the first
 * instant that exists.
 */
function startOfLocalDay(day: number, timeZone: string): number {
  const wallMidnight = day * 86_400_000
  const guess = wallMidnight - offsetAt(wallMidnight - offsetAt(wallMidnight, timeZone), timeZone)
  const isStart = (t: number): boolean => dayNumber(localTimeOf(t, timeZone)) >= day
  if (isStart(guess) && !isStart(guess - 1)) return guess
  let before = wallMidnight - SEARCH_MS
  let after = wallMidnight + SEARCH_MS
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2)
    if (isStart(middle)) after = middle
    else before = middle
  }
  return after
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The start of the calendar day (in `timeZone`) that contains `instant`.
 *
 * @example
 * dayStart(Date.parse('2025-03-30T12:00:00Z'), 'Europe/Berlin') // Date.parse('2025-03-29T23:00:00Z')
 */
export function dayStart(instant: number, timeZone = 'UTC'): number {
  return startOfLocalDay(dayNumber(localTimeOf(instant, timeZone)), timeZone)
}

/**
 * The instant a local date (`YYYY-MM-DD`) begins in `timeZone`, e.g. for `--from 2025-03-01`.
 *
 * @example
 * localDateStart('2025-03-01', 'Europe/Berlin') // Date.parse('2025-02-28T23:00:00Z')
 */
export function localDateStart(date: string, timeZone = 'UTC'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const day = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  if (!Number.isFinite(day) || isoDay(day / 86_400_000) !== date) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`)
  return startOfLocalDay(day / 86_400_000, timeZone)
}

/**
 * The calendar days (in `timeZone`) that overlap `[from, to)`, whole: the first may start before
 * `from` and the last end after `to`. Each is 23, 24 or 25 hours long.
 *
 * @example
 * dayBuckets(from, to, 'Europe/Berlin')[0] // { start, end, label: '2025-03-30' }
 */
export function dayBuckets(from: number, to: number, timeZone = 'UTC'): CalendarBucket[] {
  const buckets: CalendarBucket[] = []
  let day = dayNumber(localTimeOf(from, timeZone))
  let start = startOfLocalDay(day, timeZone)
  while (start < to) {
    const end = startOfLocalDay(day + 1, timeZone)
    buckets.push({ start, end, label: isoDay(day) })
    day += 1
    start = end
  }
  return buckets
}

/**
 * The calendar months (in `timeZone`) that overlap `[from, to)`, whole, labelled `YYYY-MM`.
 *
 * @example
 * monthBuckets(from, to, 'Europe/Berlin') // [{ start, end, label: '2025-03' }] — 743 hours long
 */
export function monthBuckets(from: number, to: number, timeZone = 'UTC'): CalendarBucket[] {
  const buckets: CalendarBucket[] = []
  const first = localTimeOf(from, timeZone)
  let year = first.year
  let month = first.month
  let start = startOfLocalDay(dayNumber({ year, month, day: 1 }), timeZone)
  while (start < to) {
    const label = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
    year += month === 12 ? 1 : 0
    month = month === 12 ? 1 : month + 1
    const end = startOfLocalDay(dayNumber({ year, month, day: 1 }), timeZone)
    buckets.push({ start, end, label })
    start = end
  }
  return buckets
}

function fixedBuckets(from: number, to: number, size: number): CalendarBucket[] {
  const buckets: CalendarBucket[] = []
  for (let start = from - (((from % size) + size) % size); start < to; start += size) {
    buckets.push({ start, end: start + size, label: new Date(start).toISOString() })
  }
  return buckets
}

/**
 * The buckets of a granularity that overlap `[from, to)`: minutes and hours in UTC, days and
 * months in `timeZone`.
 *
 * @example
 * bucketsBetween('hour', from, to).length // 24 for one UTC day
 */
export function bucketsBetween(granularity: Granularity, from: number, to: number, timeZone = 'UTC'): CalendarBucket[] {
  if (granularity === 'minute') return fixedBuckets(from, to, MINUTE_MS)
  if (granularity === 'hour') return fixedBuckets(from, to, HOUR_MS)
  if (granularity === 'day') return dayBuckets(from, to, timeZone)
  return monthBuckets(from, to, timeZone)
}

/**
 * The bucket of a granularity that contains `instant`.
 *
 * @example
 * bucketOf('day', Date.parse('2025-10-26T12:00:00Z'), 'Europe/Berlin').end - start // 25 h
 */
export function bucketOf(granularity: Granularity, instant: number, timeZone = 'UTC'): CalendarBucket {
  return bucketsBetween(granularity, instant, instant + 1, timeZone)[0]!
}

/**
 * An instant as local wall time in `timeZone`, `YYYY-MM-DD HH:MM` (for reports).
 *
 * @example
 * localDateTime(Date.parse('2025-02-28T23:00:00Z'), 'Europe/Berlin') // '2025-03-01 00:00'
 */
export function localDateTime(instant: number, timeZone = 'UTC'): string {
  const t = localTimeOf(instant, timeZone)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${isoDay(dayNumber(t))} ${two(t.hour)}:${two(t.minute)}`
}
