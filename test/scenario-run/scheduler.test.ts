/**
 * The scenario check run by the monitor's scheduler on the simulated cloud: results stored,
 * metrics exported with template labels, and a stop request handled at a step boundary.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigSchema } from '../../src/config/index.js'
import type { Check } from '../../src/config/index.js'
import { systemClock } from '../../src/core/index.js'
import { runCheck } from '../../src/probes/index.js'
import { closeSimulatedClouds } from '../../src/probes/scenario/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/index.js'
import { monitorOnce, quietLog } from '../support/monitor-once.js'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}/

function scenarioConfig(name: string, owner: string) {
  return ConfigSchema.parse({
    checks: [{ name, kind: 'scenario', simulated: true, timeScale: 0.01, owner, vms: 1, bootMode: 'image', skipReachability: true, pollInterval: '20ms', interval: '2s', timeout: '1m' }],
  })
}

const scenarioCheck = (name: string, owner: string): Check => scenarioConfig(name, owner).checks[0]!

describe('scenario checks in the scheduler (simulated cloud)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-scenario-scheduler-'))
  let store: Store

  before(async () => {
    store = await openStore({ dataDir: dir })
    await store.migrate()
  })
  after(async () => {
    await store.close()
    await closeSimulatedClouds()
    rmSync(dir, { recursive: true, force: true })
  })

  test('the monitor runs it, stores the result, and /metrics has API calls, waits and the budget ratio by template', async () => {
    const metrics = await monitorOnce(store, scenarioConfig('demo-scenario', 'schedtest'), (check, deps) => runCheck(check, { ...deps, ledger: store.ledger }))

    const row = (await store.checks.list()).find((candidate) => candidate.name === 'demo-scenario')!
    assert.equal(row.kind, 'scenario')
    assert.equal((row.definition as { simulated?: boolean }).simulated, true, 'the stored definition says the check is simulated')
    const [stored] = await store.results.list(row.id, { limit: 1 })
    assert.ok(stored)
    assert.equal(stored.ok, true, JSON.stringify(stored.failure ?? stored.steps.filter((step) => step.status === 'failed')))
    assert.equal(stored.steps[0]?.name, 'pre-run cleanup')
    assert.ok(stored.calls.some((call) => call.operation === 'compute.servers.create' && call.requestId !== null))
    assert.equal((await store.ledger.leftovers('simulated', { owner: 'schedtest' })).length, 0)

    const { body } = await metrics.render(false)
    assert.match(body, /openstack_api_request_duration_seconds_bucket\{le="[^"]+",cloud="simulated",region="RegionOne",service="compute",operation="compute\.servers\.create",status_class="2xx"\}/)
    assert.match(body, /glasshouse_scenario_wait_seconds_count\{cloud="simulated",region="RegionOne",kind="server",mode="create",outcome="reached"\} [1-9]/)
    assert.match(body, /glasshouse_scenario_budget_ratio\{check="demo-scenario"\} 0\.\d+/)
    const labels = body.split('\n').filter((line) => /^(openstack_api|glasshouse_scenario)/.test(line))
    assert.ok(labels.length > 20)
    for (const line of labels) assert.doesNotMatch(line, UUID, 'label values are templates, never ids')
  })

  test('a stop request (the monitor shutting down) ends the iteration at a step boundary and tears it down', async () => {
    const stop = new AbortController()
    // Stop once the iteration has created something (a ledger row), so the stop lands mid-iteration.
    const watch = setInterval(() => void store.ledger.leftovers('simulated', { owner: 'stoptest' }).then((rows) => rows.length > 0 && stop.abort(new Error('shutdown'))), 10)
    stop.signal.addEventListener('abort', () => clearInterval(watch))
    const result = await runCheck(scenarioCheck('stopped-scenario', 'stoptest'), { clock: systemClock, log: quietLog(), signal: stop.signal, ledger: store.ledger })
    assert.equal(result.ok, false)
    assert.equal(result.failure?.code, 'internal')
    assert.match(result.failure?.message ?? '', /stopped by a shutdown request/)
    assert.equal((result as unknown as { stopped: boolean }).stopped, true)
    assert.ok(result.steps.some((step) => step.reason === 'stopped before it started'))
    assert.equal(result.steps.find((step) => step.name === 'teardown')?.status, 'passed')
    assert.equal((await store.ledger.leftovers('simulated', { owner: 'stoptest' })).length, 0)
  })

  test('without the store\'s ledger the probe fails as internal and creates nothing', async () => {
    const result = await runCheck(scenarioCheck('no-ledger', 'noledger'), { clock: systemClock, log: quietLog() })
    assert.equal(result.failure?.code, 'internal')
    assert.match(result.failure?.message ?? '', /needs the store's ledger/)
    assert.equal(result.calls.length, 0)
  })
})
