/**
 * When a recurring window starts: by a cron expression or by weekdays and a time, both in an
 * IANA time zone. Occurrences are the instants of the matching local minutes (see `wall-time.ts`
 * for DST: a start in the spring-forward gap moves past the gap by as much as it lay inside it,
 * a start in the repeated hour happens once, the first time), each at most once.
 *
 * @module
 */
import { dayMatches, parseCron, WEEKDAY_NAMES, type CronFields } from './cron.js'
import { instantOf, isTimeZone, wallMs, wallTimeOf } from './wall-time.js'

/** A weekday as written in config and the API. */
export type Weekday = (typeof WEEKDAY_NAMES)[number]

/** When the windows of a series start. */
export type Schedule =
  | { cron: string; timeZone: string }
  | { weekdays: readonly Weekday[]; at: string; timeZone: string }

/** A schedule checked and ready to enumerate. */
export interface CompiledSchedule {
  fields: CronFields
  timeZone: string
}

/** A schedule that cannot be used; `path` names the field (`cron`, `at`, `timeZone`, `weekdays`). */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError'
  constructor(readonly path: string, message: string) {
    super(message)
  }
}

const HOUR = 3_600_000
const DAY = 86_400_000
/** Wall times this far either side are looked at, as no UTC offset changes by more in one step. */
const OFFSET_SLACK = 3 * HOUR
/** The farthest a next occurrence is looked for (29 Feb on a given weekday can be 28 years away; we stop at 8). */
const SEARCH_LIMIT = 8 * 366 * DAY

/**
 * Checks and compiles a schedule, or throws a {@link ScheduleError}.
 *
 * @example
 * compileSchedule({ weekdays: ['sun'], at: '02:00', timeZone: 'Europe/Berlin' })
 */
export function compileSchedule(schedule: Schedule): CompiledSchedule {
  if (!isTimeZone(schedule.timeZone)) throw new ScheduleError('timeZone', `"${schedule.timeZone}" is not an IANA time zone (such as UTC or Europe/Berlin)`)
  if ('cron' in schedule) {
    try {
      return { fields: parseCron(schedule.cron), timeZone: schedule.timeZone }
    } catch (error) {
      throw new ScheduleError('cron', (error as Error).message)
    }
  }
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.at)
  if (time === null) throw new ScheduleError('at', `"${schedule.at}" is not a time HH:MM (00:00–23:59)`)
  if (schedule.weekdays.length === 0) throw new ScheduleError('weekdays', 'name at least one weekday (sun, mon, tue, wed, thu, fri, sat)')
  const days = schedule.weekdays.map((day) => WEEKDAY_NAMES.indexOf(day))
  const bad = schedule.weekdays.find((_, index) => days[index]! < 0)
  if (bad !== undefined) throw new ScheduleError('weekdays', `"${bad}" is not a weekday (sun, mon, tue, wed, thu, fri, sat)`)
  return { fields: parseCron(`${Number(time[2])} ${Number(time[1])} * * ${days.join(',')}`), timeZone: schedule.timeZone }
}

/** The matching local minutes from wall time `fromWall` to `toWall` (zone-free ms, inclusive). */
function* matchingWallTimes(fields: CronFields, fromWall: number, toWall: number): Generator<number> {
  const hours = [...fields.hours].sort((a, b) => a - b)
  const minutes = [...fields.minutes].sort((a, b) => a - b)
  for (let day = Math.floor(fromWall / DAY) * DAY; day <= toWall; day += DAY) {
    const date = new Date(day)
    if (!dayMatches(fields, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) continue
    for (const hour of hours) {
      for (const minute of minutes) {
        const wall = day + hour * HOUR + minute * 60_000
        if (wall >= fromWall && wall <= toWall) yield wall
      }
    }
  }
}

function toWallTime(wall: number) {
  const date = new Date(wall)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() }
}

/**
 * The start instants in [from, to), ascending and distinct.
 *
 * @example
 * occurrencesBetween(compileSchedule({ cron: '0 2 * * *', timeZone: 'UTC' }), from, from + 7 * 86_400_000) // 7 instants
 */
export function occurrencesBetween(schedule: CompiledSchedule, from: number, to: number): number[] {
  if (to <= from) return []
  const fromWall = wallMs(wallTimeOf(from, schedule.timeZone)) - OFFSET_SLACK
  const toWall = wallMs(wallTimeOf(to, schedule.timeZone)) + OFFSET_SLACK
  const found = new Set<number>()
  for (const wall of matchingWallTimes(schedule.fields, fromWall, toWall)) {
    const instant = instantOf(toWallTime(wall), schedule.timeZone)
    if (instant >= from && instant < to) found.add(instant)
  }
  return [...found].sort((a, b) => a - b)
}

/**
 * The first start strictly after `after`, or null when there is none within 8 years (such as
 * `0 0 30 2 *`).
 *
 * @example
 * nextOccurrence(compileSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' }), Date.now())
 */
export function nextOccurrence(schedule: CompiledSchedule, after: number): number | null {
  const from = Math.floor(after / 60_000) * 60_000 + 60_000
  for (let span = 2 * DAY, start = from; start - from < SEARCH_LIMIT; start += span, span *= 2) {
    const [first] = occurrencesBetween(schedule, start, start + span)
    if (first !== undefined) return first
  }
  return null
}
