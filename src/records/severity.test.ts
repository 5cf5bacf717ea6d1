import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { declaredStateOf } from '../core/index.js'
import { checkSeverityLevels, DEFAULT_SEVERITY_LEVELS, noDataSeverityWithin, severityRanges } from './severity.js'

const stateUnder = (stored: { name: string; value: number }[]) => (severity: number) => declaredStateOf(severity, severityRanges(stored))

describe('severityRanges', () => {
  test('the built-in levels stand when the CSP stored none, or stored exactly them', () => {
    assert.deepEqual(severityRanges([]), DEFAULT_SEVERITY_LEVELS)
    assert.deepEqual(severityRanges([...DEFAULT_SEVERITY_LEVELS].reverse()), DEFAULT_SEVERITY_LEVELS)
    const state = stateUnder([])
    assert.deepEqual([0, 1, 33, 34, 66, 67, 100].map(state), ['maintenance', 'degraded', 'degraded', 'partial_outage', 'partial_outage', 'major_outage', 'major_outage'])
  })

  test("the CSP's ranges decide: lowest degraded, top major, between partial", () => {
    const state = stateUnder([
      { name: 'notice', value: 10 },
      { name: 'minor', value: 40 },
      { name: 'serious', value: 80 },
      { name: 'critical', value: 100 },
    ])
    assert.deepEqual([0, 10, 11, 50, 80, 81, 100].map(state), ['maintenance', 'degraded', 'partial_outage', 'partial_outage', 'partial_outage', 'major_outage', 'major_outage'])
  })

  test('severities above the top stored level fall back to the built-in table, names kept unique', () => {
    const ranges = severityRanges([
      { name: 'limited', value: 20 },
      { name: 'worse', value: 40 },
    ])
    assert.deepEqual(ranges, [
      { name: 'limited', value: 20 },
      { name: 'worse', value: 40 },
      { name: 'limited (built-in)', value: 66 },
      { name: 'broken', value: 100 },
    ])
    checkSeverityLevels(ranges)
    const state = stateUnder(ranges)
    assert.deepEqual([15, 30, 50, 70].map(state), ['degraded', 'partial_outage', 'partial_outage', 'major_outage'])
  })

  test('a stored level at 0 never takes severity 0 from maintenance; duplicates and out-of-range values are ignored', () => {
    const ranges = severityRanges([
      { name: 'zero', value: 0 },
      { name: 'a', value: 50 },
      { name: 'b', value: 50 },
      { name: 'c', value: 101 },
    ])
    assert.deepEqual(ranges, [
      { name: 'a', value: 50 },
      { name: 'limited', value: 66 },
      { name: 'broken', value: 100 },
    ])
    assert.equal(declaredStateOf(0, ranges), 'maintenance')
  })

  test('"no data" stays above the lowest range in the SCS projection', () => {
    assert.equal(noDataSeverityWithin(severityRanges([]), 34), 34)
    assert.equal(noDataSeverityWithin(severityRanges([]), 70), 70)
    assert.equal(noDataSeverityWithin(severityRanges([{ name: 'operational', value: 50 }]), 34), 51)
    assert.equal(noDataSeverityWithin(severityRanges([{ name: 'operational', value: 10 }]), 34), 34)
    assert.equal(noDataSeverityWithin(severityRanges([{ name: 'all', value: 100 }]), 34), 34, 'a single range leaves nothing above it')
  })
})
