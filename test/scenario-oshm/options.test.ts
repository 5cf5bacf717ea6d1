import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Context } from 'hono'
import { ownerTag } from '../../src/scenario/cleanup/index.js'
import { REACHABILITY_NOT_AVAILABLE, SKIP_REACHABILITY } from '../../src/scenario/oshm/index.js'
import type { ReachabilityChecks, VmTarget } from '../../src/scenario/oshm/index.js'
import { systemSleep } from '../../src/scenario/sleep.js'
import type { Sleep } from '../../src/scenario/sleep.js'
import { iterate, leftovers, simBench } from './support.js'
import type { SimBench } from './support.js'

/** Every request the simulated cloud answered: operation and, for updates, the body. */
interface Seen {
  operation: string
  path: string
  body: unknown
  at: number
}

describe('OSHM option parity on the simulated cloud', { timeout: 120_000 }, () => {
  let bench: SimBench
  const seen: Seen[] = []
  before(async () => {
    bench = await simBench({
      hooks: {
        request: async (operation: string, c: Context) => {
          seen.push({ operation, path: c.req.path, at: Date.now(), body: operation.endsWith('.update') ? await c.req.json().catch(() => null) : null })
          return undefined
        },
      },
    })
  })
  after(async () => bench.close())

  test('-I: each floating IP is disassociated (PUT port_id null) before its delete', async () => {
    seen.length = 0
    const result = await iterate(bench, { vms: 1, bootMode: 'image', skipReachability: true, disassociateFloatingIps: true })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const fip = seen.filter((entry) => /^network\.floatingips\.(update|delete)$/.test(entry.operation))
    const ids = [...new Set(fip.map((entry) => entry.path))]
    assert.equal(ids.length, 2, 'one floating IP per jump host (two AZs)')
    for (const id of ids) {
      const own = fip.filter((entry) => entry.path === id)
      assert.deepEqual(own.map((entry) => [entry.operation, entry.body]), [['network.floatingips.update', { floatingip: { port_id: null } }], ['network.floatingips.delete', null]], id)
    }
    assert.equal(result.calls.filter((call) => call.operation === 'network.floatingips.update').length, 2, 'the disassociations are timed calls of the result')
    assert.deepEqual(leftovers(bench.sim, result.prefix), [])
  })

  test('without -I floating IPs are deleted without a PUT', async () => {
    seen.length = 0
    const result = await iterate(bench, { vms: 1, bootMode: 'image', skipReachability: true })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.equal(seen.some((entry) => entry.operation === 'network.floatingips.update'), false)
  })

  test('-T: every Neutron resource carries the owner’s tag (the janitor’s) and the run’s, set by its own PUT', async () => {
    seen.length = 0
    const tagged = new Map<string, unknown>()
    const kinds = ['networks', 'subnets', 'routers', 'ports', 'security_groups', 'floatingips']
    const snapshot = () => {
      for (const kind of kinds) for (const row of bench.sim.resources(kind).values()) if (String(row.name ?? row.description ?? '').startsWith('gh-simmonitor-')) tagged.set(`${kind} ${String(row.name || row.description)}`, row.tags)
    }
    const result = await iterate(bench, { vms: 2, bootMode: 'image', skipReachability: true, tags: true }, { onStep: snapshot })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const expected = ['glasshouse-owner-simmonitor', `glasshouse-run-${result.prefix.slice(0, -1)}`]
    assert.equal(ownerTag('simmonitor'), expected[0], 'the tag the janitor sweeps by')
    const own = [...tagged].filter(([key]) => key.includes(result.prefix))
    for (const kind of kinds) assert.ok(own.some(([key]) => key.startsWith(`${kind} `)), `some ${kind} seen`)
    for (const [key, tags] of own) assert.deepEqual(tags, expected, key)
    const puts = seen.filter((entry) => entry.operation.endsWith('.tags.update'))
    assert.equal(puts.length, own.length, 'one PUT …/tags per resource')
    assert.deepEqual(leftovers(bench.sim, result.prefix), [])
  })

  test('without -T nothing is tagged', async () => {
    seen.length = 0
    const result = await iterate(bench, { vms: 1, bootMode: 'image', skipReachability: true })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.equal(seen.some((entry) => entry.operation.endsWith('.tags.update')), false)
  })

  test('-V: a good iteration pauses before its teardown; the pause is not counted against the budget', async () => {
    const pauses: number[] = []
    const sleep: Sleep = async (ms, signal) => {
      if (ms === 700) pauses.push(ms)
      await systemSleep(ms, signal)
    }
    let lastStepEnd = 0
    seen.length = 0
    const result = await iterate(bench, { vms: 1, bootMode: 'image', skipReachability: true, waitBeforeTeardownMs: 700 }, { sleep, onStep: () => (lastStepEnd = Date.now()) })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.deepEqual(pauses, [700])
    const teardown = seen.find((entry) => entry.operation.endsWith('.delete'))!
    assert.ok(teardown.at - lastStepEnd >= 650, `teardown began ${teardown.at - lastStepEnd} ms after the last step`)
    assert.ok(result.durationMs - result.summary.durationMs >= 650, `counted ${result.summary.durationMs} of ${result.durationMs} ms`)
  })

  test('-V: a failed iteration is torn down at once', async () => {
    const failing = await simBench({ hooks: { request: (operation) => (operation === 'compute.servers.create' ? (c) => c.json({ computeFault: { code: 500, message: 'nova exploded' } }, 500) : undefined) } })
    try {
      const pauses: number[] = []
      const sleep: Sleep = async (ms, signal) => {
        if (ms === 5_000) pauses.push(ms)
        await systemSleep(Math.min(ms, 50), signal)
      }
      const result = await iterate(failing, { vms: 1, bootMode: 'image', skipReachability: true, waitBeforeTeardownMs: 5_000 }, { sleep })
      assert.equal(result.ok, false)
      assert.deepEqual(pauses, [])
      assert.deepEqual(leftovers(failing.sim, result.prefix), [])
    } finally {
      await failing.close()
    }
  })

  test('-C: after every VM’s own check, the full mesh gets every VM as a target; skipped with skipReachability or without a mesh', async () => {
    const meshes: VmTarget[][] = []
    const checks: ReachabilityChecks = {
      jumpHost: async () => undefined,
      portForwarding: async () => undefined,
      vm: async () => undefined,
      fullMesh: async (targets) => void meshes.push([...targets]),
    }
    const ended: string[] = []
    const result = await iterate(bench, { vms: 3, bootMode: 'image', fullMesh: true }, { reachability: checks, onStep: (record: { id: string }) => ended.push(record.id) })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.equal(result.steps.find((step) => step.name === 'vm-mesh')?.status, 'passed')
    assert.equal(meshes.length, 1)
    assert.deepEqual(meshes[0]!.map((target) => [target.number, target.jumpHost.number, target.forwardPort]), [[1, 1, 222], [2, 2, 222], [3, 1, 223]])
    assert.ok(meshes[0]!.every((target) => /^10\.250\.[04]\.\d+$/.test(target.address)))
    for (const vm of [1, 2, 3]) assert.ok(ended.indexOf('vm-mesh') > ended.indexOf(`vm-${vm}-reach`), `the mesh runs after vm-${vm}-reach`)

    const failing = await iterate(bench, { vms: 2, bootMode: 'image', fullMesh: true }, { reachability: { ...checks, fullMesh: async () => Promise.reject(Object.assign(new Error('VM_VM1 cannot reach 10.250.0.9'), { code: 'connect' })) } })
    assert.equal(failing.ok, false)
    assert.equal(failing.steps.find((step) => step.name === 'vm-mesh')?.status, 'failed')
    assert.equal(failing.failure?.code, 'connect')
    assert.deepEqual(leftovers(bench.sim, failing.prefix), [])

    const skipped = await iterate(bench, { vms: 1, bootMode: 'image', fullMesh: true, skipReachability: true }, { reachability: checks })
    assert.deepEqual(['skipped', SKIP_REACHABILITY], [skipped.steps.find((step) => step.name === 'vm-mesh')?.status, skipped.steps.find((step) => step.name === 'vm-mesh')?.reason])
    const { fullMesh: _none, ...withoutMesh } = checks
    const unavailable = await iterate(bench, { vms: 1, bootMode: 'image', fullMesh: true }, { reachability: withoutMesh })
    assert.equal(unavailable.steps.find((step) => step.name === 'vm-mesh')?.reason, REACHABILITY_NOT_AVAILABLE)
    const off = await iterate(bench, { vms: 1, bootMode: 'image' }, { reachability: checks })
    assert.equal(off.steps.some((step) => step.name === 'vm-mesh'), false, 'no mesh step without fullMesh')
    assert.equal(meshes.length, 1)
  })
})

