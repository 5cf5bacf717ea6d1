/**
 * The availability report from stored data: each (component, location) series' results become
 * samples, are rolled up per calendar day (and partial days at ragged edges), and go through the
 * records' report with declared impacts beside them.
 *
 * @module
 */
import { COUNTS_AGAINST_AVAILABILITY, type FailureCode } from '../core/failure.js'
import { seriesId, type SeriesKey } from '../core/series.js'
import { parseStoredCheck } from '../config/index.js'
import {
  buildAvailabilityReport,
  coverageLookback,
  dayStart,
  rollupBuckets,
  type AvailabilityReport,
  type FeedSample,
  type Impact,
  type Interval,
} from '../records/index.js'
import type { OutcomeRow, Store } from '../store/index.js'

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

function toSample(row: OutcomeRow, intervalMs: number): FeedSample {
  const code = row.failureCode as FailureCode | null
  return {
    at: row.startedAt,
    durationMs: row.durationMs,
    ok: row.ok,
    countsAgainst: row.ok || code === null || (COUNTS_AGAINST_AVAILABILITY[code] ?? true),
    vantage: 'local',
    intervalMs,
    resultId: row.id,
    feed: `${row.checkId}|local`,
  }
}

/** Whole local days inside [from, to) plus the partial days at either edge, ascending. */
function reportBuckets(from: number, to: number, timeZone: string): Interval[] {
  const buckets: Interval[] = []
  let start = from
  while (start < to) {
    const nextDay = dayStart(start, timeZone) === start ? dayStart(start + 26 * 3_600_000, timeZone) : dayStart(start + 26 * 3_600_000, timeZone)
    const end = Math.min(to, nextDay > start ? nextDay : start + 86_400_000)
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
  const intervals = new Map(checks.map((row) => [row.id, parseStoredCheck(row.definition)?.interval ?? 60_000]))
  const names = new Map(components.map((row) => [row.id, row.name]))
  return feeds
    .filter((feed) => component === undefined || names.get(feed.componentId) === component)
    .map((feed) => ({
      series: { component: names.get(feed.componentId)!, location: feed.location },
      checkId: feed.checkId,
      intervalMs: intervals.get(feed.checkId) ?? 60_000,
    }))
}

/**
 * Builds the report for a range. Components are today's; their checks' stored results since
 * `from` (and one coverage look-back before it) are the evidence.
 *
 * @example
 * const report = await availabilityReport(store, { from, to, timeZone: 'Europe/Berlin', now: Date.now() }, [])
 */
export async function availabilityReport(store: Store, request: ReportRequest, impacts: readonly Impact[]): Promise<AvailabilityReport> {
  const feeds = await seriesFeeds(store, request.component)
  const lookback = coverageLookback(Math.max(60_000, ...feeds.map((feed) => feed.intervalMs)))
  const rows = await store.results.outcomesBetween([...new Set(feeds.map((feed) => feed.checkId))], request.from - lookback, request.to)
  const buckets = reportBuckets(request.from, request.to, request.timeZone)
  const bySeries = new Map<string, { series: SeriesKey; samples: FeedSample[] }>()
  for (const feed of feeds) {
    const entry = bySeries.get(seriesId(feed.series)) ?? { series: feed.series, samples: [] }
    for (const row of rows) if (row.checkId === feed.checkId) entry.samples.push(toSample(row, feed.intervalMs))
    bySeries.set(seriesId(feed.series), entry)
  }
  const measured = [...bySeries.values()].map(({ series, samples }) => ({
    series,
    records: rollupBuckets(samples, buckets, { now: request.now }),
  }))
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
