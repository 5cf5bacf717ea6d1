import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { bucketOf, bucketsBetween, dayBuckets, dayStart, isTimeZone, localDateStart, monthBuckets } from './index.js'

const H = 3_600_000
const at = (iso: string): number => Date.parse(iso)
const BERLIN = 'Europe/Berlin'

describe('calendar buckets', () => {
  test('Berlin spring-forward day 2025-03-30 is 23 hours', () => {
    const day = bucketOf('day', at('2025-03-30T12:00:00Z'), BERLIN)
    assert.deepEqual(day, { start: at('2025-03-29T23:00:00Z'), end: at('2025-03-30T22:00:00Z'), label: '2025-03-30' })
    assert.equal(day.end - day.start, 23 * H)
    assert.equal(dayStart(at('2025-03-30T21:59:59.999Z'), BERLIN), day.start)
    assert.equal(dayStart(at('2025-03-30T22:00:00Z'), BERLIN), day.end)
  })

  test('Berlin fall-back day 2025-10-26 is 25 hours', () => {
    const day = bucketOf('day', at('2025-10-26T01:30:00Z'), BERLIN)
    assert.deepEqual(day, { start: at('2025-10-25T22:00:00Z'), end: at('2025-10-26T23:00:00Z'), label: '2025-10-26' })
    assert.equal(day.end - day.start, 25 * H)
  })

  test('a week around spring-forward: six 24 h days and one 23 h day, contiguous', () => {
    const days = dayBuckets(at('2025-03-27T12:00:00Z'), at('2025-04-02T12:00:00Z'), BERLIN)
    assert.deepEqual(days.map((d) => d.label), ['2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02'])
    assert.deepEqual(days.map((d) => (d.end - d.start) / H), [24, 24, 24, 23, 24, 24, 24])
    for (let i = 1; i < days.length; i++) assert.equal(days[i]!.start, days[i - 1]!.end)
  })

  test('months containing a DST change are 743 and 745 hours; the rest whole days', () => {
    const months = monthBuckets(at('2025-02-15T00:00:00Z'), at('2025-11-01T00:00:00Z'), BERLIN)
    assert.deepEqual(months.map((m) => m.label), ['2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11'])
    const march = months[1]!
    assert.deepEqual(march, { start: at('2025-02-28T23:00:00Z'), end: at('2025-03-31T22:00:00Z'), label: '2025-03' })
    assert.equal((march.end - march.start) / H, 743)
    assert.equal((months[8]!.end - months[8]!.start) / H, 745)
    assert.equal((months[0]!.end - months[0]!.start) / H, 28 * 24)
  })

  test('a zone whose midnight is skipped starts that day at the first instant that exists', () => {
    // Chile springs forward at 24:00 on 2024-09-07: 2024-09-08 00:00 (−04) does not exist; the
    // day begins at 01:00 (−03) = 04:00Z and is 23 hours long.
    const day = bucketOf('day', at('2024-09-08T12:00:00Z'), 'America/Santiago')
    assert.deepEqual(day, { start: at('2024-09-08T04:00:00Z'), end: at('2024-09-09T03:00:00Z'), label: '2024-09-08' })
  })

  test('minutes and hours are UTC whatever the zone', () => {
    const t = at('2025-03-30T01:59:30.250Z')
    assert.deepEqual(bucketOf('minute', t, BERLIN), { start: at('2025-03-30T01:59:00Z'), end: at('2025-03-30T02:00:00Z'), label: '2025-03-30T01:59:00.000Z' })
    assert.equal(bucketOf('hour', t, BERLIN).start, at('2025-03-30T01:00:00Z'))
    assert.equal(bucketsBetween('hour', at('2025-03-29T23:00:00Z'), at('2025-03-30T22:00:00Z')).length, 23)
  })

  test('local dates parse to local midnights and nonsense is refused', () => {
    assert.equal(localDateStart('2025-03-01', BERLIN), at('2025-02-28T23:00:00Z'))
    assert.equal(localDateStart('2025-04-01', BERLIN), at('2025-03-31T22:00:00Z'))
    assert.equal(localDateStart('2025-04-01'), at('2025-04-01T00:00:00Z'))
    assert.throws(() => localDateStart('2025-02-30', BERLIN), RangeError)
    assert.throws(() => localDateStart('yesterday'), RangeError)
    assert.equal(isTimeZone(BERLIN), true)
    assert.equal(isTimeZone('Mars/Olympus'), false)
  })

  test('every instant lies in exactly one day bucket that starts at a local midnight', () => {
    const zones = ['UTC', BERLIN, 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'Pacific/Chatham']
    fc.assert(
      fc.property(fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') }), fc.constantFrom(...zones), (t, zone) => {
        const day = bucketOf('day', t, zone)
        assert.ok(day.start <= t && t < day.end)
        assert.ok(day.end - day.start >= 22 * H && day.end - day.start <= 26 * H)
        assert.equal(dayStart(day.start, zone), day.start)
        assert.equal(dayStart(day.start - 1, zone) < day.start, true)
        assert.equal(bucketOf('day', day.end, zone).start, day.end)
      }),
      { numRuns: 300 },
    )
  })
})
