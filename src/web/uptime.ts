/**
 * The numbers under each (component, location) on the page, from stored rollups: one cell per
 * calendar day for the 90-day bars, and the uptime of the last 24 h, 7, 30 and 90 days and the
 * year. Time no rollup covers counts as no data (never as up), so a window without any data
 * has no availability at all.
 *
 * @module
 */
import { addBreakdowns, availabilityOf, bucketOf, bucketsBetween, type TimeBreakdown } from '../records/index.js'

/** The uptime windows the page prints. */
export const UPTIME_WINDOWS = ['24h', '7d', '30d', '90d', '1y'] as const
/** One of {@link UPTIME_WINDOWS}. */
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number]

/** Measured availability of a span and how much of it any result covered. */
export interface UptimeFigure {
  /** up / (up + down); null when nothing counted was measured. */
  availability: number | null
  /** Measured time ÷ (measured + no-data time), 0–1; maintenance is outside both. */
  coverage: number
}

/** One day of a bar. */
export interface DayFigure extends UptimeFigure {
  label: string
  start: number
  end: number
  /** Time in maintenance that day. */
  maintenanceMs: number
}

/** One stored rollup's bucket and time breakdown: all the page needs of a rollup. */
export interface BucketBreakdown extends TimeBreakdown {
  bucketStart: number
  bucketEnd: number
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** The days of the bars. */
export const BAR_DAYS = 90

function figureOf(breakdown: TimeBreakdown): UptimeFigure {
  const measured = breakdown.upMs + breakdown.downMs + breakdown.excludedMs
  const whole = measured + breakdown.noDataMs
  return { availability: availabilityOf(breakdown), coverage: whole === 0 ? 0 : measured / whole }
}

/** The buckets inside [from, to) summed; the time before `now` that none covers counts as no data. */
function merged(buckets: readonly BucketBreakdown[], from: number, to: number, now: number): UptimeFigure {
  const inside = buckets.filter((bucket) => bucket.bucketStart >= from && bucket.bucketEnd <= to)
  const total = addBreakdowns(inside)
  const countedTo = Math.max(from, Math.min(to, now))
  let covered = 0
  for (const bucket of inside) covered += Math.max(0, Math.min(bucket.bucketEnd, countedTo) - bucket.bucketStart)
  total.noDataMs += countedTo - from - covered
  return figureOf(total)
}

/** The first day bucket of the last `days` local days up to `now`, and the end of today. */
function lastDays(days: number, now: number, timeZone: string): { from: number; to: number } {
  const today = bucketOf('day', now, timeZone)
  const first = bucketsBetween('day', now - (days - 1) * DAY_MS - HOUR_MS, now, timeZone).at(-days) ?? today
  return { from: first.start, to: today.end }
}

/**
 * The days and spans every series of one read shares: computed once per read, since local
 * calendar arithmetic costs far more than summing a series' rollups.
 */
export interface UptimeCalendar {
  now: number
  /** The {@link BAR_DAYS} day buckets of the bars, oldest first. */
  barDays: readonly { label: string; start: number; end: number }[]
  /** The day-rollup span of each window counted in days. */
  daySpans: Record<'30d' | '90d' | '1y', { from: number; to: number }>
  /** The end of the running UTC hour. */
  hourEnd: number
}

/**
 * The calendar of a read at `now` in `timeZone`.
 *
 * @example
 * uptimeCalendar(Date.now(), 'UTC').barDays.length // 90
 */
export function uptimeCalendar(now: number, timeZone: string): UptimeCalendar {
  const year = lastDays(365, now, timeZone)
  const days = bucketsBetween('day', year.from, now + 1, timeZone)
  const spanOf = (count: number) => ({ from: days.at(-count)?.start ?? year.from, to: year.to })
  return {
    now,
    barDays: days.slice(-BAR_DAYS).map((bucket) => ({ label: bucket.label, start: bucket.start, end: bucket.end })),
    daySpans: { '30d': spanOf(30), '90d': spanOf(90), '1y': year },
    hourEnd: Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS,
  }
}

/**
 * The cells of the last {@link BAR_DAYS} local days, oldest first; a day without a rollup has no
 * availability and no coverage.
 *
 * @example
 * dayFigures(dayBuckets, uptimeCalendar(Date.now(), 'UTC')).length // 90
 */
export function dayFigures(dayBuckets: readonly BucketBreakdown[], calendar: UptimeCalendar): DayFigure[] {
  const byStart = new Map(dayBuckets.map((bucket) => [bucket.bucketStart, bucket]))
  return calendar.barDays.map((bucket) => {
    const record = byStart.get(bucket.start)
    const figure = record === undefined ? { availability: null, coverage: 0 } : figureOf(record)
    return { ...figure, label: bucket.label, start: bucket.start, end: bucket.end, maintenanceMs: record?.maintenanceMs ?? 0 }
  })
}

/**
 * Uptime over each window: 24 h and 7 days from hour rollups (whole UTC hours up to the running
 * one), 30 and 90 days and the year from day rollups (whole local days up to today).
 *
 * @example
 * uptimeFigures({ days, hours }, uptimeCalendar(Date.now(), 'UTC'))['30d'] // { availability: 0.9993, coverage: 0.98 }
 */
export function uptimeFigures(records: { days: readonly BucketBreakdown[]; hours: readonly BucketBreakdown[] }, calendar: UptimeCalendar): Record<UptimeWindow, UptimeFigure> {
  const { now, hourEnd, daySpans } = calendar
  return {
    '24h': merged(records.hours, hourEnd - 24 * HOUR_MS, hourEnd, now),
    '7d': merged(records.hours, hourEnd - 7 * DAY_MS, hourEnd, now),
    '30d': merged(records.days, daySpans['30d'].from, daySpans['30d'].to, now),
    '90d': merged(records.days, daySpans['90d'].from, daySpans['90d'].to, now),
    '1y': merged(records.days, daySpans['1y'].from, daySpans['1y'].to, now),
  }
}
