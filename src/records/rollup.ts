/**
 * Rollup records: the pure summary of a bucket (minute, hour, day) of a series or a check, and
 * how records merge into larger buckets.
 *
 * @module
 */
import { addBreakdowns, availabilityOf, summarizeTimeline, type AvailabilityFigures } from './availability.js'
import { canonicalSamples, coverageTimeline, type FeedSample, type Interval, type TimelineSegment } from './coverage.js'
import { LatencyHistogram } from './histogram.js'
import { histogramFromJson, histogramToJson, type HistogramJson } from './histogram-json.js'

/** The summary of one bucket. The five time parts add up to the time counted (bucket, up to `now`). */
export interface RollupRecord extends AvailabilityFigures {
  bucketStart: number
  bucketEnd: number
  /** Distinct samples (by result id) that started inside the bucket. */
  count: number
  /** Of those, how many failed (whether or not they count against availability). */
  failures: number
  /** Durations of the samples that passed and started inside the bucket. */
  latency: LatencyHistogram
}

/** What applies to the series besides its samples. */
export interface RollupOptions {
  /** Maintenance windows that apply to the series. */
  maintenance?: readonly Interval[]
  /** Time at and after `now` is not counted at all (a running bucket); default: count everything. */
  now?: number
}

function countedSpan(bucket: Interval, now: number | undefined): Interval {
  return { from: bucket.from, to: now === undefined ? bucket.to : Math.max(bucket.from, Math.min(bucket.to, now)) }
}

function countSamples(samples: readonly FeedSample[]): Pick<RollupRecord, 'count' | 'failures' | 'latency'> {
  const latency = new LatencyHistogram()
  let failures = 0
  for (const sample of samples) {
    if (!sample.ok) failures += 1
    else if (Number.isFinite(sample.durationMs)) latency.add(Math.max(0, sample.durationMs))
  }
  return { count: samples.length, failures, latency }
}

function checkAscending(buckets: readonly Interval[]): void {
  buckets.forEach((bucket, i) => {
    const previous = buckets[i - 1]
    if (bucket.to <= bucket.from || (previous !== undefined && bucket.from < previous.to)) {
      throw new RangeError(`buckets must be non-empty, ascending and not overlap (at ${bucket.from})`)
    }
  })
}

/** The index range `[first, end)` of the sorted samples starting inside `bucket`, searching from `start`. */
function samplesIn(samples: readonly FeedSample[], start: number, bucket: Interval): [number, number] {
  let first = start
  while (first < samples.length && samples[first]!.at < bucket.from) first += 1
  let end = first
  while (end < samples.length && samples[end]!.at < bucket.to) end += 1
  return [first, end]
}

/** The index range `[first, end)` of the timeline segments overlapping `span`, searching from `start`. */
function segmentsIn(timeline: readonly TimelineSegment[], start: number, span: Interval): [number, number] {
  let first = start
  while (first < timeline.length && timeline[first]!.to <= span.from) first += 1
  let end = first
  while (end < timeline.length && timeline[end]!.from < span.to) end += 1
  return [first, end]
}

/**
 * Rolls samples up into ascending, non-overlapping buckets at once (one timeline, sliced).
 * Pass samples from `coverageLookback(maxInterval)` before the first bucket on. The result
 * depends only on the set of samples: order, duplicates (same result id) and late arrival do
 * not change it.
 *
 * @example
 * rollupBuckets(samples, bucketsBetween('minute', from, to).map((b) => ({ from: b.start, to: b.end })), { maintenance })
 */
export function rollupBuckets(
  samples: readonly FeedSample[],
  buckets: readonly Interval[],
  options: RollupOptions = {},
): RollupRecord[] {
  if (buckets.length === 0) return []
  checkAscending(buckets)
  const unique = canonicalSamples(samples)
  const range = countedSpan({ from: buckets[0]!.from, to: buckets[buckets.length - 1]!.to }, options.now)
  const timeline = coverageTimeline(unique, range, options.maintenance)
  let sampleIndex = 0
  let segmentIndex = 0
  return buckets.map((bucket) => {
    const [firstSample, endSample] = samplesIn(unique, sampleIndex, bucket)
    const span = countedSpan(bucket, options.now)
    const [firstSegment, endSegment] = segmentsIn(timeline, segmentIndex, span)
    sampleIndex = endSample
    segmentIndex = firstSegment
    return {
      bucketStart: bucket.from,
      bucketEnd: bucket.to,
      ...countSamples(unique.slice(firstSample, endSample)),
      ...summarizeTimeline(timeline.slice(firstSegment, endSegment), span),
    }
  })
}

/**
 * Rolls samples up into one bucket.
 *
 * @example
 * rollupBucket(samples, { from: hourStart, to: hourStart + 3_600_000 }).latency.quantile(0.95)
 */
export function rollupBucket(samples: readonly FeedSample[], bucket: Interval, options: RollupOptions = {}): RollupRecord {
  return rollupBuckets(samples, [bucket], options)[0]!
}

function gapMs(records: readonly RollupRecord[], span: Interval): number {
  let covered = 0
  for (const record of records) covered += Math.max(0, Math.min(record.bucketEnd, span.to) - Math.max(record.bucketStart, span.from))
  return span.to - span.from - covered
}

/**
 * Merges records of smaller buckets (minutes, hours, days) into one larger bucket. Time of the
 * bucket (before `now`) that no record spans counts as no data, so store a record for every
 * bucket that any sample covers. Throws a `RangeError` when a record lies outside the bucket or
 * two records overlap (that would count time twice).
 *
 * @example
 * mergeRollups(minuteRecords, { from: hourStart, to: hourStart + 3_600_000 })
 */
export function mergeRollups(records: readonly RollupRecord[], bucket: Interval, options: { now?: number } = {}): RollupRecord {
  const sorted = [...records].sort((a, b) => a.bucketStart - b.bucketStart)
  sorted.forEach((record, i) => {
    if (record.bucketStart < bucket.from || record.bucketEnd > bucket.to) {
      throw new RangeError(`record [${record.bucketStart}, ${record.bucketEnd}) lies outside [${bucket.from}, ${bucket.to})`)
    }
    const previous = sorted[i - 1]
    if (previous !== undefined && record.bucketStart < previous.bucketEnd) {
      throw new RangeError(`records overlap at ${record.bucketStart}`)
    }
  })
  const breakdown = addBreakdowns(sorted)
  breakdown.noDataMs += gapMs(sorted, countedSpan(bucket, options.now))
  const latency = new LatencyHistogram()
  for (const record of sorted) latency.merge(record.latency)
  return {
    bucketStart: bucket.from,
    bucketEnd: bucket.to,
    count: sorted.reduce((sum, record) => sum + record.count, 0),
    failures: sorted.reduce((sum, record) => sum + record.failures, 0),
    latency,
    ...breakdown,
    availability: availabilityOf(breakdown),
  }
}

/** A rollup record as stored or served: the histogram in its JSON form. */
export type RollupRecordJson = Omit<RollupRecord, 'latency'> & { latency: HistogramJson }

/**
 * Writes a record as JSON data.
 *
 * @example
 * JSON.stringify(rollupToJson(record))
 */
export function rollupToJson(record: RollupRecord): RollupRecordJson {
  return { ...record, latency: histogramToJson(record.latency) }
}

/**
 * Reads a record written by {@link rollupToJson} (the histogram is validated).
 *
 * @example
 * rollupFromJson(JSON.parse(text)).latency.quantile(0.99)
 */
export function rollupFromJson(data: RollupRecordJson): RollupRecord {
  return { ...data, latency: histogramFromJson(data.latency) }
}
