import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compileRuleSet, evaluate, lookbackMs } from '../../src/health/index.js'
import type { CompiledRuleSet, Evaluation, RuleSetConfig } from '../../src/health/index.js'
import { run } from './samples.js'

const NOW = 1_700_000_000_000
const MINUTE = 60_000

const CONFIG: RuleSetConfig = {
  name: 'test',
  flags: [
    { name: 'down', kind: 'consecutiveFailures', threshold: 2, thresholds: {}, window: { intervals: 10 } },
    { name: 'errors', kind: 'errorRate', threshold: 0.5, thresholds: { R2: 0.2 }, window: { ms: 5 * MINUTE }, minSamples: 1 },
    { name: 'slow', kind: 'latency', percentile: 95, threshold: 1000, thresholds: {}, window: { ms: 5 * MINUTE }, minSamples: 1 },
    { name: 'stale', kind: 'noData', window: { intervals: 3 } },
  ],
  states: [
    { expression: 'errors || down', state: 'major_outage', weight: 3 },
    { expression: 'slow && !errors', state: 'degraded', weight: 1 },
    { expression: 'slow', state: 'partial_outage', weight: 2 },
  ],
  hysteresis: { down: 1, up: 1 },
  quorum: { k: 1, min: 1 },
}

function compiled(overrides: Partial<RuleSetConfig> = {}): CompiledRuleSet {
  const result = compileRuleSet({ ...CONFIG, ...overrides })
  assert.ok(result.ok, JSON.stringify(result.ok ? null : result.issues))
  return result.ruleSet
}

function flag(evaluation: Evaluation, name: string) {
  const found = evaluation.flags.find((entry) => entry.flag === name)
  assert.ok(found, name)
  return found
}

describe('weights', () => {
  test('no flag raised → operational, nothing matched', () => {
    const evaluation = evaluate(compiled(), run({ outcomes: 'SSSSS', end: NOW }), { now: NOW })
    assert.equal(evaluation.raw, 'operational')
    assert.equal(evaluation.matched, null)
    assert.equal(evaluation.reason, 'no rule matched')
  })

  test('the highest matching weight wins, not the worst state or the first rule', () => {
    const evaluation = evaluate(compiled(), run({ outcomes: 'SSSSS', end: NOW, durationMs: 2000 }), { now: NOW })
    assert.equal(evaluation.raw, 'partial_outage')
    assert.deepEqual(evaluation.matched, { expression: 'slow', weight: 2, state: 'partial_outage' })
    assert.match(evaluation.reason, /matched "slow" \(weight 2\)/)
  })

  test('equal weights: the worse state wins', () => {
    const states = [
      { expression: 'slow', state: 'degraded' as const, weight: 1 },
      { expression: 'slow', state: 'major_outage' as const, weight: 1 },
    ]
    const evaluation = evaluate(compiled({ states }), run({ outcomes: 'SS', end: NOW, durationMs: 2000 }), { now: NOW })
    assert.equal(evaluation.raw, 'major_outage')
  })

  test('the location picks its threshold, and the evidence shows it', () => {
    const samples = run({ outcomes: 'SSFSF', end: NOW })
    const r1 = evaluate(compiled(), samples, { now: NOW, series: { component: 'compute', location: 'R1' } })
    const r2 = evaluate(compiled(), samples, { now: NOW, series: { component: 'compute', location: 'R2' } })
    assert.equal(r1.raw, 'operational')
    assert.equal(r2.raw, 'major_outage')
    assert.deepEqual(r2.series, { component: 'compute', location: 'R2' })
    assert.deepEqual({ ...flag(r2, 'errors'), votes: undefined }, {
      flag: 'errors', kind: 'errorRate', raised: true, value: 0.4, threshold: 0.2, unit: 'ratio',
      window: { from: NOW - 5 * MINUTE, to: NOW }, samples: 5, votes: undefined,
    })
  })
})

describe('no data', () => {
  test('no samples at all → no_data, whatever the expressions say', () => {
    const always = [{ expression: '!down', state: 'major_outage' as const, weight: 9 }]
    const evaluation = evaluate(compiled({ states: always }), [], { now: NOW })
    assert.equal(evaluation.raw, 'no_data')
    assert.equal(evaluation.measured, 'no_data')
    assert.equal(evaluation.matched, null)
    assert.equal(evaluation.lastSampleAt, null)
    assert.equal(flag(evaluation, 'stale').raised, true)
    assert.match(evaluation.reason, /no measurement in the last 3m/)
  })

  test('a stopped probe: failures within the windows, but nothing for 3 intervals → no_data, not an outage and not green', () => {
    const samples = run({ outcomes: 'SSFF...', end: NOW })
    const evaluation = evaluate(compiled(), samples, { now: NOW, previous: { published: 'operational', candidate: null, streak: 0 } })
    assert.equal(evaluation.raw, 'no_data')
    assert.equal(evaluation.measured, 'no_data')
    assert.equal(evaluation.lastSampleAt, NOW - 3 * MINUTE)
    assert.match(evaluation.reason, /the last one was at 2023-11-14T22:10:20.000Z/)
    assert.deepEqual({ ...flag(evaluation, 'stale'), votes: undefined }, {
      flag: 'stale', kind: 'noData', raised: true, value: null, threshold: 3 * MINUTE, unit: 'ms',
      window: { from: NOW - 3 * MINUTE, to: NOW }, samples: 0, votes: undefined,
    })
    assert.equal(flag(evaluation, 'down').raised, false)
  })

  test('samples from the future are ignored', () => {
    const evaluation = evaluate(compiled(), run({ outcomes: 'S', end: NOW + MINUTE }), { now: NOW })
    assert.equal(evaluation.raw, 'no_data')
  })

  test('Nx windows follow the given interval, else the longest interval among the samples', () => {
    const samples = run({ outcomes: 'S...', end: NOW, intervalMs: 10_000 })
    assert.equal(evaluate(compiled(), samples, { now: NOW }).raw, 'no_data')
    assert.equal(evaluate(compiled(), samples, { now: NOW, intervalMs: 60_000 }).raw, 'operational')
    assert.equal(lookbackMs(compiled(), 60_000), 10 * MINUTE)
  })
})

describe('vantage quorum', () => {
  const three = (a: string, b: string, c: string, durations?: number) => [
    ...run({ outcomes: a, end: NOW, vantage: 'fra', durationMs: durations }),
    ...run({ outcomes: b, end: NOW - 5_000, vantage: 'ams', durationMs: durations }),
    ...run({ outcomes: c, end: NOW - 9_000, vantage: 'ber', durationMs: durations }),
  ]

  test('k = 2 of 3: one failing vantage is not enough, two are', () => {
    const ruleSet = compiled({ quorum: { k: 2, min: 2 } })
    const one = evaluate(ruleSet, three('SSSFF', 'SSSSS', 'SSSSS'), { now: NOW })
    assert.equal(one.raw, 'operational')
    assert.deepEqual(flag(one, 'down').votes.map((vote) => [vote.vantage, vote.raised, vote.value]), [['ams', false, 0], ['ber', false, 0], ['fra', true, 2]])
    assert.equal(flag(one, 'down').value, 0, 'the value two vantages reached')
    const two = evaluate(ruleSet, three('SSSFF', 'SSSFF', 'SSSSS'), { now: NOW })
    assert.equal(two.raw, 'major_outage')
    assert.equal(flag(two, 'down').value, 2)
    assert.deepEqual(two.vantages, { k: 2, min: 2, reporting: ['ams', 'ber', 'fra'], silent: [] })
  })

  test('a silent vantage does not vote: 2 of the 2 that report fail → raised', () => {
    const evaluation = evaluate(compiled({ quorum: { k: 2, min: 2 } }), three('SSSFF', 'SSSFF', 'SS....'), { now: NOW })
    assert.equal(evaluation.raw, 'major_outage')
    assert.deepEqual(evaluation.vantages.silent, ['ber'])
    assert.deepEqual(flag(evaluation, 'down').votes.map((vote) => vote.vantage), ['ams', 'fra'])
    assert.equal(flag(evaluation, 'stale').raised, false)
    assert.deepEqual(flag(evaluation, 'stale').votes.map((vote) => [vote.vantage, vote.raised]), [['ams', false], ['ber', true], ['fra', false]])
  })

  test('fewer reporting vantages than min → no_data, with the count in the reason', () => {
    const evaluation = evaluate(compiled({ quorum: { k: 1, min: 2 } }), three('SSSFF', 'S.....', 'S.....'), { now: NOW })
    assert.equal(evaluation.raw, 'no_data')
    assert.equal(evaluation.reason, '1 vantage point reported in the last 3m; at least 2 needed')
    assert.equal(flag(evaluation, 'down').raised, false)
  })

  test('an expected vantage that sent nothing at all is named as silent', () => {
    const evaluation = evaluate(compiled(), run({ outcomes: 'SS', end: NOW, vantage: 'fra' }), { now: NOW, expectedVantages: ['fra', 'waw'] })
    assert.deepEqual(evaluation.vantages, { k: 1, min: 1, reporting: ['fra'], silent: ['waw'] })
  })

  test('latency by quorum: the value is the k-th highest vantage value', () => {
    const samples = [
      ...run({ outcomes: 'SSS', end: NOW, vantage: 'fra', durationMs: 3000 }),
      ...run({ outcomes: 'SSS', end: NOW, vantage: 'ams', durationMs: 1500 }),
      ...run({ outcomes: 'SSS', end: NOW, vantage: 'ber', durationMs: 100 }),
    ]
    const evaluation = evaluate(compiled({ quorum: { k: 2, min: 2 } }), samples, { now: NOW })
    assert.equal(flag(evaluation, 'slow').value, 1500)
    assert.equal(flag(evaluation, 'slow').raised, true)
    const strict = evaluate(compiled({ quorum: { k: 3, min: 3 } }), samples, { now: NOW })
    assert.equal(flag(strict, 'slow').raised, false)
    assert.equal(flag(strict, 'slow').value, 100)
  })
})

describe('hysteresis inside evaluate', () => {
  test('measured follows the hysteresis; raw is this evaluation alone; the whole evaluation is plain JSON', () => {
    const ruleSet = compiled({ hysteresis: { down: 2, up: 2 } })
    const first = evaluate(ruleSet, run({ outcomes: 'SSSSS', end: NOW }), { now: NOW })
    const second = evaluate(ruleSet, run({ outcomes: 'SSSSSFF', end: NOW + 2 * MINUTE }), { now: NOW + 2 * MINUTE, previous: first.hysteresis })
    assert.equal(second.raw, 'major_outage')
    assert.equal(second.measured, 'operational')
    assert.deepEqual(second.hysteresis, { published: 'operational', candidate: 'major_outage', streak: 1 })
    const third = evaluate(ruleSet, run({ outcomes: 'SSSSSFFF', end: NOW + 3 * MINUTE }), { now: NOW + 3 * MINUTE, previous: second.hysteresis })
    assert.equal(third.measured, 'major_outage')
    assert.deepEqual(JSON.parse(JSON.stringify(third)), third)
    assert.equal(third.ruleSet, 'test')
    assert.equal(third.at, NOW + 3 * MINUTE)
  })
})
