/**
 * Recomputing stale rollups of one target: every stale hour is recomputed whole from the stored
 * results (one read per run of adjacent hours, with the coverage look-back before it), its stale
 * minutes from the same samples, and the calendar days containing those hours by merging hours
 * (the fresh ones in memory, the others read back). Minutes older than the minute retention and
 * hours older than the hour retention are not stored (the retention job would delete them at
 * once); hours whose results may already be deleted by retention are left as they are.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import {
  bucketsBetween,
  coverageLookback,
  mergeRollups,
  rollupBuckets,
  type CalendarBucket,
  type FeedSample,
  type Interval,
  type RollupRecord,
} from '../records/index.js'
import type { RollupGranularity, RollupRow, Store } from '../store/index.js'
import { feedSampleOf, FALLBACK_CHECK_INTERVAL_MS } from './series-feeds.js'
import { HOUR_MS, MINUTE_MS, runsOf, type RollupTarget } from './targets.js'

/** Samples rolled up in one synchronous call (a few ms on a slow core); runs of hours are cut to fit. */
const SAMPLES_PER_CALL = 6_000

/** What recomputing needs besides the target. */
export interface RecomputeContext {
  store: Store
  timeZone: string
  intervals: ReadonlyMap<string, number>
  /** Maintenance time of a series (by `seriesId`) near the recomputed range. */
  maintenanceOf(seriesId: string): Interval[]
  /** Minute records starting before this are not stored. */
  minuteCutoff: number
  /** Hour records starting before this are not stored (they are still merged into days). */
  hourCutoff: number
  /** Results that started before this may have been deleted by retention: hours reading them are skipped. */
  rawHorizon: number
}

/** The records recomputed for one target, by granularity. */
export type RecomputedRows = Record<RollupGranularity, RollupRow[]>

/** Samples of the previous target's reads, reused when the next target reads the same checks (a check and its one-check series). */
export interface SampleCache {
  checks: string
  runs: Map<string, FeedSample[]>
}

/**
 * A fresh cache for one batch.
 *
 * @example
 * const cache = sampleCache(); for (const target of targets) await recomputeTarget(ctx, target, cache)
 */
export function sampleCache(): SampleCache {
  return { checks: '', runs: new Map() }
}

async function samplesOf(ctx: RecomputeContext, target: RollupTarget, range: Interval, cache: SampleCache): Promise<FeedSample[]> {
  const checks = target.checkIds.join(',')
  if (cache.checks !== checks) {
    cache.checks = checks
    cache.runs.clear()
  }
  const key = `${range.from}-${range.to}`
  let samples = cache.runs.get(key)
  if (samples === undefined) {
    const outcomes = await ctx.store.results.outcomesBetween(target.checkIds, range.from, range.to)
    samples = outcomes.map((row) => feedSampleOf(row, ctx.intervals.get(row.checkId) ?? FALLBACK_CHECK_INTERVAL_MS))
    cache.runs.set(key, samples)
  }
  return samples
}

function samplesPerHour(target: RollupTarget, intervals: ReadonlyMap<string, number>): number {
  let perHour = 0
  for (const checkId of target.checkIds) perHour += HOUR_MS / Math.max(1_000, intervals.get(checkId) ?? FALLBACK_CHECK_INTERVAL_MS)
  return Math.max(1, perHour)
}

function row(target: RollupTarget, granularity: RollupGranularity, record: RollupRecord): RollupRow {
  return { scope: target.scope, key: target.key, granularity, record }
}

/** The stale hours of a target that can be recomputed (their results, look-back included, are all still stored). */
function recomputableHours(ctx: RecomputeContext, target: RollupTarget): number[] {
  const hours = new Set<number>()
  for (const minute of target.minutes) hours.add(Math.floor(minute / HOUR_MS) * HOUR_MS)
  const lookback = coverageLookback(target.intervalMs)
  return [...hours].filter((hour) => hour - lookback >= ctx.rawHorizon).sort((a, b) => a - b)
}

async function hoursAndMinutes(ctx: RecomputeContext, target: RollupTarget, cache: SampleCache, rows: RecomputedRows): Promise<Map<number, RollupRecord>> {
  const computed = new Map<number, RollupRecord>()
  const hoursPerRun = Math.max(1, Math.min(24, Math.floor(SAMPLES_PER_CALL / samplesPerHour(target, ctx.intervals))))
  const maintenance = target.scope === 'series' ? ctx.maintenanceOf(target.key) : []
  const staleMinutes = [...target.minutes].filter((minute) => minute >= ctx.minuteCutoff).sort((a, b) => a - b)
  let minuteIndex = 0
  for (const run of runsOf(recomputableHours(ctx, target), HOUR_MS, 0, hoursPerRun)) {
    const samples = await samplesOf(ctx, target, { from: run.from - coverageLookback(target.intervalMs), to: run.to }, cache)
    const hours = rollupBuckets(samples, run.starts.map((start) => ({ from: start, to: start + HOUR_MS })), { maintenance })
    for (const hour of hours) {
      computed.set(hour.bucketStart, hour)
      if (hour.bucketStart >= ctx.hourCutoff) rows.hour.push(row(target, 'hour', hour))
    }
    while (minuteIndex < staleMinutes.length && staleMinutes[minuteIndex]! < run.from) minuteIndex += 1
    const minutes: Interval[] = []
    for (; minuteIndex < staleMinutes.length && staleMinutes[minuteIndex]! < run.to; minuteIndex += 1) {
      minutes.push({ from: staleMinutes[minuteIndex]!, to: staleMinutes[minuteIndex]! + MINUTE_MS })
    }
    for (const minute of rollupBuckets(samples, minutes, { maintenance })) rows.minute.push(row(target, 'minute', minute))
    await yieldToLoop()
  }
  return computed
}

/** The calendar days (in `timeZone`) that overlap the given ascending hours; a day's bounds are computed once (time-zone maths is slow). */
function daysOf(hours: Iterable<number>, timeZone: string): CalendarBucket[] {
  const days: CalendarBucket[] = []
  for (const hour of hours) {
    const last = days[days.length - 1]
    if (last !== undefined && hour >= last.start && hour + HOUR_MS <= last.end) continue
    for (const day of bucketsBetween('day', hour, hour + HOUR_MS, timeZone)) if (day.start > (days[days.length - 1]?.start ?? -Infinity)) days.push(day)
  }
  return days
}

/** A day whose zone begins it on a UTC hour merges hours; otherwise (offsets such as +05:30) it is rolled up from results. */
async function dayRecord(ctx: RecomputeContext, target: RollupTarget, day: CalendarBucket, computed: ReadonlyMap<number, RollupRecord>, cache: SampleCache): Promise<RollupRecord | null> {
  const bucket = { from: day.start, to: day.end }
  if (day.start % HOUR_MS !== 0 || day.end % HOUR_MS !== 0) {
    const from = day.start - coverageLookback(target.intervalMs)
    if (from < ctx.rawHorizon) return null
    const maintenance = target.scope === 'series' ? ctx.maintenanceOf(target.key) : []
    return rollupBuckets(await samplesOf(ctx, target, { from, to: day.end }, cache), [bucket], { maintenance })[0]!
  }
  const parts = new Map<number, RollupRecord>()
  for (let hour = day.start; hour < day.end; hour += HOUR_MS) {
    const fresh = computed.get(hour)
    if (fresh !== undefined) parts.set(hour, fresh)
  }
  if (parts.size < (day.end - day.start) / HOUR_MS) {
    for (const stored of await ctx.store.rollups.between(target.scope, target.key, 'hour', day.start, day.end)) {
      if (!parts.has(stored.bucketStart)) parts.set(stored.bucketStart, stored)
    }
  }
  return mergeRollups([...parts.values()], bucket)
}

/**
 * Recomputes one target's stale records (not stored yet: the caller upserts them).
 *
 * @example
 * const rows = await recomputeTarget(ctx, target, sampleCache())
 * await store.rollups.upsert([...rows.minute, ...rows.hour, ...rows.day], now)
 */
export async function recomputeTarget(ctx: RecomputeContext, target: RollupTarget, cache: SampleCache): Promise<RecomputedRows> {
  const rows: RecomputedRows = { minute: [], hour: [], day: [] }
  const computed = await hoursAndMinutes(ctx, target, cache, rows)
  for (const day of daysOf(computed.keys(), ctx.timeZone)) {
    const record = await dayRecord(ctx, target, day, computed, cache)
    if (record !== null) rows.day.push(row(target, 'day', record))
  }
  return rows
}
