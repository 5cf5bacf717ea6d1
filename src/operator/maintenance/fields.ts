/**
 * What the maintenance forms post, turned into service inputs: local date-times in a chosen time
 * zone (the same DST rules as recurring schedules), component checkboxes, durations, schedules.
 * Bad fields become an `InvalidInputError`, which the form shows as a flash.
 *
 * @module
 */
import { parseDuration } from '../../core/index.js'
import { InvalidInputError, type NewMaintenance, type NewSeries } from '../../incidents/index.js'
import { instantOf, isTimeZone, wallTimeOf, type Weekday } from '../../maintenance-series/index.js'
import { field } from '../writes.js'

type Form = Record<string, unknown>

/** Every value of a repeated field (checkboxes). */
export function valuesOf(form: Form, name: string): string[] {
  const value = form[name]
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value]
  return list.filter((item): item is string => typeof item === 'string')
}

/** The form's time zone (`timeZone`, default UTC). */
export function timeZoneOf(form: Form): string {
  const zone = field(form, 'timeZone') || 'UTC'
  if (!isTimeZone(zone)) throw new InvalidInputError([{ path: 'timeZone', message: `"${zone}" is not an IANA time zone (such as UTC or Europe/Berlin)` }])
  return zone
}

/** A `datetime-local` value (`2026-12-13T02:00`) in `timeZone` as epoch ms. */
export function instantField(form: Form, name: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(field(form, name))
  if (match === null) throw new InvalidInputError([{ path: name, message: 'expected a date and time such as 2026-12-13T02:00' }])
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  return instantOf({ year, month, day, hour, minute }, timeZone)
}

/** An instant as a `datetime-local` value in `timeZone`. */
export function localValue(instant: number, timeZone: string): string {
  const wall = wallTimeOf(instant, timeZone)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`
}

/** The checked components, each with all its locations. */
export function componentsOf(form: Form): { component: string }[] {
  return valuesOf(form, 'component').map((component) => ({ component }))
}

/** A new window from the schedule form. */
export function windowInput(form: Form): Omit<NewMaintenance, 'notify'> {
  const timeZone = timeZoneOf(form)
  const description = field(form, 'description')
  return {
    title: field(form, 'title'),
    ...(description === '' ? {} : { description }),
    components: componentsOf(form),
    start: instantField(form, 'start', timeZone),
    end: instantField(form, 'end', timeZone),
  }
}

/** A new series (or all fields of an edit) from the series form. */
export function seriesInput(form: Form): NewSeries {
  const timeZone = timeZoneOf(form)
  const durationMs = parseDuration(field(form, 'duration'))
  if (durationMs === null) throw new InvalidInputError([{ path: 'duration', message: 'expected a duration such as 90m or 2h' }])
  const description = field(form, 'description')
  const schedule = field(form, 'kind') === 'cron'
    ? { cron: field(form, 'cron'), timeZone }
    : { weekdays: valuesOf(form, 'weekday') as Weekday[], at: field(form, 'at'), timeZone }
  return { title: field(form, 'title'), ...(description === '' ? {} : { description }), components: componentsOf(form), durationMs, schedule }
}
