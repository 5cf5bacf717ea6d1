/**
 * One scenario-like check feeds several components through part feeds: the monitor writes the
 * parent's result and each part's projection, and the health runner judges each part by the
 * built-in `scenario` rule set — on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compileHealth, ConfigSchema, HealthSchema, parseStoredCheck, type Check } from '../../src/config/index.js'
import { systemClock, type Call, type ProbeResult, type Step } from '../../src/core/index.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import type { Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { monitorOnce, quietLog } from '../support/monitor-once.js'

const parts = dialectParts()

const config = ConfigSchema.parse({
  checks: [{ name: 'oshm', kind: 'tcp', host: '127.0.0.1', port: 9, interval: '1s', labels: { location: 'R1' } }],
  components: [
    { name: 'block-storage', health: 'scenario', feeds: [{ check: 'oshm', operations: ['block-storage.*', 'volume-*'] }] },
    { name: 'compute', health: 'scenario', feeds: [{ check: 'oshm', operations: ['compute.*', 'server-*'] }] },
    { name: 'load-balancer', health: 'scenario', feeds: [{ check: 'oshm', operations: ['load-balancer.*', 'lb-*'] }] },
  ],
})

function call(operation: string, status: number, requestId: string): Call {
  return { operation, status, durationMs: 120, phases: {}, requestId, attempt: 1 }
}

function step(name: string, status: Step['status'], extra: Partial<Step> = {}): Step {
  return { name, status, reason: status === 'failed' ? 'volume went to error' : null, durationMs: 1_000, ...extra }
}

/** An iteration whose volume failed; compute went well; the load balancer was not part of it. */
function iteration(startedAt: number): ProbeResult {
  return {
    ok: false,
    startedAt,
    durationMs: 30_000,
    steps: [step('token', 'passed'), step('server-1', 'passed'), step('volume-1', 'failed', { code: 'resource_error' }), step('lb-1', 'skipped')],
    calls: [
      call('identity.tokens.create', 201, 'req-token'),
      call('compute.servers.create', 202, 'req-server'),
      call('block-storage.volumes.create', 202, 'req-volume'),
      call('block-storage.volumes.get', 200, 'req-volume-get'),
    ],
    conditions: [],
    failure: { code: 'resource_error', message: 'volume-1: volume went to error' },
  }
}

async function measureOnce(store: Store): Promise<string[]> {
  const ran: string[] = []
  await monitorOnce(store, config, async (check: Check) => {
    ran.push(check.name)
    return iteration(systemClock.now())
  })
  return ran
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`part feeds on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a failed block-storage step drives block-storage@R1 to partial_outage; compute@R1 stays operational; the unmeasured part has no data', () =>
      withStore(dialect, async (store) => {
        const ran = await measureOnce(store)
        assert.deepEqual([...new Set(ran)], ['oshm'], 'the scheduler runs the parent only, never a derived check')

        const rows = await store.checks.list()
        const derived = rows.find((row) => row.name === 'oshm/block-storage')
        assert.ok(derived, `derived check rows: ${rows.map((row) => row.name).join(', ')}`)
        assert.equal(parseStoredCheck(derived.definition)?.interval, 1_000, "the derived check has the parent's interval")
        assert.equal(derived.kind, 'tcp')
        assert.match(derived.displayName, /block-storage part/)

        const [stored] = await store.results.list(derived.id, { limit: 1 })
        assert.ok(stored)
        assert.deepEqual(stored.calls.map((entry) => entry.requestId), ['req-volume', 'req-volume-get'], 'the evidence keeps the request ids')
        assert.deepEqual(stored.steps.map((entry) => entry.name), ['volume-1'])
        assert.equal(stored.failure?.code, 'resource_error')
        const loadBalancer = rows.find((row) => row.name === 'oshm/load-balancer')!
        assert.equal((await store.results.list(loadBalancer.id, { limit: 1 })).length, 0, 'a part not measured writes no result')

        const health = compileHealth(HealthSchema.parse({}))
        const runner = createHealthRunner({
          store,
          clock: systemClock,
          log: quietLog(),
          ruleSets: health.ruleSets,
          defaultRuleSet: health.defaultName,
          ruleSetOf: (component) => config.components.find((entry) => entry.name === component)?.health,
        })
        await runner.evaluateNow()
        const current = await store.evaluations.current()
        assert.equal(current.get('block-storage@R1')?.state, 'partial_outage')
        assert.equal(current.get('compute@R1')?.state, 'operational')
        assert.equal(current.get('load-balancer@R1')?.state, 'no_data')
        const evidence = current.get('block-storage@R1')!.evaluation
        assert.equal(evidence.ruleSet, 'scenario')
        assert.equal(evidence.matched?.expression, 'broken')
        const broken = evidence.flags.find((flag) => flag.flag === 'broken')!
        assert.equal(broken.raised, true)
        assert.ok(broken.codes?.includes('resource_error'), 'the evidence says which codes the flag counted')
      }))
  })
}
