/**
 * Each flag evaluated over the samples of one vantage point: the value, whether it is raised, and
 * how many samples of the window it looked at.
 *
 * @module
 */
import type { Sample } from '../core/series.js'
import type { FlagCodes, FlagConfig, WindowRange, WindowSpec } from './types.js'

/** The interval assumed for `Nx` windows when neither the caller nor any sample gives one. */
export const FALLBACK_INTERVAL_MS = 60_000

/** What one vantage's samples said about one flag. */
export interface FlagReading {
  raised: boolean
  value: number | null
  samples: number
}

/**
 * Resolves a window to instants ending at `now`.
 *
 * @example
 * resolveWindow({ intervals: 3 }, 1_000_000, 10_000) // { from: 970000, to: 1000000 }
 */
export function resolveWindow(spec: WindowSpec, now: number, intervalMs: number): WindowRange {
  const length = 'ms' in spec ? spec.ms : spec.intervals * intervalMs
  return { from: now - length, to: now }
}

/**
 * The threshold of a flag for a location: its per-location override, else its own. For `noData`
 * it is the length of the window.
 *
 * @example
 * thresholdFor(errorRateFlag, 'R1', window) // 0.2 when `thresholds: { R1: 0.2 }`
 */
export function thresholdFor(flag: FlagConfig, location: string | undefined, window: WindowRange): number {
  if (flag.kind === 'noData') return window.to - window.from
  const override = location === undefined ? undefined : flag.thresholds[location]
  return override ?? flag.threshold
}

/**
 * The nearest-rank percentile of ascending values: the smallest value with at least p % of the
 * values at or below it. Null for no values.
 *
 * @example
 * percentile([10, 20, 30, 40], 50) // 20
 */
export function percentile(ascending: readonly number[], p: number): number | null {
  if (ascending.length === 0) return null
  const rank = Math.max(1, Math.ceil((p / 100) * ascending.length))
  return ascending[rank - 1]!
}

/** How a flag sees samples: which it counts at all, and which of those are failures. */
interface FailureView {
  counts(sample: Sample): boolean
  fails(sample: Sample): boolean
}

/**
 * Without codes, failures that do not count against availability (quota, rate limits, the
 * monitor's own trouble) say nothing. With codes, every sample counts and only the listed codes fail.
 */
function failureView(codes: FlagCodes | undefined): FailureView {
  if (codes === undefined) return { counts: (sample) => sample.ok || sample.countsAgainst, fails: (sample) => !sample.ok }
  const listed = new Set<string>(codes)
  return { counts: () => true, fails: (sample) => !sample.ok && sample.failureCode != null && listed.has(sample.failureCode) }
}

function errorRate(inWindow: readonly Sample[], threshold: number, minSamples: number, view: FailureView): FlagReading {
  const counted = inWindow.filter(view.counts)
  if (counted.length === 0) return { raised: false, value: null, samples: 0 }
  const value = counted.filter(view.fails).length / counted.length
  return { raised: counted.length >= minSamples && value > threshold, value, samples: counted.length }
}

function latency(inWindow: readonly Sample[], p: number, threshold: number, minSamples: number): FlagReading {
  const durations = inWindow
    .filter((sample) => sample.ok && Number.isFinite(sample.durationMs))
    .map((sample) => sample.durationMs)
    .sort((a, b) => a - b)
  const value = percentile(durations, p)
  return { raised: value !== null && durations.length >= minSamples && value > threshold, value, samples: durations.length }
}

function consecutiveFailures(newestFirst: readonly Sample[], threshold: number, view: FailureView): FlagReading {
  const counted = newestFirst.filter(view.counts)
  let run = 0
  while (run < counted.length && view.fails(counted[run]!)) run++
  return { raised: run >= threshold, value: counted.length === 0 ? null : run, samples: counted.length }
}

/**
 * Evaluates one flag over one vantage's samples, newest first. For `noData` the value is the age
 * of the newest sample in the window (null when there is none) and `raised` means this vantage is
 * silent; the quorum decides what that means for the series.
 *
 * @example
 * readFlag(flag, samplesNewestFirst, { from: now - 300_000, to: now }, 'R1')
 * // { raised: true, value: 0.6, samples: 5 }
 */
export function readFlag(
  flag: FlagConfig,
  newestFirst: readonly Sample[],
  window: WindowRange,
  location: string | undefined,
): FlagReading {
  const inWindow = newestFirst.filter((sample) => sample.at > window.from && sample.at <= window.to)
  const threshold = thresholdFor(flag, location, window)
  switch (flag.kind) {
    case 'errorRate':
      return errorRate(inWindow, threshold, flag.minSamples, failureView(flag.codes))
    case 'latency':
      return latency(inWindow, flag.percentile, threshold, flag.minSamples)
    case 'consecutiveFailures':
      return consecutiveFailures(inWindow, threshold, failureView(flag.codes))
    case 'noData': {
      const newest = inWindow[0]
      return { raised: newest === undefined, value: newest === undefined ? null : window.to - newest.at, samples: inWindow.length }
    }
  }
}
