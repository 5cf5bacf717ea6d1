/**
 * The numbers under each (component, location) on the page, from stored rollups: one cell per
 * calendar day for the 90-day bars, and the uptime of the last 24 h, 7, 30 and 90 days and the
 * year. Time no rollup covers counts as no data (never as up), so a window without any data
 * has no availability at all.
 *
 * @module
 */
import { bucketOf, bucketsBetween, mergeRollups, type RollupRecord } from '../records/index.js'

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

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** The days of the bars. */
export const BAR_DAYS = 90

function figureOf(record: RollupRecord): UptimeFigure {
  const measured = record.upMs + record.downMs + record.excludedMs
  const whole = measured + record.noDataMs
  return { availability: record.availability, coverage: whole === 0 ? 0 : measured / whole }
}

function merged(records: readonly RollupRecord[], from: number, to: number, now: number): UptimeFigure {
  const inside = records.filter((record) => record.bucketStart >= from && record.bucketEnd <= to)
  return figureOf(mergeRollups(inside, { from, to }, { now }))
}

/** The first day bucket of the last `days` local days up to `now`, and the end of today. */
export function lastDays(days: number, now: number, timeZone: string): { from: number; to: number } {
  const today = bucketOf('day', now, timeZone)
  const first = bucketsBetween('day', now - (days - 1) * DAY_MS - HOUR_MS, now, timeZone).at(-days) ?? today
  return { from: first.start, to: today.end }
}

/**
 * The cells of the last {@link BAR_DAYS} local days, oldest first; a day without a rollup has no
 * availability and no coverage.
 *
 * @example
 * dayFigures(records, Date.now(), 'UTC').length // 90
 */
export function dayFigures(dayRecords: readonly RollupRecord[], now: number, timeZone: string): DayFigure[] {
  const { from } = lastDays(BAR_DAYS, now, timeZone)
  const byStart = new Map(dayRecords.map((record) => [record.bucketStart, record]))
  return bucketsBetween('day', from, now + 1, timeZone).map((bucket) => {
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
 * uptimeFigures({ days, hours }, Date.now(), 'UTC')['30d'] // { availability: 0.9993, coverage: 0.98 }
 */
export function uptimeFigures(records: { days: readonly RollupRecord[]; hours: readonly RollupRecord[] }, now: number, timeZone: string): Record<UptimeWindow, UptimeFigure> {
  const hourEnd = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS
  const byDays = (days: number): UptimeFigure => {
    const span = lastDays(days, now, timeZone)
    return merged(records.days, span.from, span.to, now)
  }
  return {
    '24h': merged(records.hours, hourEnd - 24 * HOUR_MS, hourEnd, now),
    '7d': merged(records.hours, hourEnd - 7 * DAY_MS, hourEnd, now),
    '30d': byDays(30),
    '90d': byDays(90),
    '1y': byDays(365),
  }
}
