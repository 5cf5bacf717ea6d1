/**
 * Coverage: which moments of a series the samples speak for, and what they say.
 *
 * A sample covers the time from its start until the next sample of the same feed (one check or
 * scenario operation seen from one vantage point), at most {@link COVERAGE_FACTOR} × its
 * interval; after that the feed says nothing (no data). A series fed by several feeds is, at each
 * moment, `down` if any covering sample failed and counts against availability, else `up` if any
 * covering sample passed, else `excluded` if a covering sample failed without counting against
 * availability, else `no_data`. Maintenance windows override all of that.
 *
 * @module
 */
import type { Sample } from '../core/index.js'

/** A sample covers at most this many times its check's interval. */
export const COVERAGE_FACTOR = 1.5

/** A half-open span of time `[from, to)` in epoch ms. */
export interface Interval {
  from: number
  to: number
}

/**
 * A sample with the feed it belongs to: the identity of one timeline, i.e. one check (or one
 * operation of a scenario) from one vantage point, e.g. `http-api|local`.
 */
export interface FeedSample extends Sample {
  feed: string
}

/** What a sample says about the time it covers. */
export type SampleState = 'up' | 'down' | 'excluded'

/** What a moment of a series is counted as. */
export type CoverageState = SampleState | 'no_data' | 'maintenance'

/** One run of equal state: `[from, to)`. */
export interface TimelineSegment extends Interval {
  state: CoverageState
}

/**
 * Whether a sample passed, failed against availability, or failed without counting against it.
 *
 * @example
 * sampleState({ ...sample, ok: false, countsAgainst: false }) // 'excluded'
 */
export function sampleState(sample: Sample): SampleState {
  if (sample.ok) return 'up'
  return sample.countsAgainst ? 'down' : 'excluded'
}

const RANK: Readonly<Record<SampleState, number>> = { up: 0, excluded: 1, down: 2 }

/**
 * Orders samples by start, then (at the same instant) worst last, then by result id, and drops
 * repeated result ids: the same set gives the same list whatever order it arrived in.
 *
 * @example
 * canonicalSamples([late, early, early]) // [early, late]
 */
export function canonicalSamples<T extends Sample>(samples: readonly T[]): T[] {
  const sorted = [...samples].sort(
    (a, b) =>
      a.at - b.at ||
      RANK[sampleState(a)] - RANK[sampleState(b)] ||
      (a.resultId < b.resultId ? -1 : a.resultId > b.resultId ? 1 : 0),
  )
  const seen = new Set<string>()
  return sorted.filter((sample) => {
    if (seen.has(sample.resultId)) return false
    seen.add(sample.resultId)
    return true
  })
}

/**
 * How far before a range samples must be read so every sample covering part of it is seen.
 *
 * @example
 * coverageLookback(60_000) // 90000
 */
export function coverageLookback(maxIntervalMs: number): number {
  return COVERAGE_FACTOR * maxIntervalMs
}

/**
 * The time whose figures a new (or late) sample can change: from its start for 1.5 × the larger
 * of its interval and `previousIntervalMs` (the longest interval its feed had before it), since
 * it also cuts short the coverage of the sample before it. A rollup job recomputes every bucket
 * overlapping this range.
 *
 * @example
 * affectedRange(sample) // { from: sample.at, to: sample.at + 1.5 * sample.intervalMs }
 */
export function affectedRange(sample: Sample, previousIntervalMs = sample.intervalMs): Interval {
  const longest = Math.max(0, sample.intervalMs, previousIntervalMs)
  return { from: sample.at, to: sample.at + COVERAGE_FACTOR * longest }
}

function feedSegments(samples: readonly FeedSample[]): Array<Interval & { state: SampleState }> {
  const segments: Array<Interval & { state: SampleState }> = []
  samples.forEach((sample, i) => {
    const next = samples[i + 1]
    const limit = sample.at + COVERAGE_FACTOR * Math.max(0, sample.intervalMs)
    const to = next === undefined ? limit : Math.min(limit, next.at)
    if (to > sample.at) segments.push({ from: sample.at, to, state: sampleState(sample) })
  })
  return segments
}

interface Edge {
  at: number
  key: SampleState | 'maintenance'
  delta: number
}

function edges(samples: readonly FeedSample[], range: Interval, maintenance: readonly Interval[]): Edge[] {
  const byFeed = new Map<string, FeedSample[]>()
  for (const sample of canonicalSamples(samples)) {
    const list = byFeed.get(sample.feed)
    if (list === undefined) byFeed.set(sample.feed, [sample])
    else list.push(sample)
  }
  const found: Edge[] = []
  const add = (span: Interval, key: Edge['key']): void => {
    const from = Math.max(span.from, range.from)
    const to = Math.min(span.to, range.to)
    if (to <= from) return
    found.push({ at: from, key, delta: 1 }, { at: to, key, delta: -1 })
  }
  for (const feed of byFeed.values()) for (const segment of feedSegments(feed)) add(segment, segment.state)
  for (const window of maintenance) add(window, 'maintenance')
  return found.sort((a, b) => a.at - b.at)
}

function stateOf(active: Readonly<Record<Edge['key'], number>>): CoverageState {
  if (active.maintenance > 0) return 'maintenance'
  if (active.down > 0) return 'down'
  if (active.up > 0) return 'up'
  if (active.excluded > 0) return 'excluded'
  return 'no_data'
}

/**
 * The timeline of a series over `range`: contiguous segments tiling `[range.from, range.to)`,
 * adjacent segments always differing in state. Pass samples from
 * `range.from − coverageLookback(maxInterval)` on, and maintenance windows that apply to the
 * series. For the running bucket pass `range.to = now`: the future is not no data.
 *
 * @example
 * coverageTimeline(samples, { from, to }, [{ from: m1, to: m2 }])
 * // [{ from, to: t1, state: 'up' }, { from: t1, to: t2, state: 'no_data' }, …]
 */
export function coverageTimeline(
  samples: readonly FeedSample[],
  range: Interval,
  maintenance: readonly Interval[] = [],
): TimelineSegment[] {
  if (range.to <= range.from) return []
  const timeline: TimelineSegment[] = []
  const active = { up: 0, down: 0, excluded: 0, maintenance: 0 }
  let cursor = range.from
  const push = (to: number): void => {
    if (to <= cursor) return
    const state = stateOf(active)
    const last = timeline[timeline.length - 1]
    if (last !== undefined && last.state === state) last.to = to
    else timeline.push({ from: cursor, to, state })
    cursor = to
  }
  for (const edge of edges(samples, range, maintenance)) {
    push(edge.at)
    active[edge.key] += edge.delta
  }
  push(range.to)
  return timeline
}
