/**
 * Recurring schedules of maintenance: a five-field cron expression or weekdays and a time, in an
 * IANA time zone, with the DST rules of RFC 5545 (a start in the spring-forward gap moves past
 * it; a start in the repeated hour happens once). Pure functions; the series themselves live in
 * `incidents/` (service) and `store/` (table).
 *
 * @module
 */
export { CronSyntaxError, parseCron, WEEKDAY_NAMES, type CronFields } from './cron.js'
export { compileSchedule, nextOccurrence, occurrencesBetween, ScheduleError, type CompiledSchedule, type Schedule, type Weekday } from './schedule.js'
export { occurrenceId } from './occurrence-id.js'
export { createSeriesJob, type MaterializeRun, type SeriesJob, type SeriesJobOptions } from './job.js'
export { instantOf, wallTimeOf, isTimeZone, type WallTime } from './wall-time.js'
