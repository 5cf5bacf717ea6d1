/**
 * Recurring maintenance in config: a `maintenance:` entry with `recurrence:` (instead of `start`
 * and `end`) declares a series, and the `maintenanceSeries:` section says how far ahead its
 * windows are materialized and how often that runs.
 *
 * @module
 */
import { z } from 'zod'
import { compileSchedule, ScheduleError, WEEKDAY_NAMES } from '../maintenance-series/index.js'
import { durationMs } from './check-schema.js'

const DAY_MS = 86_400_000

/**
 * `recurrence:` — when the windows of a series start (`cron:` or `weekdays:` with `at:`, in
 * `timeZone:`, default UTC) and how long each lasts.
 */
export const RecurrenceConfigSchema = z
  .strictObject({
    cron: z.string().optional().describe('five fields: minute hour day-of-month month day-of-week, e.g. "30 2 * * sun"'),
    weekdays: z.array(z.enum(WEEKDAY_NAMES)).min(1).optional().describe('e.g. [sun] or [tue, thu]; with `at`'),
    at: z.string().optional().describe('the local start time HH:MM, with `weekdays`'),
    timeZone: z.string().default('UTC').describe('an IANA time zone, e.g. Europe/Berlin; DST as in RFC 5545'),
    duration: durationMs
      .refine((ms) => ms >= 60_000 && ms <= 7 * DAY_MS, { message: 'a window lasts between 1m and 7d' })
      .describe('how long each window lasts, e.g. 2h'),
  })
  .superRefine((recurrence, context) => {
    const byCron = recurrence.cron !== undefined
    const byWeekday = recurrence.weekdays !== undefined || recurrence.at !== undefined
    if (byCron === byWeekday) {
      context.addIssue({ code: 'custom', path: byCron ? ['weekdays'] : [], message: 'give either `cron` or `weekdays` with `at`' })
      return
    }
    if (!byCron && (recurrence.weekdays === undefined || recurrence.at === undefined)) {
      context.addIssue({ code: 'custom', path: recurrence.at === undefined ? [] : ['at'], message: '`weekdays` and `at` go together' })
      return
    }
    try {
      compileSchedule(byCron ? { cron: recurrence.cron!, timeZone: recurrence.timeZone } : { weekdays: recurrence.weekdays!, at: recurrence.at!, timeZone: recurrence.timeZone })
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error
      context.addIssue({ code: 'custom', path: [error.path], message: error.message })
    }
  })

/** A validated `recurrence:` (duration in ms). */
export type RecurrenceConfig = z.infer<typeof RecurrenceConfigSchema>

/** `maintenanceSeries:` — how recurring windows are materialized. */
export const MaintenanceSeriesSettingsSchema = z.strictObject({
  horizon: durationMs
    .refine((ms) => ms >= DAY_MS && ms <= 366 * DAY_MS, { message: 'the horizon lies between 1d and 366d' })
    .default(30 * DAY_MS)
    .describe('how far ahead the windows of a series exist as ordinary windows (page, feeds, iCal, APIs, reminders); default 30d'),
  interval: durationMs
    .refine((ms) => ms >= 60_000 && ms <= DAY_MS, { message: 'the interval lies between 1m and 1d' })
    .default(3_600_000)
    .describe('how often the windows are materialized (also at start-up and on every reload); default 1h'),
})

/** A validated `maintenanceSeries:` section (durations in ms). */
export type MaintenanceSeriesSettings = z.infer<typeof MaintenanceSeriesSettingsSchema>
