/**
 * A teardown bounded by its budget: a deletion that never finishes no longer holds the loop.
 * On the engine (an undo that never returns) and on the simulated cloud (a server whose delete
 * is accepted but never happens): the iteration ends within the budget, the ledger keeps the
 * resource, and the next iteration's pre-run cleanup deletes it once the cloud lets it go.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REAL_CLOUD_PROFILE, startSimulatedCloud } from '../../src/openstack/simulator/index.js'
import type { SimulatedCloud } from '../../src/openstack/simulator/index.js'
import { runScenario } from '../../src/probes/scenario/index.js'
import { defineGraph, runGraph, teardown } from '../../src/scenario/index.js'
import { defaultTeardownBudgetMs, scenarioOptions } from '../../src/scenario/oshm/index.js'
import type { StepDefinition } from '../../src/scenario/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/index.js'

const FAST_CLEANUP = { pollIntervalMs: 10, retryDelayMs: 20, waitTimeoutMs: 20_000 }

describe('the teardown budget (engine)', () => {
  test('an undo that never ends is cut at the budget; what needed it is not started; without a budget nothing changes', async () => {
    const hang: StepDefinition = {
      id: 'server',
      service: 'compute',
      needs: [],
      run: async (ctx) => ctx.undo({ name: 'server VM_1', run: (attempt) => new Promise((_resolve, reject) => attempt.signal.addEventListener('abort', () => reject(new Error('the wait was aborted')))) }),
    }
    const network: StepDefinition = { id: 'network', service: 'network', needs: [], run: async (ctx) => ctx.undo({ name: 'network NET_1', run: async () => undefined }) }
    const port: StepDefinition = { id: 'port', service: 'network', needs: [{ step: 'network', field: 'port.network_id' }], run: async (ctx) => ctx.undo({ name: 'port P_1', run: async () => undefined }) }
    const attached: StepDefinition = { ...hang, id: 'server', needs: [{ step: 'port', field: 'server.networks.port' }] }
    const graph = defineGraph([network, port, attached])
    const run = await runGraph(graph)
    let exceeded = 0
    const begin = performance.now()
    const deletions = await teardown(graph, run, { budgetMs: 150, retryDelayMs: 10, onBudgetExceeded: () => exceeded++ })
    const elapsed = performance.now() - begin
    assert.ok(elapsed < 1_000, `the teardown ended ${Math.round(elapsed)} ms after it started`)
    assert.equal(exceeded, 1)
    const byName = new Map(deletions.map((deletion) => [deletion.name, deletion]))
    assert.equal(byName.get('server VM_1')?.status, 'failed')
    assert.match(byName.get('server VM_1')?.reason ?? '', /teardown budget of 150ms ran out; left in the ledger/)
    assert.equal(byName.get('port P_1')?.status, 'skipped')
    assert.match(byName.get('port P_1')?.reason ?? '', /^not started: the teardown budget/)
    assert.equal(byName.get('network NET_1')?.status, 'skipped')

    const quick = defineGraph([network, port])
    const all = await teardown(quick, await runGraph(quick), { budgetMs: 10_000, onBudgetExceeded: () => exceeded++ })
    assert.deepEqual(all.map((deletion) => deletion.status), ['deleted', 'deleted'])
    assert.equal(exceeded, 1, 'a teardown within its budget never reports it exceeded')
  })

  test('the default budget is the longest wait timeout plus a minute, times timeoutScale', () => {
    assert.equal(defaultTeardownBudgetMs(scenarioOptions.parse({})), 780_000)
    assert.equal(defaultTeardownBudgetMs(scenarioOptions.parse({ timeoutScale: 2, waitTimeoutsMs: { server: 60_000, volume: 30_000, loadBalancer: 90_000 } })), 300_000)
  })
})

describe('the teardown budget (simulated cloud, a server that never finishes deleting)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-bounded-teardown-'))
  let sim: SimulatedCloud
  let store: Store
  let stuck = true
  const deleteCalls: string[] = []

  before(async () => {
    sim = await startSimulatedCloud({
      profile: REAL_CLOUD_PROFILE,
      timeScale: 0.01,
      seed: 19,
      hooks: {
        request: (operation) => {
          if (operation !== 'compute.servers.delete') return undefined
          deleteCalls.push(stuck ? 'stuck' : 'free')
          // Accepted, never done: the server stays ACTIVE, as an instance stuck in deletion does.
          return stuck ? () => new Response(null, { status: 204 }) : undefined
        },
      },
    })
    store = await openStore({ dataDir: dir })
    await store.migrate()
  })
  after(async () => {
    await store.close()
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const iteration = () =>
    runScenario({
      cloud: sim.cloud,
      ledger: store.ledger,
      owner: 'stuckdelete',
      options: { vms: 1, bootMode: 'image', skipReachability: true, pollIntervalMs: 20, waitTimeoutsMs: { server: 2_000, volume: 5_000, loadBalancer: 5_000 } },
      retryDelayMs: 50,
      teardownBudgetMs: 1_500,
      cleanupTimings: FAST_CLEANUP,
    })

  test('the iteration ends within the budget, reports a timeout and leaves the rest in the ledger; the next one cleans it up', async (t) => {
    const first = await iteration()
    const torn = first.steps.find((step) => step.name === 'teardown')!
    t.diagnostic(`teardown with a server stuck in deletion: ${Math.round(torn.durationMs)} ms (budget 1 500 ms, server wait timeout 2 000 ms)`)
    assert.equal(torn.status, 'failed')
    // Unbounded, the stuck server alone would take three full waits (first try, retry, second pass): over 6 s.
    assert.ok(torn.durationMs < 1_500 + 2_000, `teardown took ${torn.durationMs} ms (budget 1 500 ms)`)
    assert.equal(first.failure?.code, 'timeout', JSON.stringify(first.failure))
    assert.match(first.failure?.message ?? '', /teardown ran out of its budget of 1s500ms; \d+ resource\(s\) left in the ledger/)
    const leftServer = first.deletions.find((deletion) => deletion.name.startsWith('server') && deletion.status !== 'deleted')
    assert.ok(leftServer, JSON.stringify(first.deletions))
    const kept = await store.ledger.leftovers(sim.cloud.name, { owner: 'stuckdelete' })
    assert.ok(kept.some((entry) => entry.kind === 'server'), `the ledger keeps the server: ${kept.map((entry) => entry.kind).join(', ')}`)
    assert.ok([...sim.resources('servers').values()].some((row) => String(row.name).startsWith(first.prefix)), 'the server still exists')

    stuck = false
    const second = await iteration()
    assert.equal(second.steps[0]?.name, 'pre-run cleanup')
    assert.ok((second.cleanup?.found ?? 0) >= kept.length, JSON.stringify(second.cleanup))
    assert.equal(second.cleanup?.remaining, 0, JSON.stringify(second.cleanup))
    assert.equal(second.steps.find((step) => step.name === 'teardown')?.status, 'passed')
    assert.equal((await store.ledger.leftovers(sim.cloud.name, { owner: 'stuckdelete' })).length, 0)
    assert.equal([...sim.resources('servers').values()].filter((row) => String(row.name).startsWith('gh-stuckdelete')).length, 0)
    assert.ok(deleteCalls.includes('free'))
  })
})
