/**
 * Measured availability with marks applied: time a mark covers counts as excluded (outside the
 * denominator, printed beside it), except maintenance, which stays maintenance. Buckets a mark
 * touches are computed again from raw results; the others are kept as they came.
 *
 * @module
 */
import type { SeriesKey } from '../core/index.js'
import { maintenanceImpacts } from '../incidents/index.js'
import { markedSpans, type MarkSpan } from '../marks/index.js'
import {
  coverageLookback,
  coverageTimeline,
  rollupBuckets,
  summarizeTimeline,
  type FeedSample,
  type Interval,
  type RollupRecord,
  type TimelineSegment,
} from '../records/index.js'
import { feedSampleOf } from '../records-job/index.js'
import type { MarkRow, Store } from '../store/index.js'

/** One series with the intervals of the checks feeding it. */
export interface MarkedSeries {
  series: SeriesKey
  intervals: ReadonlyMap<string, number>
}

/** Re-labels the parts of a timeline inside marked spans (sorted, merged) as excluded, unless they are maintenance. */
function excludeMarked(timeline: readonly TimelineSegment[], spans: readonly MarkSpan[]): TimelineSegment[] {
  const out: TimelineSegment[] = []
  for (const segment of timeline) {
    if (segment.state === 'maintenance') {
      out.push(segment)
      continue
    }
    let cursor = segment.from
    for (const span of spans) {
      const from = Math.max(span.from, cursor)
      const to = Math.min(span.to, segment.to)
      if (to <= from) continue
      if (from > cursor) out.push({ from: cursor, to: from, state: segment.state })
      out.push({ from, to, state: 'excluded' })
      cursor = to
    }
    if (cursor < segment.to) out.push({ from: cursor, to: segment.to, state: segment.state })
  }
  return out
}

async function maintenanceOf(store: Store, series: SeriesKey, range: Interval): Promise<Interval[]> {
  const windows = await store.maintenance.list({ from: range.from, to: range.to, limit: 10_000 })
  return maintenanceImpacts(windows, [series]).map((impact) => ({ from: impact.from, to: impact.to ?? range.to }))
}

/** Records of adjacent `run` buckets from raw results, with marked time excluded. */
async function markedRun(store: Store, entry: MarkedSeries, run: readonly Interval[], marks: readonly MarkRow[], now: number): Promise<RollupRecord[]> {
  const range = { from: run[0]!.from, to: run[run.length - 1]!.to }
  const lookback = coverageLookback(Math.max(60_000, ...entry.intervals.values()))
  const rows = await store.results.outcomesBetween([...entry.intervals.keys()], range.from - lookback, range.to)
  const samples: FeedSample[] = rows.map((row) => feedSampleOf(row, entry.intervals.get(row.checkId) ?? 60_000))
  const maintenance = await maintenanceOf(store, entry.series, range)
  const counted = { from: range.from, to: Math.max(range.from, Math.min(range.to, now)) }
  const timeline = excludeMarked(coverageTimeline(samples, counted, maintenance), markedSpans(marks, entry.series, counted, now))
  return rollupBuckets(samples, run, { now, maintenance }).map((record) => {
    const span = { from: record.bucketStart, to: Math.max(record.bucketStart, Math.min(record.bucketEnd, now)) }
    return { ...record, ...summarizeTimeline(timeline, span) }
  })
}

/**
 * Applies marks to a series' report records: every record a mark of the series touches is
 * recomputed from raw results (maintenance windows applied, marked time excluded); the others
 * are returned unchanged.
 *
 * @example
 * const records = await applyMarks(store, entry, await seriesRecords(…), await store.marks.overlapping(from, to), now)
 */
export async function applyMarks(store: Store, entry: MarkedSeries, records: readonly RollupRecord[], marks: readonly MarkRow[], now: number): Promise<RollupRecord[]> {
  const touched = (record: RollupRecord): boolean => markedSpans(marks, entry.series, { from: record.bucketStart, to: record.bucketEnd }, now).length > 0
  if (!records.some(touched)) return [...records]
  const result: RollupRecord[] = []
  let run: RollupRecord[] = []
  const flush = async (): Promise<void> => {
    if (run.length === 0) return
    result.push(...(await markedRun(store, entry, run.map((record) => ({ from: record.bucketStart, to: record.bucketEnd })), marks, now)))
    run = []
  }
  for (const record of records) {
    if (touched(record) && (run.length === 0 || run[run.length - 1]!.bucketEnd === record.bucketStart)) {
      run.push(record)
      continue
    }
    await flush()
    if (touched(record)) run.push(record)
    else result.push(record)
  }
  await flush()
  return result
}
