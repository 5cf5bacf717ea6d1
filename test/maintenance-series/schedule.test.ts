import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { dayMatches, parseCron, type CronFields } from '../../src/maintenance-series/cron.js'
import { compileSchedule, nextOccurrence, occurrencesBetween, ScheduleError } from '../../src/maintenance-series/schedule.js'
import { wallMs, wallTimeOf } from '../../src/maintenance-series/wall-time.js'

const MINUTE = 60_000
const DAY = 86_400_000
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function wallMatches(fields: CronFields, wall: number): boolean {
  const date = new Date(wall)
  return dayMatches(fields, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) && fields.hours.has(date.getUTCHours()) && fields.minutes.has(date.getUTCMinutes())
}

/**
 * The reference: every instant minute by minute. A minute counts when its wall time matches and
 * it is the first instant showing that wall time; a matching wall time skipped by a gap counts at
 * (wall time − the offset before the gap).
 */
function bruteForceNext(fields: CronFields, timeZone: string, after: number, horizon: number): number | null {
  const start = Math.floor(after / MINUTE) * MINUTE - 3 * 3_600_000
  const lookBack = 120
  const locals: number[] = []
  for (let instant = start - lookBack * MINUTE; instant <= after + horizon; instant += MINUTE) locals.push(wallMs(wallTimeOf(instant, timeZone)))
  const found: number[] = []
  for (let index = lookBack; index < locals.length - 1; index++) {
    const instant = start + (index - lookBack) * MINUTE
    const local = locals[index]!
    const seenBefore = [30, 60, 120].some((minutes) => locals[index - minutes] === local)
    if (wallMatches(fields, local) && !seenBefore) found.push(instant)
    for (let skipped = local + MINUTE; skipped < locals[index + 1]!; skipped += MINUTE) {
      if (wallMatches(fields, skipped)) found.push(skipped - (local - instant))
    }
  }
  const later = found.filter((instant) => instant > after).sort((a, b) => a - b)
  return later[0] ?? null
}

const fieldArbitrary = (min: number, max: number) =>
  fc.oneof(
    fc.constant('*'),
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.integer({ min: 1, max: Math.max(1, max - min) }).map((step) => `*/${step}`),
    fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((values) => values.join(',')),
  )
const cronArbitrary = fc
  .tuple(fieldArbitrary(0, 59), fieldArbitrary(0, 23), fieldArbitrary(1, 31), fieldArbitrary(1, 12), fieldArbitrary(0, 7))
  .map((fields) => fields.join(' '))

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns']
/** DST changes of 2026 in those zones, to start searches near them. */
const TRANSITIONS = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2026-03-08T05:30:00Z'].map(Date.parse)
const afterArbitrary = fc.oneof(
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * DAY, max: DAY })).map(([at, shift]) => at + shift),
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
)

describe('cron parser', () => {
  it('parses values, ranges, steps, lists and names', () => {
    const fields = parseCron('*/15 2-4 1,15 jan-mar SUN,sat')
    assert.deepEqual([...fields.minutes], [0, 15, 30, 45])
    assert.deepEqual([...fields.hours], [2, 3, 4])
    assert.deepEqual([...fields.daysOfMonth], [1, 15])
    assert.deepEqual([...fields.months], [1, 2, 3])
    assert.deepEqual([...fields.daysOfWeek].sort(), [0, 6])
    assert.deepEqual([...parseCron('5/20 * * * 7').minutes], [5, 25, 45])
    assert.deepEqual([...parseCron('0 0 * * 7').daysOfWeek], [0])
  })
  it('matches a day by either day field when both are restricted (Vixie rule)', () => {
    const fields = parseCron('0 0 13 * fri')
    assert.equal(dayMatches(fields, 2026, 12, 13), true) // a Sunday, the 13th
    assert.equal(dayMatches(fields, 2026, 12, 11), true) // a Friday
    assert.equal(dayMatches(fields, 2026, 12, 12), false)
    assert.equal(dayMatches(parseCron('0 0 13 * *'), 2026, 12, 11), false)
    assert.equal(dayMatches(parseCron('0 0 */2 * fri'), 2026, 12, 11), true, 'a field starting with * counts as unrestricted')
    assert.equal(dayMatches(parseCron('0 0 */2 * fri'), 2026, 12, 18), false)
  })
  for (const [expression, message] of [
    ['* * * *', 'expected 5 fields'],
    ['60 * * * *', 'minute: 60 is outside 0–59'],
    ['* 24 * * *', 'hour: 24 is outside 0–23'],
    ['* * 0 * *', 'day of month: 0 is outside 1–31'],
    ['* * * foo *', 'month: "foo" is not a number or a name'],
    ['* * * * 8', 'day of week: 8 is outside 0–7'],
    ['5-1 * * * *', 'minute: range 5-1 runs backwards'],
    ['*/0 * * * *', 'minute: step "0" must be a whole number ≥ 1'],
    ['1,,2 * * * *', 'minute: "" is not a value, range or step'],
  ] as const) {
    it(`rejects "${expression}"`, () => assert.throws(() => parseCron(expression), { message: new RegExp(message.replace(/[*.]/g, '\\$&')) }))
  }
})

describe('schedules', () => {
  it('rejects an unknown time zone, a bad time and a bad weekday, naming the field', () => {
    assert.throws(() => compileSchedule({ cron: '0 2 * * *', timeZone: 'Mars/Olympus' }), (error: unknown) => error instanceof ScheduleError && error.path === 'timeZone')
    assert.throws(() => compileSchedule({ weekdays: ['sun'], at: '24:00', timeZone: 'UTC' }), (error: unknown) => error instanceof ScheduleError && error.path === 'at')
    assert.throws(() => compileSchedule({ weekdays: ['sun', 'xyz' as 'sun'], at: '02:00', timeZone: 'UTC' }), (error: unknown) => error instanceof ScheduleError && error.path === 'weekdays' && /"xyz"/.test(error.message))
    assert.throws(() => compileSchedule({ weekdays: [], at: '02:00', timeZone: 'UTC' }), (error: unknown) => error instanceof ScheduleError && error.path === 'weekdays')
    assert.throws(() => compileSchedule({ cron: '0 2 * *', timeZone: 'UTC' }), (error: unknown) => error instanceof ScheduleError && error.path === 'cron')
  })

  it('a weekday schedule starts every named weekday at the local time', () => {
    const schedule = compileSchedule({ weekdays: ['sun', 'wed'], at: '02:00', timeZone: 'Europe/Berlin' })
    const starts = occurrencesBetween(schedule, Date.parse('2026-12-07T00:00:00Z'), Date.parse('2026-12-21T00:00:00Z')).map(iso)
    assert.deepEqual(starts, ['2026-12-09T01:00:00.000Z', '2026-12-13T01:00:00.000Z', '2026-12-16T01:00:00.000Z', '2026-12-20T01:00:00.000Z'])
  })

  it('spring forward: a 02:30 Berlin start on 29 March 2026 happens at 03:30 CEST (01:30Z), once', () => {
    const schedule = compileSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' })
    const starts = occurrencesBetween(schedule, Date.parse('2026-03-28T00:00:00Z'), Date.parse('2026-03-31T00:00:00Z')).map(iso)
    assert.deepEqual(starts, ['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'])
  })

  it('fall back: a 02:30 Berlin start on 25 October 2026 happens once, at the first 02:30 (CEST)', () => {
    const schedule = compileSchedule({ weekdays: ['sun'], at: '02:30', timeZone: 'Europe/Berlin' })
    const starts = occurrencesBetween(schedule, Date.parse('2026-10-24T00:00:00Z'), Date.parse('2026-10-26T00:00:00Z')).map(iso)
    assert.deepEqual(starts, ['2026-10-25T00:30:00.000Z'])
  })

  it('every quarter hour across the spring gap keeps its order and has no duplicates', () => {
    const schedule = compileSchedule({ cron: '*/15 * * * *', timeZone: 'Europe/Berlin' })
    const starts = occurrencesBetween(schedule, Date.parse('2026-03-29T00:30:00Z'), Date.parse('2026-03-29T01:30:00Z')).map(iso)
    // 01:30, 01:45 CET, then the gap's 02:00–02:45 fold onto 03:00–03:45 CEST
    assert.deepEqual(starts, ['2026-03-29T00:30:00.000Z', '2026-03-29T00:45:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:15:00.000Z'])
  })

  it('returns null when the expression never matches', () => {
    assert.equal(nextOccurrence(compileSchedule({ cron: '0 0 30 2 *', timeZone: 'UTC' }), Date.parse('2026-01-01T00:00:00Z')), null)
  })

  it('finds a 29 February years ahead', () => {
    assert.equal(iso(nextOccurrence(compileSchedule({ cron: '0 0 29 2 *', timeZone: 'UTC' }), Date.parse('2026-01-01T00:00:00Z'))), '2028-02-29T00:00:00.000Z')
  })

  it('occurrences of adjacent ranges add up (materializing at different times agrees)', () => {
    fc.assert(
      fc.property(cronArbitrary, fc.constantFrom(...ZONES), afterArbitrary, fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 3 * DAY }), (cron, timeZone, from, first, second) => {
        const schedule = compileSchedule({ cron, timeZone })
        const whole = occurrencesBetween(schedule, from, from + first + second)
        const parts = [...occurrencesBetween(schedule, from, from + first), ...occurrencesBetween(schedule, from + first, from + first + second)]
        assert.deepEqual(parts, whole)
      }),
      { numRuns: 100 },
    )
  })

  it('next occurrence equals a brute-force minute scan (time zones incl. DST)', () => {
    const horizon = 2 * DAY
    fc.assert(
      fc.property(cronArbitrary, fc.constantFrom(...ZONES), afterArbitrary, (cron, timeZone, after) => {
        const schedule = compileSchedule({ cron, timeZone })
        const expected = bruteForceNext(schedule.fields, timeZone, after, horizon)
        const actual = nextOccurrence(schedule, after)
        if (expected === null) assert.ok(actual === null || actual >= after + horizon - MINUTE, `${cron} ${timeZone} after ${iso(after)}: ${iso(actual)}`)
        else assert.equal(iso(actual), iso(expected), `${cron} ${timeZone} after ${iso(after)}`)
      }),
      { numRuns: 150 },
    )
  })
})
