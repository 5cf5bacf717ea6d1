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

/** A stored result, reduced to what makes buckets stale. */
export interface TouchingResult {
  checkId: string
  startedAt: number
}

function addMinutes(target: RollupTarget, from: number, to: number): void {
  for (let minute = Math.floor(from / MINUTE_MS) * MINUTE_MS; minute < to; minute += MINUTE_MS) target.minutes.add(minute)
}

/**
 * The targets `results` make stale, each with its stale minutes: a result changes its own check
 * and every series its check feeds, from its start for 1.5 × its check's interval.
 *
 * @example
 * staleTargets([{ checkId, startedAt: Date.parse('2025-03-30T00:00:30Z') }], snapshot)
 * // [{ scope: 'check', key: checkId, minutes: Set { …00:00, …00:01 } }, { scope: 'series', key: 'compute@R1', … }]
 */
export function staleTargets(results: readonly TouchingResult[], snapshot: FeedsSnapshot): RollupTarget[] {
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
  for (const result of results) {
    const intervalMs = snapshot.intervals.get(result.checkId) ?? FALLBACK_CHECK_INTERVAL_MS
    const range = { from: result.startedAt, to: result.startedAt + coverageLookback(intervalMs) }
    addMinutes(targetOf('check', result.checkId, [result.checkId], intervalMs), range.from, range.to)
    for (const series of seriesOfCheck.get(result.checkId) ?? []) {
      addMinutes(targetOf('series', series.id, series.checkIds, series.intervalMs), range.from, range.to)
    }
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
