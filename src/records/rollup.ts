/**
 * Rollup records: the pure summary of a bucket (minute, hour, day) of a series or a check, and
 * how records merge into larger buckets.
 *
 * @module
 */
import { addBreakdowns, availabilityOf, summarizeTimeline, type AvailabilityFigures } from './availability.js'
import { canonicalSamples, coverageTimeline, type FeedSample, type Interval } from './coverage.js'
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

function countSamples(samples: readonly FeedSample[], bucket: Interval): Pick<RollupRecord, 'count' | 'failures' | 'latency'> {
  const latency = new LatencyHistogram()
  let count = 0
  let failures = 0
  for (const sample of samples) {
    if (sample.at < bucket.from || sample.at >= bucket.to) continue
    count += 1
    if (!sample.ok) failures += 1
    else if (Number.isFinite(sample.durationMs)) latency.add(Math.max(0, sample.durationMs))
  }
  return { count, failures, latency }
}

/**
 * Rolls samples up into consecutive, non-overlapping buckets at once (one timeline, sliced).
 * Pass samples from `coverageLookback(maxInterval)` before the first bucket on. The result
 * depends only on the set of samples: order, duplicates (same result id) and late arrival do
 * not change it.
 *
 * @example
 * rollupBuckets(samples, bucketsBetween('minute', from, to), { maintenance })
 */
export function rollupBuckets(
  samples: readonly FeedSample[],
  buckets: readonly Interval[],
  options: RollupOptions = {},
): RollupRecord[] {
  if (buckets.length === 0) return []
  const unique = canonicalSamples(samples)
  const range = countedSpan({ from: buckets[0]!.from, to: buckets[buckets.length - 1]!.to }, options.now)
  const timeline = coverageTimeline(unique, range, options.maintenance)
  return buckets.map((bucket) => ({
    bucketStart: bucket.from,
    bucketEnd: bucket.to,
    ...countSamples(unique, bucket),
    ...summarizeTimeline(timeline, countedSpan(bucket, options.now)),
  }))
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
