import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  HISTOGRAM_ALPHA,
  LatencyHistogram,
  MIN_TRACKED_MS,
  histogramFromJson,
  histogramToJson,
} from './index.js'

/** Latencies from 0 and sub-µs up to ~9 hours, log-spread, plus whole microseconds. */
const latency = fc.oneof(
  fc.double({ min: -4, max: 7.5, noNaN: true }).map((e) => 10 ** e),
  fc.integer({ min: 0, max: 3_600_000_000 }).map((us) => us / 1000),
  fc.constant(0),
)

function sketchOf(values: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram()
  for (const v of values) h.add(v)
  return h
}

/** The exact q-quantile under the documented rank semantics: x[floor(q · (n − 1))]. */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!
}

describe('latency histogram', () => {
  test('every quantile is within α (1 %, so ≤ 2 %) of the exact quantile', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 300 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (values, qs) => {
        const sorted = [...values].sort((a, b) => a - b)
        const sketch = sketchOf(values)
        for (const q of [0, 0.5, 0.95, 0.99, 1, ...qs]) {
          const exact = exactQuantile(sorted, q)
          const estimate = sketch.quantile(q)!
          if (exact >= MIN_TRACKED_MS) {
            assert.ok(Math.abs(estimate - exact) <= HISTOGRAM_ALPHA * exact * (1 + 1e-9), `q=${q} exact=${exact} estimate=${estimate}`)
          } else {
            assert.ok(estimate < MIN_TRACKED_MS, `q=${q} exact=${exact} estimate=${estimate}`)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  test('merging in any grouping and order equals the sketch of the union (exactly)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(latency, { maxLength: 40 }), { minLength: 1, maxLength: 6 }), fc.nat(), (parts, seed) => {
        const union = sketchOf(parts.flat())
        const sketches = parts.map(sketchOf)
        const leftFold = sketches.reduce((acc, s) => acc.merge(s), new LatencyHistogram())
        const rotated = sketches.map((_, i) => sketches[(i + seed) % sketches.length]!)
        const rightFold = rotated.reduceRight((acc, s) => s.clone().merge(acc), new LatencyHistogram())
        assert.deepEqual(histogramToJson(leftFold), histogramToJson(union))
        assert.deepEqual(histogramToJson(rightFold), histogramToJson(union))
        for (const q of [0, 0.25, 0.5, 0.9, 0.99, 1]) assert.equal(leftFold.quantile(q), union.quantile(q))
      }),
      { numRuns: 200 },
    )
  })

  test('count, min, max and sum are exact (sum to the microsecond)', () => {
    const h = sketchOf([0, 0.0004, 1.5, 250, 3_600_000])
    assert.equal(h.count, 5)
    assert.equal(h.min, 0)
    assert.equal(h.max, 3_600_000)
    assert.equal(h.sum, 3_600_251.5)
    assert.equal(h.zeroCount, 2)
    assert.equal(h.quantile(0), 0)
    assert.equal(h.quantile(1), 3_600_000)
  })

  test('an empty histogram answers null and refuses nonsense', () => {
    const h = new LatencyHistogram()
    assert.equal(h.quantile(0.5), null)
    assert.equal(h.min, null)
    assert.equal(h.max, null)
    assert.equal(h.mean(), null)
    assert.throws(() => h.add(-1), RangeError)
    assert.throws(() => h.add(Number.NaN), RangeError)
    assert.throws(() => h.quantile(1.5), RangeError)
  })

  test('the stored form is stable: a fixed input gives this exact JSON', () => {
    const h = sketchOf([0, 1, 12, 12, 300])
    assert.equal(
      JSON.stringify(histogramToJson(h)),
      '{"v":1,"alpha":0.01,"n":5,"sumUs":325000,"min":0,"max":300,"zero":1,"keys":[0,125,161],"counts":[1,2,1]}',
    )
    const empty = histogramToJson(new LatencyHistogram())
    assert.deepEqual(histogramToJson(histogramFromJson(JSON.stringify(empty))), empty)
  })

  test('JSON round-trips any histogram', () => {
    fc.assert(
      fc.property(fc.array(latency, { maxLength: 100 }), (values) => {
        const json = histogramToJson(sketchOf(values))
        assert.deepEqual(histogramToJson(histogramFromJson(JSON.parse(JSON.stringify(json)))), json)
      }),
    )
  })

  test('a corrupted stored histogram is refused', () => {
    const good = histogramToJson(sketchOf([5, 6]))
    assert.throws(() => histogramFromJson({ ...good, n: 3 }))
    assert.throws(() => histogramFromJson({ ...good, alpha: 0.02 }))
    assert.throws(() => histogramFromJson({ ...good, keys: [good.keys[0], -1] }))
    assert.throws(() => histogramFromJson({ ...good, v: 2 }))
  })
})
