import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import {
  checkSeverityLevels,
  declaredAvailability,
  defaultSeverityWeights,
  severityLevelName,
  type Impact,
} from './index.js'

const H = 3_600_000
const R1 = { component: 'compute', location: 'R1' }
const range = { from: 0, to: 100 * H }

function impact(severity: number, from: number, to: number | null, key = R1): Impact {
  return { ...key, severity, from: from * H, to: to === null ? null : to * H }
}

describe('declared availability', () => {
  test('SCS severity ranges: 0 maintenance, 1–33 operational, 34–66 limited, 67–100 broken', () => {
    assert.deepEqual([0, 1, 33, 34, 66, 67, 100].map((s) => severityLevelName(s)), ['maintenance', 'operational', 'operational', 'limited', 'limited', 'broken', 'broken'])
    assert.deepEqual(defaultSeverityWeights(), { operational: 0, limited: 0, broken: 1 })
    assert.throws(() => severityLevelName(101), RangeError)
    assert.throws(() => checkSeverityLevels([{ name: 'minor', value: 50 }]), RangeError)
    assert.throws(() => checkSeverityLevels([{ name: 'a', value: 60 }, { name: 'b', value: 40 }, { name: 'c', value: 100 }]), RangeError)
  })

  test('only the top range counts by default; the worst active impact decides; maintenance wins', () => {
    const impacts = [
      impact(80, 10, 12), // 2 h broken
      impact(50, 11, 20), // limited; 11–12 is under the broken impact
      impact(0, 30, 34), // maintenance
      impact(90, 33, 36), // 33–34 inside maintenance: maintenance; 34–36 broken
    ]
    const [r1] = declaredAvailability(impacts, range)
    assert.deepEqual(r1!.figures, {
      upMs: 92 * H,
      downMs: 4 * H,
      maintenanceMs: 4 * H,
      availability: 92 / 96,
      byLevel: { broken: 4 * H, limited: 8 * H, maintenance: 4 * H },
    })
  })

  test('weights are configurable: limited at one half', () => {
    const [r1] = declaredAvailability([impact(50, 0, 10)], range, { weights: { operational: 0, limited: 0.5, broken: 1 } })
    assert.deepEqual([r1!.figures.downMs, r1!.figures.upMs], [5 * H, 95 * H])
  })

  test('open impacts run to now; impacts are clipped to the range; listed series without impacts show 100 %', () => {
    const R2 = { component: 'compute', location: 'R2' }
    const result = declaredAvailability([impact(100, -5, 5), impact(100, 90, null, R2)], range, { now: 95 * H, series: [{ component: 'dns', location: 'global' }] })
    assert.deepEqual(result.map((r) => [r.series, r.figures.downMs, r.figures.availability]), [
      [R1, 5 * H, 90 / 95],
      [R2, 5 * H, 90 / 95],
      [{ component: 'dns', location: 'global' }, 0, 1],
    ])
  })

  test('bad impacts and weights are refused', () => {
    assert.throws(() => declaredAvailability([impact(120, 0, 1)], range), RangeError)
    assert.throws(() => declaredAvailability([impact(50, 5, 1)], range), RangeError)
    assert.throws(() => declaredAvailability([], range, { weights: { broken: 2 } }), RangeError)
  })
})
