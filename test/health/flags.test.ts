import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { percentile, readFlag, resolveWindow, thresholdFor } from '../../src/health/index.js'
import type { FlagConfig } from '../../src/health/index.js'
import { run } from './samples.js'

const NOW = 1_700_000_000_000
const MINUTE = 60_000

function newestFirst(outcomes: string, extra: Partial<Parameters<typeof run>[0]> = {}) {
  return run({ outcomes, end: NOW, ...extra }).sort((a, b) => b.at - a.at)
}

const errorRate: FlagConfig = { name: 'errors', kind: 'errorRate', threshold: 0.5, thresholds: { R2: 0.1 }, window: { ms: 5 * MINUTE }, minSamples: 1 }
const latency: FlagConfig = { name: 'slow', kind: 'latency', percentile: 95, threshold: 1000, thresholds: {}, window: { intervals: 20 }, minSamples: 1 }
const consecutive: FlagConfig = { name: 'down', kind: 'consecutiveFailures', threshold: 2, thresholds: { R2: 3 }, window: { intervals: 10 } }
const noData: FlagConfig = { name: 'stale', kind: 'noData', window: { intervals: 3 } }

describe('windows', () => {
  test('a duration or a number of intervals, ending at now', () => {
    assert.deepEqual(resolveWindow({ ms: 300_000 }, NOW, 10_000), { from: NOW - 300_000, to: NOW })
    assert.deepEqual(resolveWindow({ intervals: 3 }, NOW, 10_000), { from: NOW - 30_000, to: NOW })
  })

  test('a sample exactly at the start of the window is outside, one at now is inside', () => {
    const window = resolveWindow({ ms: 2 * MINUTE }, NOW, MINUTE)
    const reading = readFlag(errorRate, newestFirst('FFS'), window, undefined)
    assert.deepEqual(reading, { raised: false, value: 0.5, samples: 2 })
  })
})

describe('errorRate', () => {
  const window = resolveWindow(errorRate.window, NOW, MINUTE)

  test('failed / counted in the window; raised above the threshold', () => {
    assert.deepEqual(readFlag(errorRate, newestFirst('SSSSSSFFSS'), window, undefined), { raised: false, value: 0.4, samples: 5 })
    assert.deepEqual(readFlag(errorRate, newestFirst('SSSSSSFFSF'), window, undefined), { raised: true, value: 0.6, samples: 5 })
  })

  test('exactly at the threshold is not raised', () => {
    assert.equal(readFlag(errorRate, newestFirst('..FFSS'), window, undefined).raised, false)
  })

  test('failures that do not count against availability are left out of both sides', () => {
    assert.deepEqual(readFlag(errorRate, newestFirst('QQQFS'), window, undefined), { raised: false, value: 0.5, samples: 2 })
    assert.deepEqual(readFlag(errorRate, newestFirst('QQQQQ'), window, undefined), { raised: false, value: null, samples: 0 })
  })

  test('a per-location threshold overrides the flag threshold', () => {
    assert.equal(thresholdFor(errorRate, 'R2', window), 0.1)
    assert.equal(thresholdFor(errorRate, 'R1', window), 0.5)
    assert.equal(readFlag(errorRate, newestFirst('FSSSS'), window, 'R1').raised, false)
    assert.equal(readFlag(errorRate, newestFirst('FSSSS'), window, 'R2').raised, true)
  })

  test('fewer samples than minSamples never raise it, but the value is still shown', () => {
    const flag = { ...errorRate, minSamples: 3 }
    assert.deepEqual(readFlag(flag, newestFirst('...FF'), window, undefined), { raised: false, value: 1, samples: 2 })
    assert.equal(readFlag(flag, newestFirst('..FFF'), window, undefined).raised, true)
  })

  test('no samples: value null, not raised', () => {
    assert.deepEqual(readFlag(errorRate, [], window, undefined), { raised: false, value: null, samples: 0 })
  })
})

describe('latency', () => {
  test('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1)
    assert.equal(percentile(values, 50), 50)
    assert.equal(percentile(values, 95), 95)
    assert.equal(percentile(values, 99), 99)
    assert.equal(percentile([7], 99), 7)
    assert.equal(percentile([10, 20, 30, 40], 50), 20)
    assert.equal(percentile([], 50), null)
  })

  test('p95 of passed samples in the window against the threshold', () => {
    const durations = Array.from({ length: 20 }, (_, index) => (index === 19 ? 5000 : index === 18 ? 1500 : 200))
    const window = resolveWindow(latency.window, NOW, MINUTE)
    assert.deepEqual(readFlag(latency, newestFirst('S'.repeat(20), { durationMs: durations }), window, undefined), { raised: true, value: 1500, samples: 20 })
    assert.equal(readFlag({ ...latency, percentile: 90 }, newestFirst('S'.repeat(20), { durationMs: durations }), window, undefined).value, 200)
  })

  test('failed samples do not count: a refused connection is fast, not healthy', () => {
    const window = resolveWindow(latency.window, NOW, MINUTE)
    const reading = readFlag(latency, newestFirst('SFFF', { durationMs: [3000, 1, 1, 1] }), window, undefined)
    assert.deepEqual(reading, { raised: true, value: 3000, samples: 1 })
  })
})

describe('consecutiveFailures', () => {
  const window = resolveWindow(consecutive.window, NOW, MINUTE)

  test('the newest-first run of failures', () => {
    assert.deepEqual(readFlag(consecutive, newestFirst('FFFSF'), window, undefined), { raised: false, value: 1, samples: 5 })
    assert.deepEqual(readFlag(consecutive, newestFirst('SSSFF'), window, undefined), { raised: true, value: 2, samples: 5 })
    assert.deepEqual(readFlag(consecutive, newestFirst('SSSSS'), window, undefined), { raised: false, value: 0, samples: 5 })
  })

  test('failures that do not count neither extend nor break the run', () => {
    assert.equal(readFlag(consecutive, newestFirst('SFQF'), window, undefined).value, 2)
    assert.equal(readFlag(consecutive, newestFirst('SQQ'), window, undefined).value, 0)
  })

  test('the run stops at the start of the window; a per-location threshold applies', () => {
    assert.equal(readFlag(consecutive, newestFirst('FFFFFFFFFFFFFFF'), window, undefined).value, 10)
    assert.equal(readFlag(consecutive, newestFirst('SFF'), window, 'R2').raised, false)
    assert.equal(readFlag(consecutive, newestFirst('FFF'), window, 'R2').raised, true)
  })

  test('no samples: value null, not raised', () => {
    assert.deepEqual(readFlag(consecutive, [], window, undefined), { raised: false, value: null, samples: 0 })
  })
})

describe('noData', () => {
  test('raised when no sample is in the window; the value is the age of the newest sample', () => {
    const window = resolveWindow(noData.window, NOW, MINUTE)
    assert.deepEqual(readFlag(noData, newestFirst('SS..'), window, undefined), { raised: false, value: 2 * MINUTE, samples: 1 })
    assert.deepEqual(readFlag(noData, newestFirst('SS...'), window, undefined), { raised: true, value: null, samples: 0 })
    assert.equal(thresholdFor(noData, 'R1', window), 3 * MINUTE)
  })

  test('failed samples are data too: a failing probe is not silent', () => {
    const window = resolveWindow(noData.window, NOW, MINUTE)
    assert.equal(readFlag(noData, newestFirst('QQ'), window, undefined).raised, false)
  })
})
