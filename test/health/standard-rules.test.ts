import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import type { MeasuredState, Sample } from '../../src/core/index.js'
import { compileHealth, HealthSchema, STANDARD_RULE_SET } from '../../src/config/health-schema.js'
import { evaluate, lookbackMs } from '../../src/health/index.js'
import type { CompiledRuleSet, Evaluation, HysteresisState } from '../../src/health/index.js'
import { parse } from 'yaml'
import { run } from './samples.js'

const START = 1_700_000_000_000
const INTERVAL = 10_000

function standard(): CompiledRuleSet {
  const health = compileHealth(HealthSchema.parse({}))
  assert.deepEqual(health.issues, [])
  return health.ruleSets.get(health.defaultName)!
}

/**
 * Replays outcomes one sample at a time (S passed, F failed, . the probe did not run), evaluating
 * once per interval as the server does, and returns the published state after each.
 */
function replay(outcomes: string, durationMs?: number | number[]): { published: MeasuredState[]; last: Evaluation } {
  const ruleSet = standard()
  let previous: HysteresisState | null = null
  let last: Evaluation | null = null
  const published: MeasuredState[] = []
  for (let index = 0; index < outcomes.length; index++) {
    const now = START + index * INTERVAL
    const samples: Sample[] = run({ outcomes: outcomes.slice(0, index + 1), end: now, intervalMs: INTERVAL, durationMs })
    const recent = samples.filter((sample) => sample.at > now - lookbackMs(ruleSet, INTERVAL))
    last = evaluate(ruleSet, recent, { now, series: { component: 'web', location: 'R1' }, previous })
    previous = last.hysteresis
    published.push(last.measured)
  }
  return { published, last: last! }
}

function letters(states: MeasuredState[]): string {
  const letter: Record<MeasuredState, string> = { operational: 'o', degraded: 'd', partial_outage: 'p', major_outage: 'M', no_data: '?' }
  return states.map((state) => letter[state]).join('')
}

describe('the standard rule set', () => {
  test('is what the docs print', () => {
    const doc = readFileSync(new URL('../../docs/health-rules.md', import.meta.url), 'utf8')
    const block = /## The standard rule set[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1]
    assert.ok(block !== undefined)
    const printed = HealthSchema.parse(parse(block).health).rules[0]
    const { description: _description, ...builtIn } = STANDARD_RULE_SET
    assert.deepEqual(printed, builtIn)
    assert.equal(STANDARD_RULE_SET.name, 'standard')
    assert.deepEqual(STANDARD_RULE_SET.hysteresis, { down: 2, up: 2 })
    assert.deepEqual(STANDARD_RULE_SET.quorum, { k: 1, min: 1 })
    assert.deepEqual(STANDARD_RULE_SET.flags.map((flag) => `${flag.name}:${flag.kind}`), [
      'down:consecutiveFailures', 'erratic:errorRate', 'recent:errorRate', 'slow:latency', 'stale:noData',
    ])
  })

  test('an outage is published at the second failed run, recovery at the second passed run', () => {
    const { published } = replay('SSSSSFFFFFFSSSS')
    assert.equal(letters(published), 'ooooooMMMMMMooo')
    assert.equal(published.indexOf('major_outage'), 6, 'failure at 5, published at 6 = (failureThreshold 1 + N 2 − 1) runs')
    assert.equal(published.lastIndexOf('major_outage'), 11, 'first pass at 11, operational at 12 = M 2 runs')
  })

  test('a single failed run never changes the page', () => {
    const { published } = replay('SSSSSFSSSSSSSSSSSSSSFSSSS')
    assert.ok(published.every((state) => state === 'operational'), letters(published))
  })

  test('a flapping service (every other run fails) shows a partial outage, not green', () => {
    const { published, last } = replay('SSSSSSSSSSFSFSFSFSFSFSFSFS')
    assert.equal(last.measured, 'partial_outage')
    assert.ok(!published.slice(-8).includes('operational'), letters(published))
  })

  test('a stopped probe shows no data after three missed intervals, and the first run after it sets the state', () => {
    const { published } = replay('SSSSS...FF')
    assert.equal(letters(published), 'ooooooo?MM')
  })

  test('a slow service (p95 over 2 s) is degraded', () => {
    const durations = Array.from({ length: 30 }, (_, index) => (index >= 10 ? 2500 : 200))
    const { published, last } = replay('S'.repeat(30), durations)
    assert.equal(last.measured, 'degraded')
    assert.equal(last.matched?.expression, 'slow')
    assert.equal(letters(published.slice(0, 12)), 'oooooooooood')
  })

  test('one slow run among twenty is an outlier, not a degradation', () => {
    const durations = Array.from({ length: 30 }, (_, index) => (index === 25 ? 9000 : 200))
    const { published } = replay('S'.repeat(30), durations)
    assert.ok(published.every((state) => state === 'operational'), letters(published))
  })
})
