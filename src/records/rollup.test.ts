import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  affectedRange,
  bucketOf,
  bucketsBetween,
  mergeRollups,
  rollupBucket,
  rollupBuckets,
  rollupFromJson,
  rollupToJson,
  type FeedSample,
  type RollupRecord,
} from './index.js'

const MIN = 60_000
const HOUR = 3_600_000
const json = (record: RollupRecord): unknown => rollupToJson(record)
const interval = (b: { start: number; end: number }): { from: number; to: number } => ({ from: b.start, to: b.end })

/** Samples over [t0 − span/10, t0 + span] from up to three feeds with mixed intervals. */
function arbitrarySamples(t0: number, span: number, intervals: number[], maxLength: number): fc.Arbitrary<FeedSample[]> {
  const one = fc.record({
    at: fc.integer({ min: t0 - span / 10, max: t0 + span }),
    durationMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30_000_000 }).map((us) => us / 1000)),
    ok: fc.boolean(),
    countsAgainst: fc.boolean(),
    intervalMs: fc.constantFrom(...intervals),
    feed: fc.constantFrom('http|local', 'http|agent-1', 'dns|local'),
  })
  return fc.array(one, { maxLength }).map((list) => list.map((s, i) => ({ ...s, vantage: s.feed.split('|')[1]!, resultId: `r${i}` })))
}

const maintenanceWindows = (t0: number, span: number): fc.Arbitrary<Array<{ from: number; to: number }>> =>
  fc.array(fc.record({ from: fc.integer({ min: t0, max: t0 + span }), length: fc.integer({ min: 1, max: span / 4 }) }), { maxLength: 2 }).map((ws) =>
    ws.map((w) => ({ from: w.from, to: w.from + w.length })),
  )

const T0 = Date.parse('2025-03-30T00:00:00Z')

describe('rollup records', () => {
  test('minutes merged into an hour equal the hour rolled up from the raw samples', () => {
    fc.assert(
      fc.property(arbitrarySamples(T0, HOUR, [5_000, 10_000, 60_000, 300_000], 150), maintenanceWindows(T0, HOUR), (samples, maintenance) => {
        const hour = { from: T0, to: T0 + HOUR }
        const minutes = rollupBuckets(samples, bucketsBetween('minute', hour.from, hour.to).map(interval), { maintenance })
        assert.equal(minutes.length, 60)
        assert.deepEqual(json(mergeRollups(minutes, hour)), json(rollupBucket(samples, hour, { maintenance })))
      }),
      { numRuns: 100 },
    )
  })

  test('hours merged into a 23-hour Berlin day equal the day rolled up from the raw samples', () => {
    const day = interval(bucketOf('day', T0 + 12 * HOUR, 'Europe/Berlin'))
    assert.equal(day.to - day.from, 23 * HOUR)
    fc.assert(
      fc.property(arbitrarySamples(day.from, 23 * HOUR, [600_000, 1_800_000, 7_200_000], 120), maintenanceWindows(day.from, 23 * HOUR), (samples, maintenance) => {
        const hours = bucketsBetween('hour', day.from, day.to).map((b) => rollupBucket(samples, interval(b), { maintenance }))
        assert.equal(hours.length, 23)
        assert.deepEqual(json(mergeRollups(hours, day)), json(rollupBucket(samples, day, { maintenance })))
      }),
      { numRuns: 60 },
    )
  })

  test('order, duplicates and late arrival do not change a record', () => {
    fc.assert(
      fc.property(arbitrarySamples(T0, HOUR, [10_000, 60_000], 80), fc.array(fc.nat(), { maxLength: 20 }), fc.nat(), (samples, picks, seed) => {
        const duplicates = samples.length === 0 ? [] : picks.map((p) => ({ ...samples[p % samples.length]! }))
        const shuffled = [...samples, ...duplicates].map((s, i) => ({ s, k: (i * 7919 + seed) % 10007 })).sort((a, b) => a.k - b.k).map((x) => x.s)
        const hour = { from: T0, to: T0 + HOUR }
        assert.deepEqual(json(rollupBucket(shuffled, hour)), json(rollupBucket(samples, hour)))
      }),
      { numRuns: 100 },
    )
  })

  test('a late sample changes no minute outside its affected range (the buckets a job recomputes)', () => {
    fc.assert(
      fc.property(arbitrarySamples(T0, HOUR, [10_000, 60_000, 300_000], 60), fc.integer({ min: T0, max: T0 + HOUR }), fc.boolean(), (samples, at, ok) => {
        const late: FeedSample = { at, durationMs: 5, ok, countsAgainst: true, vantage: 'local', intervalMs: 60_000, feed: 'http|local', resultId: 'late' }
        const affected = affectedRange(late, 300_000)
        const minutes = bucketsBetween('minute', T0 - 10 * MIN, T0 + 2 * HOUR).map(interval)
        const before = rollupBuckets(samples, minutes)
        const after = rollupBuckets([...samples, late], minutes)
        minutes.forEach((minute, i) => {
          if (minute.to <= affected.from || minute.from >= affected.to) assert.deepEqual(json(after[i]!), json(before[i]!))
        })
      }),
      { numRuns: 100 },
    )
  })

  test('a record counts samples by start, latency only of passes, and round-trips as JSON', () => {
    const base = { countsAgainst: true, vantage: 'local', intervalMs: 60_000, feed: 'f' }
    const samples: FeedSample[] = [
      { ...base, at: T0 - 30_000, durationMs: 900, ok: true, resultId: 'a' },
      { ...base, at: T0 + 30_000, durationMs: 120, ok: true, resultId: 'b' },
      { ...base, at: T0 + 90_000, durationMs: 10_000, ok: false, resultId: 'c' },
    ]
    const record = rollupBucket(samples, { from: T0, to: T0 + 3 * MIN })
    assert.equal(record.count, 2)
    assert.equal(record.failures, 1)
    assert.equal(record.latency.count, 1)
    assert.equal(record.latency.max, 120)
    // a covers T0−30 s…T0+30 s, b T0+30 s…T0+90 s, c T0+90 s…T0+180 s.
    assert.deepEqual([record.upMs, record.downMs, record.noDataMs, record.availability], [90_000, 90_000, 0, 0.5])
    assert.deepEqual(json(rollupFromJson(JSON.parse(JSON.stringify(rollupToJson(record))))), json(record))
  })

  test('a running bucket counts only up to now; merging fills gaps with no data and refuses overlaps', () => {
    const base = { countsAgainst: true, vantage: 'local', intervalMs: 60_000, feed: 'f', durationMs: 1, ok: true }
    const samples: FeedSample[] = [{ ...base, at: T0, resultId: 'a' }, { ...base, at: T0 + MIN, resultId: 'b' }]
    const hour = { from: T0, to: T0 + HOUR }
    const running = rollupBucket(samples, hour, { now: T0 + 10 * MIN })
    assert.deepEqual([running.upMs, running.noDataMs], [2.5 * MIN, 7.5 * MIN])
    const first = rollupBucket(samples, { from: T0, to: T0 + MIN })
    assert.equal(mergeRollups([first], hour).noDataMs, 59 * MIN)
    assert.equal(mergeRollups([first], hour, { now: T0 + 10 * MIN }).noDataMs, 9 * MIN)
    assert.throws(() => mergeRollups([first, first], hour), RangeError)
    assert.throws(() => mergeRollups([first], { from: T0 + 1, to: T0 + HOUR }), RangeError)
    assert.throws(() => rollupBuckets(samples, [hour, { from: T0 + MIN, to: T0 + 2 * MIN }]), RangeError)
  })
})
