/**
 * Flags with failure codes read the codes stored with each result: the `scenario` rule set over
 * stored results tells a 5xx (degraded) from a failed create (partial outage) and a rate limit
 * (nothing) — on SQLite and PostgreSQL.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { compileHealth, HealthSchema } from '../../src/config/health-schema.js'
import type { FailureCode } from '../../src/core/index.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import { DIALECTS, dialectParts, sampleResult, withStore } from '../store/harness.js'
import { fakeClock, memoryLog, seed } from '../records-job/fixtures.js'

const parts = dialectParts()
const T0 = 1_763_800_000_000
const INTERVAL = 60_000
const health = compileHealth(HealthSchema.parse({}))

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`flags with codes on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('the scenario rule set reads the stored failure codes', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [{ check: 'oshm/block-storage', intervalSeconds: INTERVAL / 1000, component: 'block-storage', location: 'R1' }])
        const checkId = ids.get('oshm/block-storage')!
        const clock = fakeClock(T0)
        const runner = createHealthRunner({ store, clock, log: memoryLog(), ruleSets: health.ruleSets, defaultRuleSet: 'scenario' })
        const outcomes: (FailureCode | 'ok')[] = ['ok', 'rate_limited', 'http_5xx', 'ok', 'resource_error', 'ok', 'ok']
        const states: string[] = []
        for (const [index, outcome] of outcomes.entries()) {
          const at = T0 + index * INTERVAL
          const failure = outcome === 'ok' ? {} : { failure: { code: outcome, message: `failed: ${outcome}` } }
          await store.results.insertBatch([{ checkId, result: sampleResult(at, { ok: outcome === 'ok', ...failure }) }])
          clock.set(at + 1_000)
          await runner.evaluateNow()
          states.push((await store.evaluations.current()).get('block-storage@R1')!.state)
        }
        assert.deepEqual(states, ['operational', 'operational', 'degraded', 'degraded', 'partial_outage', 'partial_outage', 'operational'])
        const current = (await store.evaluations.current()).get('block-storage@R1')!
        assert.deepEqual(current.evaluation.flags.find((flag) => flag.flag === 'errors')?.codes, ['http_5xx', 'timeout'])
      }))
  })
}
