/**
 * A five-field cron expression (`minute hour day-of-month month day-of-week`), parsed into the
 * sets of values each field allows. Fields take `*`, numbers, ranges `a-b`, steps `a-b/s` (also
 * after `*`; `a/s` runs from a to the field's end), lists `a,b`, month names `jan`–`dec` and
 * weekday names `sun`–`sat` (0 and 7 are both Sunday). As in Vixie cron, when both day fields
 * are restricted (do not start with `*`) a day matches either of them. No seconds, no `L`, `W`, `#`, `?` or `@daily`.
 *
 * @module
 */

/** The parsed expression: the allowed values of each field. */
export interface CronFields {
  minutes: ReadonlySet<number>
  hours: ReadonlySet<number>
  daysOfMonth: ReadonlySet<number>
  months: ReadonlySet<number>
  /** 0 (Sunday) – 6. */
  daysOfWeek: ReadonlySet<number>
  /** Whether day-of-month does not start with `*` (then, with day-of-week restricted too, either matches). */
  daysOfMonthRestricted: boolean
  daysOfWeekRestricted: boolean
}

/** A cron expression that cannot be parsed; `message` says which field and why. */
export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError'
}

/** The three-letter weekday names, index = day of week (0 Sunday). */
export const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const

interface FieldRule {
  label: string
  min: number
  max: number
  names?: readonly string[]
  /** The value names[0] stands for. */
  namesFrom?: number
}

const FIELDS: readonly FieldRule[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  { label: 'day of week', min: 0, max: 7, names: WEEKDAY_NAMES, namesFrom: 0 },
]

function valueOf(text: string, rule: FieldRule): number {
  const named = rule.names?.indexOf(text.toLowerCase()) ?? -1
  if (named >= 0) return named + rule.namesFrom!
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(`${rule.label}: "${text}" is not a number${rule.names ? ' or a name' : ''}`)
  const value = Number(text)
  if (value < rule.min || value > rule.max) throw new CronSyntaxError(`${rule.label}: ${value} is outside ${rule.min}–${rule.max}`)
  return value
}

function parsePart(part: string, rule: FieldRule, into: Set<number>): void {
  const [range, stepText, extra] = part.split('/')
  if (extra !== undefined || range === '' || stepText === '') throw new CronSyntaxError(`${rule.label}: "${part}" is not a value, range or step`)
  const step = stepText === undefined ? 1 : Number(stepText)
  if (!Number.isInteger(step) || step < 1 || !/^\d+$/.test(stepText ?? '1')) throw new CronSyntaxError(`${rule.label}: step "${stepText}" must be a whole number ≥ 1`)
  let from: number
  let to: number
  if (range === '*') [from, to] = [rule.min, rule.max]
  else if (range!.includes('-')) {
    const [a, b, more] = range!.split('-')
    if (more !== undefined) throw new CronSyntaxError(`${rule.label}: "${range}" is not a range`)
    ;[from, to] = [valueOf(a!, rule), valueOf(b!, rule)]
    if (from > to) throw new CronSyntaxError(`${rule.label}: range ${range} runs backwards`)
  } else {
    from = valueOf(range!, rule)
    to = stepText === undefined ? from : rule.max
  }
  for (let value = from; value <= to; value += step) into.add(value)
}

function parseField(text: string, rule: FieldRule): Set<number> {
  const values = new Set<number>()
  for (const part of text.split(',')) parsePart(part, rule, values)
  return values
}

/**
 * Parses a five-field cron expression, or throws a {@link CronSyntaxError} naming the field.
 *
 * @example
 * parseCron('30 2 * * sun').hours // Set { 2 }
 */
export function parseCron(expression: string): CronFields {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 5) throw new CronSyntaxError(`expected 5 fields (minute hour day-of-month month day-of-week), found ${fields[0] === '' ? 0 : fields.length}`)
  const [minutes, hours, daysOfMonth, months, rawWeekdays] = fields.map((field, index) => parseField(field, FIELDS[index]!))
  const daysOfWeek = new Set([...rawWeekdays!].map((day) => day % 7))
  return {
    minutes: minutes!, hours: hours!, daysOfMonth: daysOfMonth!, months: months!, daysOfWeek,
    daysOfMonthRestricted: !fields[2]!.startsWith('*'), daysOfWeekRestricted: !fields[4]!.startsWith('*'),
  }
}

/**
 * Whether a calendar day matches the day fields (month, and day-of-month / day-of-week with the
 * Vixie either-rule).
 *
 * @example
 * dayMatches(parseCron('0 2 * * sun'), 2026, 12, 13) // true: 13 Dec 2026 is a Sunday
 */
export function dayMatches(fields: CronFields, year: number, month: number, day: number): boolean {
  if (!fields.months.has(month)) return false
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  const byMonthDay = fields.daysOfMonth.has(day)
  const byWeekday = fields.daysOfWeek.has(weekday)
  if (fields.daysOfMonthRestricted && fields.daysOfWeekRestricted) return byMonthDay || byWeekday
  return byMonthDay && byWeekday
}
