/**
 * What a batch of newly stored results makes stale: for every check and every series they feed,
 * the minute buckets whose figures those results can change — from a result's start for 1.5 ×
 * its check's interval (the records' `affectedRange`: it covers that time, and cuts short the
 * coverage of the result before it).
 *
 * @module
 */
import { coverageLookback } from '../records/index.js'
import type { RollupScope } from '../store/index.js'
import { FALLBACK_CHECK_INTERVAL_MS, type FeedsSnapshot } from './series-feeds.js'

/** A minute is 60 000 ms; minutes and hours are UTC. */
export const MINUTE_MS = 60_000
/** An hour, in ms. */
export const HOUR_MS = 3_600_000

/** One thing rolled up: a check, or a series with the checks feeding it. */
export interface RollupTarget {
  scope: RollupScope
  /** The check id, or the `seriesId`. */
  key: string
  checkIds: readonly string[]
  /** The longest interval among `checkIds`, for the coverage look-back. */
  intervalMs: number
  /** Start instants of the minute buckets to recompute. */
  minutes: Set<number>
}

/** Results of one check that started in [from, to] (a span summarised by the store). */
export interface StaleSpan {
  checkId: string
  from: number
  to: number
}

/** Time of one series whose records must be recomputed (a maintenance window changed over it). */
export interface SeriesSpan {
  seriesId: string
  from: number
  to: number
}

function addMinutes(target: RollupTarget, from: number, to: number): void {
  for (let minute = Math.floor(from / MINUTE_MS) * MINUTE_MS; minute < to; minute += MINUTE_MS) target.minutes.add(minute)
}

/**
 * The targets that results and maintenance changes make stale, each with its stale minutes: a
 * result changes its own check and every series its check feeds, from its start for 1.5 × its
 * check's interval; a maintenance change changes its series over the window's time.
 *
 * @example
 * staleTargets([{ checkId, from: Date.parse('2025-03-30T00:00:30Z'), to: Date.parse('2025-03-30T00:00:30Z') }], snapshot)
 * // [{ scope: 'check', key: checkId, minutes: Set { …00:00, …00:01 } }, { scope: 'series', key: 'compute@R1', … }]
 */
export function staleTargets(spans: readonly StaleSpan[], snapshot: FeedsSnapshot, seriesSpans: readonly SeriesSpan[] = []): RollupTarget[] {
  const seriesOfCheck = new Map<string, typeof snapshot.series>()
  for (const series of snapshot.series) {
    for (const checkId of series.checkIds) seriesOfCheck.set(checkId, [...(seriesOfCheck.get(checkId) ?? []), series])
  }
  const targets = new Map<string, RollupTarget>()
  const targetOf = (scope: RollupScope, key: string, checkIds: readonly string[], intervalMs: number): RollupTarget => {
    const id = `${scope}\u0000${key}`
    let target = targets.get(id)
    if (target === undefined) {
      target = { scope, key, checkIds, intervalMs, minutes: new Set() }
      targets.set(id, target)
    }
    return target
  }
  for (const span of spans) {
    const intervalMs = snapshot.intervals.get(span.checkId) ?? FALLBACK_CHECK_INTERVAL_MS
    const to = span.to + coverageLookback(intervalMs)
    addMinutes(targetOf('check', span.checkId, [span.checkId], intervalMs), span.from, to)
    for (const series of seriesOfCheck.get(span.checkId) ?? []) {
      addMinutes(targetOf('series', series.id, series.checkIds, series.intervalMs), span.from, to)
    }
  }
  const seriesById = new Map(snapshot.series.map((series) => [series.id, series]))
  for (const span of seriesSpans) {
    const series = seriesById.get(span.seriesId)
    if (series !== undefined) addMinutes(targetOf('series', series.id, series.checkIds, series.intervalMs), span.from, span.to)
  }
  return [...targets.values()]
}

/**
 * Splits bucket starts into ascending runs that are read together: a new run starts where the
 * gap to the previous bucket exceeds `maxGapMs` (so one query never spans a long idle stretch)
 * or the run holds `maxBuckets` (so one computation never holds the event loop for long).
 *
 * @example
 * runsOf([0, 60_000, 120_000, 7_200_000], 60_000, 3_600_000) // [{ from: 0, to: 180000, starts: […] }, { from: 7200000, … }]
 */
export function runsOf(
  starts: readonly number[],
  sizeMs: number,
  maxGapMs: number,
  maxBuckets = Number.POSITIVE_INFINITY,
): { from: number; to: number; starts: number[] }[] {
  const runs: { from: number; to: number; starts: number[] }[] = []
  for (const start of [...starts].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1]
    if (last !== undefined && start - last.to <= maxGapMs && last.starts.length < maxBuckets) {
      last.starts.push(start)
      last.to = start + sizeMs
    } else {
      runs.push({ from: start, to: start + sizeMs, starts: [start] })
    }
  }
  return runs
}
