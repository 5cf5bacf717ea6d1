import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { affectedRange, coverageTimeline, measureAvailability, type FeedSample } from './index.js'

const S = 1000

function sample(at: number, ok: boolean, extra: Partial<FeedSample> = {}): FeedSample {
  return { at, durationMs: 10, ok, countsAgainst: true, vantage: 'local', intervalMs: 10 * S, resultId: `${extra.feed ?? 'a'}-${at}`, feed: 'a', ...extra }
}

describe('coverage and measured availability', () => {
  test('a sample covers until the next one of its feed', () => {
    const samples = [sample(0, true), sample(10 * S, false), sample(20 * S, true)]
    assert.deepEqual(coverageTimeline(samples, { from: 0, to: 30 * S }), [
      { from: 0, to: 10 * S, state: 'up' },
      { from: 10 * S, to: 20 * S, state: 'down' },
      { from: 20 * S, to: 30 * S, state: 'up' },
    ])
  })

  test('at most 1.5 × its interval; then no data (a stopped probe is never green)', () => {
    const figures = measureAvailability([sample(0, true), sample(60 * S, true)], { from: 0, to: 100 * S })
    // 0–15 s up, 15–60 s no data, 60–75 s up, 75–100 s no data.
    assert.deepEqual(figures, { upMs: 30 * S, downMs: 0, noDataMs: 70 * S, maintenanceMs: 0, excludedMs: 0, availability: 1 })
  })

  test('samples from before the range cover into it; nothing measured gives null', () => {
    assert.equal(measureAvailability([sample(-5 * S, false)], { from: 0, to: 20 * S }).downMs, 10 * S)
    assert.equal(measureAvailability([], { from: 0, to: 20 * S }).availability, null)
  })

  test('several feeds: down beats up beats excluded beats no data', () => {
    const samples = [
      sample(0, true, { feed: 'a' }),
      sample(0, false, { feed: 'b', countsAgainst: false }),
      sample(10 * S, true, { feed: 'a' }),
      sample(10 * S, false, { feed: 'b' }),
      sample(20 * S, false, { feed: 'b', countsAgainst: false }),
    ]
    assert.deepEqual(coverageTimeline(samples, { from: 0, to: 40 * S }), [
      { from: 0, to: 10 * S, state: 'up' },
      { from: 10 * S, to: 20 * S, state: 'down' },
      { from: 20 * S, to: 25 * S, state: 'up' },
      { from: 25 * S, to: 35 * S, state: 'excluded' },
      { from: 35 * S, to: 40 * S, state: 'no_data' },
    ])
  })

  test('excluded failures are outside the denominator and reported apart', () => {
    const figures = measureAvailability([sample(0, true), sample(10 * S, false, { countsAgainst: false }), sample(20 * S, false)], { from: 0, to: 30 * S })
    assert.deepEqual(figures, { upMs: 10 * S, downMs: 10 * S, noDataMs: 0, maintenanceMs: 0, excludedMs: 10 * S, availability: 0.5 })
  })

  test('maintenance overrides everything inside the window', () => {
    const samples = [sample(0, false), sample(10 * S, false), sample(20 * S, true)]
    const figures = measureAvailability(samples, { from: 0, to: 30 * S }, [{ from: 5 * S, to: 20 * S }, { from: 28 * S, to: 60 * S }])
    assert.deepEqual(figures, { upMs: 8 * S, downMs: 5 * S, noDataMs: 0, maintenanceMs: 17 * S, excludedMs: 0, availability: 8 / 13 })
  })

  test('a duplicate result counts once; at the same instant the worse sample covers', () => {
    const twice = [sample(0, true), sample(0, true), sample(10 * S, true)]
    assert.equal(measureAvailability(twice, { from: 0, to: 20 * S }).upMs, 20 * S)
    const clash = [sample(0, true, { resultId: 'z' }), sample(0, false, { resultId: 'y' })]
    assert.equal(measureAvailability(clash, { from: 0, to: 15 * S }).downMs, 15 * S)
  })

  test('the parts always add up to the range, and the timeline tiles it', () => {
    const arbitrarySample = fc.record({
      at: fc.integer({ min: -100 * S, max: 400 * S }),
      ok: fc.boolean(),
      countsAgainst: fc.boolean(),
      intervalMs: fc.integer({ min: 1, max: 120 * S }),
      feed: fc.constantFrom('a', 'b', 'c'),
    })
    fc.assert(
      fc.property(fc.array(arbitrarySample, { maxLength: 60 }), fc.array(fc.record({ from: fc.integer({ min: 0, max: 300 * S }), length: fc.nat(100 * S) }), { maxLength: 3 }), (raw, windows) => {
        const samples = raw.map((r, i) => sample(r.at, r.ok, { ...r, resultId: `r${i}` }))
        const range = { from: 0, to: 300 * S }
        const maintenance = windows.map((w) => ({ from: w.from, to: w.from + w.length }))
        const timeline = coverageTimeline(samples, range, maintenance)
        timeline.forEach((segment, i) => {
          assert.ok(segment.to > segment.from)
          assert.equal(segment.from, i === 0 ? range.from : timeline[i - 1]!.to)
          if (i > 0) assert.notEqual(segment.state, timeline[i - 1]!.state)
        })
        const f = measureAvailability(samples, range, maintenance)
        assert.equal(f.upMs + f.downMs + f.noDataMs + f.maintenanceMs + f.excludedMs, 300 * S)
      }),
      { numRuns: 300 },
    )
  })

  test('a late sample cuts short the sample before it: the affected range uses the longer interval', () => {
    const base = [sample(0, true), sample(10 * S, true, { intervalMs: 30 * S }), sample(50 * S, true)]
    const late = sample(12 * S, false, { intervalMs: 4 * S })
    assert.deepEqual(affectedRange(late), { from: 12 * S, to: 18 * S })
    assert.deepEqual(affectedRange(late, 30 * S), { from: 12 * S, to: 57 * S })
    const before = coverageTimeline(base, { from: 0, to: 70 * S })
    const after = coverageTimeline([...base, late], { from: 0, to: 70 * S })
    assert.deepEqual(after, [
      { from: 0, to: 12 * S, state: 'up' },
      { from: 12 * S, to: 18 * S, state: 'down' },
      { from: 18 * S, to: 50 * S, state: 'no_data' },
      { from: 50 * S, to: 65 * S, state: 'up' },
      { from: 65 * S, to: 70 * S, state: 'no_data' },
    ])
    assert.deepEqual(before, [{ from: 0, to: 65 * S, state: 'up' }, { from: 65 * S, to: 70 * S, state: 'no_data' }])
  })
})
