/**
 * Recomputing stale rollups: minutes from the stored results, then the hours and calendar days
 * that contain them by merging the records below (never by re-reading raw results).
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { bucketsBetween, coverageLookback, mergeRollups, rollupBuckets, type CalendarBucket, type RollupRecord } from '../records/index.js'
import type { RollupGranularity, RollupRow, Store } from '../store/index.js'
import { feedSampleOf, FALLBACK_CHECK_INTERVAL_MS } from './series-feeds.js'
import { HOUR_MS, MINUTE_MS, runsOf, type RollupTarget } from './targets.js'

/** Hours whose minutes are read (and parsed) at once: 180 records, ~15 ms of work on a slow core. */
const HOURS_PER_READ = 3
/** Minutes rolled up in one synchronous call: ~15 ms on a slow core. */
const MINUTES_PER_CALL = 240

/**
 * The minute records of a target's stale minutes, from its checks' results (read one run of
 * nearby minutes at a time, with the coverage look-back before it).
 *
 * @example
 * const rows = await minuteRows(store, target, snapshot.intervals)
 */
export async function minuteRows(store: Store, target: RollupTarget, intervals: ReadonlyMap<string, number>): Promise<RollupRow[]> {
  const rows: RollupRow[] = []
  for (const run of runsOf([...target.minutes], MINUTE_MS, HOUR_MS, MINUTES_PER_CALL)) {
    const outcomes = await store.results.outcomesBetween(target.checkIds, run.from - coverageLookback(target.intervalMs), run.to)
    const samples = outcomes.map((row) => feedSampleOf(row, intervals.get(row.checkId) ?? FALLBACK_CHECK_INTERVAL_MS))
    const records = rollupBuckets(samples, run.starts.map((start) => ({ from: start, to: start + MINUTE_MS })))
    for (const record of records) rows.push({ scope: target.scope, key: target.key, granularity: 'minute', record })
    await yieldToLoop()
  }
  return rows
}

/** The hours (UTC) that contain the given minutes. */
export function hoursOf(minutes: Iterable<number>): Set<number> {
  const hours = new Set<number>()
  for (const minute of minutes) hours.add(Math.floor(minute / HOUR_MS) * HOUR_MS)
  return hours
}

/**
 * The hour records of a target's stale hours, each merged from the stored minute records inside it.
 *
 * @example
 * await store.rollups.upsert(await hourRows(store, target, hoursOf(target.minutes)), now)
 */
export async function hourRows(store: Store, target: RollupTarget, hours: ReadonlySet<number>): Promise<RollupRow[]> {
  const rows: RollupRow[] = []
  const sorted = [...hours].sort((a, b) => a - b)
  for (let first = 0; first < sorted.length; first += HOURS_PER_READ) {
    const group = sorted.slice(first, first + HOURS_PER_READ)
    const minutes = await store.rollups.between(target.scope, target.key, 'minute', group[0]!, group[group.length - 1]! + HOUR_MS)
    for (const hour of group) {
      const inside = minutes.filter((record) => record.bucketStart >= hour && record.bucketStart < hour + HOUR_MS)
      rows.push(row(target, 'hour', mergeRollups(inside, { from: hour, to: hour + HOUR_MS })))
    }
    await yieldToLoop()
  }
  return rows
}

/** The calendar days (in `timeZone`) that overlap the given hours. */
export function daysOf(hours: Iterable<number>, timeZone: string): CalendarBucket[] {
  const days = new Map<number, CalendarBucket>()
  for (const hour of hours) for (const day of bucketsBetween('day', hour, hour + HOUR_MS, timeZone)) days.set(day.start, day)
  return [...days.values()].sort((a, b) => a.start - b.start)
}

/**
 * The day records of a target's stale days, each merged from its stored hours — or from its
 * minutes when the zone's day does not begin on a UTC hour (offsets such as +05:30).
 *
 * @example
 * await store.rollups.upsert(await dayRows(store, target, daysOf(hours, 'Europe/Berlin')), now)
 */
export async function dayRows(store: Store, target: RollupTarget, days: readonly CalendarBucket[]): Promise<RollupRow[]> {
  const rows: RollupRow[] = []
  for (const day of days) {
    const onHours = day.start % HOUR_MS === 0 && day.end % HOUR_MS === 0
    const parts = await store.rollups.between(target.scope, target.key, onHours ? 'hour' : 'minute', day.start, day.end)
    rows.push(row(target, 'day', mergeRollups(parts, { from: day.start, to: day.end })))
    await yieldToLoop()
  }
  return rows
}

function row(target: RollupTarget, granularity: RollupGranularity, record: RollupRecord): RollupRow {
  return { scope: target.scope, key: target.key, granularity, record }
}
