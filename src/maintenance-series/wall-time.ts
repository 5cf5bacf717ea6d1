/**
 * Wall-clock time in an IANA time zone, through `Intl` (no time-zone database of our own): the
 * local calendar minute of an instant, and the instant of a local calendar minute — including the
 * two DST cases, resolved as RFC 5545 §3.3.5 resolves them for iCalendar:
 *
 * - a wall time that does not exist (spring forward, e.g. 02:30 on the last Sunday of March in
 *   Europe/Berlin) is read with the offset in effect before the gap, so it lands as far after
 *   the gap's start as it was meant to be after the previous hour: 02:30 → 03:30 CEST;
 * - a wall time that exists twice (fall back) is the first of the two.
 *
 * @module
 */
import { localTimeOf } from '../core/time-zone.js'

export { isTimeZone } from '../core/time-zone.js'

/** A local calendar minute; `month` 1–12. */
export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * The local calendar minute of `instant` in `timeZone` (seconds dropped).
 *
 * @example
 * wallTimeOf(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Berlin') // { year: 2026, month: 3, day: 29, hour: 3, minute: 30 }
 */
export function wallTimeOf(instant: number, timeZone: string): WallTime {
  const { year, month, day, hour, minute } = localTimeOf(instant, timeZone)
  return { year, month, day, hour, minute }
}

/** The wall time read as if it were UTC, in epoch ms: the zone-free number to compare and add to. */
export function wallMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
}

/** The UTC offset of `timeZone` at `instant`, in ms (east positive), to the minute. */
export function offsetAt(instant: number, timeZone: string): number {
  const floored = Math.floor(instant / MINUTE) * MINUTE
  return wallMs(wallTimeOf(floored, timeZone)) - floored
}

/**
 * The instant of a local calendar minute in `timeZone`, resolving gaps and overlaps as the
 * module describes.
 *
 * @example
 * instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin') // 01:30Z = 03:30 CEST
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const local = wallMs(wall)
  const before = offsetAt(local - DAY, timeZone)
  const after = offsetAt(local + DAY, timeZone)
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((instant) => wallMs(wallTimeOf(instant, timeZone)) === local)
    .sort((a, b) => a - b)
  return valid[0] ?? local - before
}
