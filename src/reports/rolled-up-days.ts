/**
 * Which days of a report can come from stored day rollups instead of raw results.
 *
 * @module
 */
import { coverageLookback, type Interval, type RollupRecord } from '../records/index.js'
import { RESULTS_WATERMARK } from '../records-job/index.js'
import type { Store } from '../store/index.js'

/**
 * The stored day records of a series that can stand for report buckets: a record is used only
 * when it spans exactly a bucket (same calendar day in the report's zone), the day has ended
 * before `now`, and the records job has processed results stored at least one coverage
 * look-back after the day ended — so every result of that day stored in time is in it.
 * Results stored later than that are the records job's next run; until then the day record
 * may lag by exactly those late results.
 *
 * @example
 * const days = await rolledUpDays(store, 'compute@R1', buckets, { now, maxIntervalMs: 60_000 })
 * days.get(buckets[3].from) // the stored record of that day, or undefined → compute from raw
 */
export async function rolledUpDays(
  store: Store,
  key: string,
  buckets: readonly Interval[],
  options: { now: number; maxIntervalMs: number },
): Promise<Map<number, RollupRecord>> {
  const found = new Map<number, RollupRecord>()
  const first = buckets[0]
  const last = buckets[buckets.length - 1]
  if (first === undefined || last === undefined) return found
  const watermark = await store.rollups.watermark(RESULTS_WATERMARK)
  if (watermark === null) return found
  const settledBefore = Math.min(options.now, watermark - coverageLookback(options.maxIntervalMs))
  const ends = new Map(buckets.map((bucket) => [bucket.from, bucket.to]))
  for (const record of await store.rollups.between('series', key, 'day', first.from, last.to)) {
    if (ends.get(record.bucketStart) === record.bucketEnd && record.bucketEnd <= settledBefore) found.set(record.bucketStart, record)
  }
  return found
}
