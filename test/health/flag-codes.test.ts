import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { parse } from 'yaml'
import { COUNTS_AGAINST_AVAILABILITY, FAILURE_CODES, type FailureCode, type MeasuredState, type Sample } from '../../src/core/index.js'
import { compileHealth, HealthSchema, SCENARIO_RULE_SET } from '../../src/config/health-schema.js'
import { evaluate, readFlag, type CompiledRuleSet, type FlagConfig, type HysteresisState } from '../../src/health/index.js'

const NOW = 1_700_000_000_000
const INTERVAL = 60_000

/** Samples oldest first from codes: 'ok' passed, anything else a failure with that code. */
function samples(outcomes: readonly (FailureCode | 'ok')[], end = NOW): Sample[] {
  return outcomes.map((outcome, index) => {
    const at = end - (outcomes.length - 1 - index) * INTERVAL
    const ok = outcome === 'ok'
    return {
      at,
      durationMs: 100,
      ok,
      countsAgainst: ok || COUNTS_AGAINST_AVAILABILITY[outcome],
      failureCode: ok ? null : outcome,
      vantage: 'local',
      intervalMs: INTERVAL,
      resultId: `r-${at}`,
    }
  })
}

const newestFirst = (list: Sample[]) => [...list].reverse()
const window = { from: NOW - 10 * INTERVAL, to: NOW }

function parsedFlag(input: object): FlagConfig {
  const set = HealthSchema.parse({ rules: [{ name: 'x', flags: [input, { name: 'stale', kind: 'noData' }] }] }).rules[0]!
  return set.flags[0]!
}

describe('flags with codes', () => {
  test('consecutiveFailures with codes: only the listed codes extend a run; another failure ends it', () => {
    const flag = parsedFlag({ name: 'flaky', kind: 'consecutiveFailures', threshold: 2, codes: ['http_5xx', 'timeout'] })
    assert.deepEqual(readFlag(flag, newestFirst(samples(['ok', 'timeout', 'http_5xx'])), window, 'R1'), { raised: true, value: 2, samples: 3 })
    assert.deepEqual(readFlag(flag, newestFirst(samples(['http_5xx', 'resource_error', 'http_5xx'])), window, 'R1'), { raised: false, value: 1, samples: 3 })
    const plain = parsedFlag({ name: 'down', kind: 'consecutiveFailures', threshold: 2 })
    assert.equal(readFlag(plain, newestFirst(samples(['http_5xx', 'resource_error', 'http_5xx'])), window, 'R1').value, 3, 'without codes every counted failure extends the run')
  })

  test('errorRate with codes: other failures count as not failing; even codes that do not count against availability may be listed', () => {
    const flag = parsedFlag({ name: 'errors', kind: 'errorRate', threshold: 0, window: '4x', codes: ['http_5xx', 'rate_limited'] })
    const reading = readFlag(flag, newestFirst(samples(['ok', 'conflict', 'rate_limited', 'http_5xx'])), { from: NOW - 4 * INTERVAL, to: NOW }, 'R1')
    assert.deepEqual(reading, { raised: true, value: 0.5, samples: 4 })
    const none = readFlag(flag, newestFirst(samples(['ok', 'conflict', 'auth', 'ok'])), { from: NOW - 4 * INTERVAL, to: NOW }, 'R1')
    assert.deepEqual(none, { raised: false, value: 0, samples: 4 })
  })

  test('a failure of unknown code never counts for a flag with codes', () => {
    const flag = parsedFlag({ name: 'broken', kind: 'consecutiveFailures', threshold: 1, codes: ['conflict'] })
    const unknown = samples(['ok']).map((sample) => ({ ...sample, ok: false, failureCode: null }))
    assert.equal(readFlag(flag, unknown, window, 'R1').raised, false)
  })

  test('the evidence names the codes a flag counted; flags without codes say nothing', () => {
    const health = compileHealth(HealthSchema.parse({}))
    const evaluation = evaluate(health.ruleSets.get('scenario')!, samples(['ok', 'http_5xx']), { now: NOW, intervalMs: INTERVAL })
    const errors = evaluation.flags.find((flag) => flag.flag === 'errors')!
    assert.deepEqual(errors.codes, ['http_5xx', 'timeout'])
    assert.equal(errors.raised, true)
    assert.equal(evaluation.flags.find((flag) => flag.flag === 'stale')!.codes, undefined)
  })

  test('codes must be known failure codes, each once, at least one', () => {
    const bad = (codes: unknown) => HealthSchema.safeParse({ rules: [{ name: 'x', flags: [{ name: 'f', kind: 'errorRate', threshold: 0, window: '3x', codes }, { name: 's', kind: 'noData' }] }] })
    assert.equal(bad(['http_500']).success, false)
    assert.equal(bad(['auth', 'auth']).success, false)
    assert.equal(bad([]).success, false)
    assert.equal(bad(['auth']).success, true)
  })
})

function scenario(): CompiledRuleSet {
  return compileHealth(HealthSchema.parse({})).ruleSets.get('scenario')!
}

/** Evaluates after each run (one a minute) and returns the published states. */
function replay(outcomes: readonly (FailureCode | 'ok')[]): MeasuredState[] {
  const ruleSet = scenario()
  let previous: HysteresisState | null = null
  return outcomes.map((_, index) => {
    const now = NOW + index * INTERVAL
    const evaluation = evaluate(ruleSet, samples(outcomes.slice(0, index + 1), now), { now, intervalMs: INTERVAL, previous })
    previous = evaluation.hysteresis
    return evaluation.measured
  })
}

describe('the scenario rule set', () => {
  test('is what the docs print', () => {
    const doc = readFileSync(new URL('../../docs/health-rules.md', import.meta.url), 'utf8')
    const block = /## The scenario rule set[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1]
    assert.ok(block !== undefined, 'docs/health-rules.md has a yaml block under "## The scenario rule set"')
    const printed = HealthSchema.parse(parse(block).health).rules[0]
    const { description: _description, ...builtIn } = SCENARIO_RULE_SET
    assert.deepEqual(printed, builtIn)
  })

  test('broken counts every code but 5xx, timeout, auth and those that do not count against availability', () => {
    const broken = SCENARIO_RULE_SET.flags.find((flag) => flag.name === 'broken')!
    assert.ok(broken.kind === 'consecutiveFailures')
    const expected = FAILURE_CODES.filter((code) => COUNTS_AGAINST_AVAILABILITY[code] && !['http_5xx', 'timeout', 'auth', 'rate_limited'].includes(code))
    assert.deepEqual(broken.codes, expected)
    assert.ok(expected.includes('resource_error') && expected.includes('conflict') && !expected.includes('quota'))
  })

  test('authentication failing → major outage at once', () => {
    assert.deepEqual(replay(['ok', 'auth']), ['operational', 'major_outage'])
  })

  test('a failed create or wait → partial outage at once; back after two good runs', () => {
    assert.deepEqual(replay(['ok', 'resource_error', 'ok', 'ok']), ['operational', 'partial_outage', 'partial_outage', 'operational'])
  })

  test('one 5xx or timeout → degraded while it is in the last three runs; two in a row → partial outage', () => {
    assert.deepEqual(replay(['ok', 'http_5xx', 'ok', 'ok', 'ok', 'ok']), ['operational', 'degraded', 'degraded', 'degraded', 'degraded', 'operational'])
    assert.deepEqual(replay(['ok', 'timeout', 'http_5xx']), ['operational', 'degraded', 'partial_outage'])
  })

  test('rate limits and quota say nothing against the service', () => {
    assert.deepEqual(replay(['ok', 'rate_limited', 'quota', 'rate_limited']), ['operational', 'operational', 'operational', 'operational'])
  })
})
