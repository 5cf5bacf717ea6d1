/**
 * The SLA report as data: measured and declared availability side by side, per series and per
 * calendar month of a range (plus the whole range when it spans several months).
 *
 * @module
 */
import { seriesId, type SeriesKey } from '../core/index.js'
import type { AvailabilityFigures } from './availability.js'
import { monthBuckets } from './calendar.js'
import type { Interval } from './coverage.js'
import { declaredAvailability, type DeclaredFigures, type Impact } from './declared.js'
import { mergeRollups, type RollupRecord } from './rollup.js'
import { DEFAULT_SEVERITY_LEVELS, defaultSeverityWeights, type SeverityLevel } from './severity.js'

/** The stored rollups of one series; each record must lie within one month of the report. */
export interface ReportSeriesInput {
  series: SeriesKey
  records: readonly RollupRecord[]
}

/** Everything the report is computed from. */
export interface ReportInput {
  from: number
  to: number
  /** The zone whose calendar months the report is split into (default UTC). */
  timeZone?: string
  generatedAt: number
  /** Time at and after `now` is not counted (default: `to`). */
  now?: number
  measured: readonly ReportSeriesInput[]
  impacts: readonly Impact[]
  levels?: readonly SeverityLevel[]
  weights?: Readonly<Record<string, number>>
}

/** Measured figures of a row: time, availability, counts and percentiles from the merged histogram. */
export interface MeasuredFigures extends AvailabilityFigures {
  count: number
  failures: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
}

/** One series in one period (`2025-03`, or `total` for the whole range). */
export interface ReportRow {
  component: string
  location: string
  period: string
  from: number
  to: number
  measured: MeasuredFigures
  declared: DeclaredFigures
}

/** The report: its range, zone, weights and rows (by period, then series). */
export interface AvailabilityReport {
  from: number
  to: number
  timeZone: string
  generatedAt: number
  weights: Record<string, number>
  rows: ReportRow[]
}

interface Period extends Interval {
  label: string
}

function periodsOf(from: number, to: number, timeZone: string): Period[] {
  const months = monthBuckets(from, to, timeZone).map((month) => ({
    label: month.label,
    from: Math.max(month.start, from),
    to: Math.min(month.end, to),
  }))
  return months.length > 1 ? [...months, { label: 'total', from, to }] : months
}

function measuredOf(records: readonly RollupRecord[], period: Period, now: number): MeasuredFigures {
  const inside = records.filter((record) => record.bucketStart >= period.from && record.bucketStart < period.to)
  const merged = mergeRollups(inside, period, { now })
  const { latency, bucketStart, bucketEnd, ...figures } = merged
  return { ...figures, p50Ms: latency.quantile(0.5), p95Ms: latency.quantile(0.95), p99Ms: latency.quantile(0.99) }
}

/**
 * Builds the report. Pass rollup records (days, or hours and minutes at unaligned edges) of
 * each series inside `[from, to)`; time no record spans counts as no data. Series with impacts
 * but no records appear with no measured data.
 *
 * @example
 * buildAvailabilityReport({ from, to, timeZone: 'Europe/Berlin', generatedAt: Date.now(), measured, impacts })
 */
export function buildAvailabilityReport(input: ReportInput): AvailabilityReport {
  const timeZone = input.timeZone ?? 'UTC'
  const now = Math.min(input.now ?? input.to, input.to)
  const levels = input.levels ?? DEFAULT_SEVERITY_LEVELS
  const weights = { ...(input.weights ?? defaultSeverityWeights(levels)) }
  const records = new Map<string, readonly RollupRecord[]>()
  for (const entry of input.measured) records.set(seriesId(entry.series), entry.records)
  const rows: ReportRow[] = []
  for (const period of periodsOf(input.from, input.to, timeZone)) {
    const declared = declaredAvailability(input.impacts, period, {
      levels,
      weights,
      now,
      series: input.measured.map((entry) => entry.series),
    })
    for (const { series, figures } of declared) {
      rows.push({
        component: series.component,
        location: series.location,
        period: period.label,
        from: period.from,
        to: period.to,
        measured: measuredOf(records.get(seriesId(series)) ?? [], period, now),
        declared: figures,
      })
    }
  }
  return { from: input.from, to: input.to, timeZone, generatedAt: input.generatedAt, weights, rows }
}
