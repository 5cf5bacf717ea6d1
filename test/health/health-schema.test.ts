import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { FlagSchema, HealthSchema, RuleSetSchema, STANDARD_RULE_SET, compileHealth, ruleSetsOf, validateHealthConfig } from '../../src/config/health-schema.js'

const FLAGS = [
  { name: 'down', kind: 'consecutiveFailures', threshold: 1 },
  { name: 'errors', kind: 'errorRate', threshold: '50%', window: '5m' },
  { name: 'slow', kind: 'latency', threshold: '1500ms', window: '15m', thresholds: { R1: '2s' } },
  { name: 'stale', kind: 'noData' },
]

function section(rules: unknown[], extra: Record<string, unknown> = {}) {
  return HealthSchema.parse({ rules, ...extra })
}

function ruleSet(overrides: Record<string, unknown> = {}) {
  return { name: 'api', flags: FLAGS, states: [{ expression: 'errors || down', state: 'major_outage', weight: 3 }], ...overrides }
}

describe('HealthSchema', () => {
  test('an empty section: no rule sets of its own, the default is the built-in standard', () => {
    const parsed = HealthSchema.parse({})
    assert.deepEqual(parsed, { rules: [], default: 'standard' })
    assert.equal(ruleSetsOf(parsed).get('standard'), STANDARD_RULE_SET)
  })

  test('defaults are filled in: windows, percentile, minSamples, hysteresis, quorum', () => {
    const parsed = RuleSetSchema.parse(ruleSet())
    assert.deepEqual(parsed.flags[0], { name: 'down', kind: 'consecutiveFailures', threshold: 1, thresholds: {}, window: { intervals: 10 } })
    assert.deepEqual(parsed.flags[1], { name: 'errors', kind: 'errorRate', threshold: 0.5, thresholds: {}, window: { ms: 300_000 }, minSamples: 1 })
    assert.deepEqual(parsed.flags[2], { name: 'slow', kind: 'latency', percentile: 95, threshold: 1500, thresholds: { R1: 2000 }, window: { ms: 900_000 }, minSamples: 1 })
    assert.deepEqual(parsed.flags[3], { name: 'stale', kind: 'noData', window: { intervals: 3 } })
    assert.deepEqual(parsed.hysteresis, { down: 2, up: 2 })
    assert.deepEqual(parsed.quorum, { k: 1, min: 1 })
  })

  test('rates as fractions or percentages; windows as durations or intervals', () => {
    const rate = (threshold: unknown) => FlagSchema.safeParse({ name: 'e', kind: 'errorRate', threshold, window: '1.5x' })
    assert.deepEqual(rate(0.25).data, { name: 'e', kind: 'errorRate', threshold: 0.25, thresholds: {}, window: { intervals: 1.5 }, minSamples: 1 })
    assert.deepEqual(rate('12.5%').data, { name: 'e', kind: 'errorRate', threshold: 0.125, thresholds: {}, window: { intervals: 1.5 }, minSamples: 1 })
    for (const bad of ['150%', 1.5, -0.1, 'half', '10']) assert.equal(rate(bad).success, false, String(bad))
    for (const window of ['0x', '0s', 'soon', 'x', '']) {
      assert.equal(FlagSchema.safeParse({ name: 's', kind: 'noData', window }).success, false, window)
    }
  })

  test('strict: unknown keys, unknown kinds and percentiles are errors', () => {
    assert.equal(RuleSetSchema.safeParse(ruleSet({ colour: 'red' })).success, false)
    assert.equal(FlagSchema.safeParse({ name: 's', kind: 'noData', threshold: 3 }).success, false)
    assert.equal(FlagSchema.safeParse({ name: 's', kind: 'uptime' }).success, false)
    assert.equal(FlagSchema.safeParse({ name: 's', kind: 'latency', threshold: '1s', window: '5m', percentile: 'p42' }).success, false)
    assert.equal(FlagSchema.safeParse({ name: 'has-dash', kind: 'noData' }).success, false)
    assert.equal(RuleSetSchema.safeParse(ruleSet({ states: [{ expression: 'down', state: 'no_data', weight: 1 }] })).success, false)
    assert.equal(HealthSchema.safeParse({ rules: [], fallback: 'x' }).success, false)
  })
})

describe('validateHealthConfig', () => {
  test('a valid section has no issues and compiles every rule set', () => {
    const health = compileHealth(section([ruleSet()], { default: 'api' }))
    assert.deepEqual(health.issues, [])
    assert.deepEqual([...health.ruleSets.keys()], ['standard', 'scenario', 'api'])
    assert.equal(health.defaultName, 'api')
  })

  test('an expression that does not parse: the column inside the expression', () => {
    const issues = validateHealthConfig(section([ruleSet({ states: [{ expression: 'errors && (down', state: 'major_outage', weight: 3 }] })]))
    assert.deepEqual(issues, [{
      path: ['health', 'rules', 0, 'states', 0, 'expression'],
      message: 'expected ")" to close the "(" at column 11, found the end (column 16)',
      column: 16,
    }])
  })

  test('an unknown flag names the flags there are', () => {
    const issues = validateHealthConfig(section([ruleSet({ states: [{ expression: 'errors || donw', state: 'major_outage', weight: 3 }] })]))
    assert.deepEqual(issues, [{
      path: ['health', 'rules', 0, 'states', 0, 'expression'],
      message: 'unknown flag "donw" (column 11); flags of this rule set: down, errors, slow',
      column: 11,
    }])
  })

  test('the noData flag cannot be used in an expression', () => {
    const issues = validateHealthConfig(section([ruleSet({ states: [{ expression: 'stale', state: 'major_outage', weight: 3 }] })]))
    assert.equal(issues.length, 1)
    assert.match(issues[0]!.message, /"stale" is the noData flag/)
  })

  test('duplicate names, a missing or second noData flag, min below k, an unknown default', () => {
    const dupFlags = ruleSet({ name: 'b', flags: [...FLAGS, { name: 'down', kind: 'consecutiveFailures', threshold: 3 }] })
    const noStale = ruleSet({ name: 'c', flags: FLAGS.slice(0, 3) })
    const twoStale = ruleSet({ name: 'd', flags: [...FLAGS, { name: 'gone', kind: 'noData' }] })
    const quorum = ruleSet({ name: 'e', quorum: { k: 2, min: 1 } })
    const issues = validateHealthConfig(section([ruleSet(), ruleSet(), dupFlags, noStale, twoStale, quorum], { default: 'nope' }))
    assert.deepEqual(issues.map((issue) => [issue.path.join('.'), issue.message.split(/[:;(]/)[0]!.trim()]), [
      ['health.rules.1.name', 'duplicate rule set name "api"'],
      ['health.rules.2.flags.4.name', 'duplicate flag name "down"'],
      ['health.rules.3.flags', 'a rule set needs one noData flag'],
      ['health.rules.4.flags', 'a rule set has exactly one noData flag'],
      ['health.rules.5.quorum.min', 'min'],
      ['health.default', 'no rule set named "nope"'],
    ])
  })

  test('a rule set named standard replaces the built-in one', () => {
    const health = compileHealth(section([ruleSet({ name: 'standard' })]))
    assert.deepEqual(health.issues, [])
    assert.equal(health.ruleSets.get('standard')!.config.flags.length, 4)
  })
})
