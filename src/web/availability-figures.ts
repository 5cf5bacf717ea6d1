/**
 * The numbers of the availability report page, from `availabilityReport` (src/reports) — the
 * same code as `GET /api/v1/availability` and the CLI's SLA report, with the same declared
 * impacts: one report over the month for each series' figures, and one per day for its worst
 * day. Simulated series are not in any of them (the report leaves them out).
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import type { SeriesKey } from '../core/series.js'
import { declaredImpacts } from '../api/declared-impacts.js'
import { bucketsBetween, type ReportRow } from '../records/index.js'
import { availabilityReport } from '../reports/index.js'
import type { Store } from '../store/index.js'
import type { AvailabilityQuery, KnownSeries } from './availability-query.js'

/** The worst day of a series: the local day with the lowest measured availability. */
export interface WorstDay {
  day: string
  availability: number
}

/** One (component, location) of the month. */
export interface AvailabilityLine {
  component: string
  displayName: string
  location: string
  /** up / (up + down); null when nothing was measured. */
  availability: number | null
  /** Time with data ÷ (time with data + time without); null when the whole span was maintenance. */
  coverage: number | null
  dataMs: number
  noDataMs: number
  /** Declared downtime: impact time weighted by severity (maintenance excluded). */
  declaredDownMs: number
  maintenanceMs: number
  /** Null when no day of the month has measured data. */
  worstDay: WorstDay | null
}

/** What the page reads from the store. */
export interface AvailabilitySource {
  store: Store
  clock: Clock
  timeZone: string
}

const seriesKey = (series: SeriesKey): string => `${series.component}@${series.location}`

/**
 * Today's components (name and display name) and the (component, location) pairs their feeds
 * name, for the form and the query check.
 */
export async function reportableSeries(store: Store): Promise<{ known: KnownSeries; displayNames: Map<string, string>; series: SeriesKey[] }> {
  const [components, feeds] = await Promise.all([store.components.list(), store.components.feeds()])
  const names = new Map(components.map((row) => [row.id, row.name]))
  const series = new Map<string, SeriesKey>()
  for (const feed of feeds) {
    const key = { component: names.get(feed.componentId)!, location: feed.location }
    series.set(seriesKey(key), key)
  }
  const locations = [...new Set([...series.values()].map((key) => key.location))].sort()
  return {
    known: { components: components.map((row) => row.name), locations },
    displayNames: new Map(components.map((row) => [row.name, row.displayName])),
    series: [...series.values()],
  }
}

function worstDays(dailyRows: readonly ReportRow[]): Map<string, WorstDay> {
  const worst = new Map<string, WorstDay>()
  for (const row of dailyRows) {
    const availability = row.measured.availability
    if (availability === null) continue
    const key = seriesKey(row)
    const known = worst.get(key)
    if (known === undefined || availability < known.availability) worst.set(key, { day: row.period, availability })
  }
  return worst
}

/**
 * The lines of the month for the query's component and location, sorted by component, then location.
 *
 * @example
 * const lines = await availabilityLines({ store, clock, timeZone: 'UTC' }, query, await reportableSeries(store))
 */
export async function availabilityLines(
  source: AvailabilitySource,
  query: AvailabilityQuery,
  reportable: { displayNames: Map<string, string>; series: readonly SeriesKey[] },
): Promise<AvailabilityLine[]> {
  const now = source.clock.now()
  const to = Math.min(query.to, now)
  if (to <= query.from) return []
  const asked = reportable.series.filter((key) => (query.component === null || key.component === query.component) && (query.location === null || key.location === query.location))
  if (asked.length === 0) return []
  const wanted = new Set(asked.map(seriesKey))
  const component = query.component === null ? {} : { component: query.component }
  const impacts = await declaredImpacts(source.store, { from: query.from, to }, asked)
  const month = await availabilityReport(source.store, { from: query.from, to, timeZone: source.timeZone, now, ...component }, impacts)
  const daily: ReportRow[] = []
  for (const day of bucketsBetween('day', query.from, to, source.timeZone)) {
    const report = await availabilityReport(source.store, { from: day.start, to: Math.min(day.end, to), timeZone: source.timeZone, now, ...component }, [])
    daily.push(...report.rows.map((row) => ({ ...row, period: day.label })))
  }
  const worst = worstDays(daily.filter((row) => wanted.has(seriesKey(row))))
  return month.rows
    .filter((row) => wanted.has(seriesKey(row)))
    .map((row) => lineOf(row, reportable.displayNames, worst.get(seriesKey(row)) ?? null))
    .sort((a, b) => a.component.localeCompare(b.component) || a.location.localeCompare(b.location))
}

function lineOf(row: ReportRow, displayNames: Map<string, string>, worstDay: WorstDay | null): AvailabilityLine {
  const { measured } = row
  const dataMs = measured.upMs + measured.downMs + measured.excludedMs
  const whole = dataMs + measured.noDataMs
  return {
    component: row.component,
    displayName: displayNames.get(row.component) ?? row.component,
    location: row.location,
    availability: measured.availability,
    coverage: whole === 0 ? null : dataMs / whole,
    dataMs,
    noDataMs: measured.noDataMs,
    declaredDownMs: row.declared.downMs,
    maintenanceMs: measured.maintenanceMs,
    worstDay,
  }
}
