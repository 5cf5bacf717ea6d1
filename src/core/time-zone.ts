/**
 * Local time in an IANA time zone, through `Intl` (no time-zone database of our own). The one
 * place that asks the runtime what the clock on the wall says: calendar buckets (records) and
 * maintenance series both build on it.
 *
 * @module
 */

/** The local calendar second of an instant; `month` 1–12, `hour` 0–23. */
export interface LocalTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** Building a formatter costs far more than using one; one per zone lives as long as the process. */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/**
 * Whether `timeZone` is an IANA time zone this runtime knows (for config and input validation).
 *
 * @example
 * isTimeZone('Europe/Berlin') // true
 * isTimeZone('Mars/Olympus')  // false
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/**
 * The local calendar second of `instant` in `timeZone` (milliseconds dropped). Throws a
 * `RangeError` for a zone the runtime does not know — check with {@link isTimeZone} first.
 *
 * @example
 * localTimeOf(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Berlin') // { year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 0 }
 */
export function localTimeOf(instant: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  }
}
