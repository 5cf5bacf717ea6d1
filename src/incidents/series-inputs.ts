/**
 * The inputs of recurring maintenance writes: a series' texts, targets, duration and schedule
 * (cron or weekdays, in a time zone), checked here once for every door.
 *
 * @module
 */
import { z } from 'zod'
import { compileSchedule, ScheduleError, type Weekday } from '../maintenance-series/index.js'
import { MaintenanceTargetSchema } from './inputs.js'

const publicText = (max: number) => z.string().trim().min(1).max(max)
const WEEK_MS = 7 * 86_400_000

/** A schedule: `{ cron, timeZone }` or `{ weekdays, at, timeZone }`; its parts (weekday names too) are checked by `compileSchedule`. */
export const SeriesScheduleSchema = z
  .union([
    z.strictObject({ cron: z.string(), timeZone: z.string().default('UTC') }),
    z.strictObject({ weekdays: z.array(z.string()).transform((days) => days as Weekday[]), at: z.string(), timeZone: z.string().default('UTC') }),
  ])
  .superRefine((schedule, context) => {
    try {
      compileSchedule(schedule)
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error
      context.addIssue({ code: 'custom', path: [error.path], message: error.message })
    }
  })

const seriesFields = {
  title: publicText(200),
  description: publicText(10_000).optional(),
  components: z.array(MaintenanceTargetSchema).min(1).max(500),
  durationMs: z.number().int().min(60_000, 'at least one minute').max(WEEK_MS, 'at most 7 days'),
  schedule: SeriesScheduleSchema,
}

/** A new series. */
export const NewSeriesSchema = z.strictObject(seriesFields)
export type NewSeries = z.input<typeof NewSeriesSchema>

/** A change of a series; what is left out stays. */
export const SeriesPatchSchema = z.strictObject({ ...seriesFields, description: seriesFields.description.nullable() }).partial()
export type SeriesPatch = z.input<typeof SeriesPatchSchema>
