/**
 * The availability report from stored data: each (component, location) series is summed per
 * calendar day (and partial days at ragged edges) — from the stored day rollups where they are
 * settled, else from its results — and goes through the records' report with declared impacts
 * beside them.
 *
 * @module
 */
import { seriesId, type SeriesKey } from '../core/series.js'
import { isSimulatedCheck, parseStoredCheckRow } from '../config/index.js'
import {
  buildAvailabilityReport,
  coverageLookback,
  dayStart,
  rollupBuckets,
  type AvailabilityReport,
  type Impact,
  type Interval,
  type RollupRecord,
} from '../records/index.js'
import { feedSampleOf, maintenanceIntervals, windowsBetween } from '../records-job/index.js'
import type { Store } from '../store/index.js'
import { applyMarks } from './marked-days.js'
import { rolledUpDays } from './rolled-up-days.js'

/** What to report on. */
export interface ReportRequest {
  from: number
  to: number
  timeZone: string
  /** Only this component (all when absent). */
  component?: string
  /** Time at and after `now` is not counted. */
  now: number
}

/** A moment of a series is measured from every check that feeds it; this is one check of one series. */
interface SeriesFeed {
  series: SeriesKey
  checkId: string
  intervalMs: number
}

/** One series with its checks and their intervals. */
interface ReportSeries {
  series: SeriesKey
  intervals: Map<string, number>
}

/** Whole local days inside [from, to) plus the partial days at either edge, ascending. */
function reportBuckets(from: number, to: number, timeZone: string): Interval[] {
  const buckets: Interval[] = []
  let start = from
  while (start < to) {
    // 26 h past a local midnight lies in the next local day (days are 23–25 h long).
    const nextDay = dayStart(dayStart(start, timeZone) + 26 * 3_600_000, timeZone)
    const end = Math.min(to, nextDay)
    buckets.push({ from: start, to: end })
    start = end
  }
  return buckets
}

async function seriesFeeds(store: Store, component: string | undefined): Promise<SeriesFeed[]> {
  const [checks, components, feeds] = await Promise.all([
    store.checks.list({ includeArchived: true }),
    store.components.list(),
    store.components.feeds(),
  ])
  const names = new Map(components.map((row) => [row.id, row.name]))
  const asked = feeds.filter((feed) => component === undefined || names.get(feed.componentId) === component)
  const fed = new Set(asked.map((feed) => feed.checkId))
  const parsed = new Map(checks.filter((row) => fed.has(row.id)).map((row) => [row.id, parseStoredCheckRow(row)]))
  const wanted = asked.filter((feed) => !isSimulatedCheck(parsed.get(feed.checkId) ?? null))
  const intervals = new Map([...parsed].map(([id, check]) => [id, check?.interval ?? 60_000]))
  return wanted.map((feed) => ({
    series: { component: names.get(feed.componentId)!, location: feed.location },
    checkId: feed.checkId,
    intervalMs: intervals.get(feed.checkId) ?? 60_000,
  }))
}

/** Splits ascending buckets into runs of adjacent ones, so raw results are read per run. */
function adjacentRuns(buckets: readonly Interval[]): Interval[][] {
  const runs: Interval[][] = []
  for (const bucket of buckets) {
    const run = runs[runs.length - 1]
    if (run !== undefined && run[run.length - 1]!.to === bucket.from) run.push(bucket)
    else runs.push([bucket])
  }
  return runs
}

/** Records of `buckets` computed from the series' raw results, one read per run of adjacent buckets. */
async function fromRaw(store: Store, entry: ReportSeries, buckets: readonly Interval[], now: number): Promise<RollupRecord[]> {
  const lookback = coverageLookback(Math.max(60_000, ...entry.intervals.values()))
  const records: RollupRecord[] = []
  for (const run of adjacentRuns(buckets)) {
    const rows = await store.results.outcomesBetween([...entry.intervals.keys()], run[0]!.from - lookback, run[run.length - 1]!.to)
    const samples = rows.map((row) => feedSampleOf(row, entry.intervals.get(row.checkId) ?? 60_000))
    const windows = await windowsBetween(store, run[0]!.from, run[run.length - 1]!.to)
    records.push(...rollupBuckets(samples, run, { now, maintenance: maintenanceIntervals(windows, entry.series) }))
  }
  return records
}

/** The records of one series: stored day rollups where they stand for a whole, settled day; raw results elsewhere. */
async function seriesRecords(store: Store, entry: ReportSeries, buckets: readonly Interval[], now: number): Promise<RollupRecord[]> {
  const maxIntervalMs = Math.max(60_000, ...entry.intervals.values())
  const rolled = await rolledUpDays(store, seriesId(entry.series), buckets, { now, maxIntervalMs })
  const raw = await fromRaw(store, entry, buckets.filter((bucket) => !rolled.has(bucket.from)), now)
  return [...rolled.values(), ...raw].sort((a, b) => a.bucketStart - b.bucketStart)
}

/**
 * Builds the report for a range. Components are today's; each series' whole days come from the
 * day rollups the records job stored when they are settled (see `rolledUpDays`), every other
 * bucket from its checks' stored results (with one coverage look-back before it). Days a mark
 * ("measurement not representative") touches come from raw results with the marked time
 * excluded (see `applyMarks`).
 *
 * @example
 * const report = await availabilityReport(store, { from, to, timeZone: 'Europe/Berlin', now: Date.now() }, [])
 */
export async function availabilityReport(store: Store, request: ReportRequest, impacts: readonly Impact[]): Promise<AvailabilityReport> {
  const feeds = await seriesFeeds(store, request.component)
  const buckets = reportBuckets(request.from, request.to, request.timeZone)
  const bySeries = new Map<string, ReportSeries>()
  for (const feed of feeds) {
    const entry = bySeries.get(seriesId(feed.series)) ?? { series: feed.series, intervals: new Map<string, number>() }
    entry.intervals.set(feed.checkId, feed.intervalMs)
    bySeries.set(seriesId(feed.series), entry)
  }
  const marks = await store.marks.overlapping(request.from, request.to, request.component)
  const measured: { series: SeriesKey; records: RollupRecord[] }[] = []
  for (const entry of bySeries.values()) {
    measured.push({ series: entry.series, records: await applyMarks(store, entry, await seriesRecords(store, entry, buckets, request.now), marks, request.now) })
  }
  return buildAvailabilityReport({
    from: request.from,
    to: request.to,
    timeZone: request.timeZone,
    generatedAt: request.now,
    now: request.now,
    measured,
    impacts: impacts.filter((impact) => request.component === undefined || impact.component === request.component),
  })
}
