import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { failoverVms, LB_CHECK_STEPS, REACHABILITY_NOT_AVAILABLE, SKIP_REACHABILITY, trafficRequests } from '../../src/scenario/oshm/index.js'
import type { VmSlot } from '../../src/scenario/oshm/index.js'
import type { ReachabilityChecks, ScenarioResult } from '../../src/scenario/oshm/index.js'
import { checkLbTraffic } from '../../src/scenario/reachability/index.js'
import { iterate, leftovers, simBench } from './support.js'
import type { SimBench } from './support.js'

/**
 * A data plane in this process: one backend per member address, up or down; a loopback
 * "load balancer" that rotates over the backends that are up (as nginx's passive health does);
 * and the simulator's health monitor asking the same backends.
 */
function fakeDataPlane() {
  const backends = new Map<string, { name: string; up: boolean }>()
  let turn = 0
  const server = createServer((_request, response) => {
    const up = [...backends.values()].filter((backend) => backend.up)
    if (up.length === 0) return response.writeHead(503).end()
    response.end(`${up[turn++ % up.length]!.name}\n`)
  })
  const backendOf = (address: string) => {
    let backend = backends.get(address)
    if (!backend) backends.set(address, (backend = { name: `backend-${address}`, up: true }))
    return backend
  }
  const checks: ReachabilityChecks = {
    jumpHost: async () => undefined,
    portForwarding: async () => undefined,
    vm: async (target) => void backendOf(target.address),
    loadBalancer: async (_target, expectation) => {
      const outcome = await checkLbTraffic({ address: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'HTTP' }, expectation)
      if (!outcome.ok) throw Object.assign(new Error(outcome.failure!.message), { code: outcome.failure!.code })
      return outcome
    },
    loadBalancerBackend: async (target, action) => {
      const backend = backendOf(target.address)
      backend.up = action === 'start'
      return backend.name
    },
  }
  return { backends, server, checks, memberHealth: async ({ address }: { address: string }) => backendOf(address).up }
}

describe('the load balancer checks on the simulated cloud with a fake data plane', { timeout: 120_000 }, () => {
  const plane = fakeDataPlane()
  let bench: SimBench
  const byName = (result: ScenarioResult) => new Map(result.steps.map((step) => [step.name, step]))
  before(async () => {
    await new Promise<void>((resolve) => plane.server.listen(0, '127.0.0.1', resolve))
    bench = await simBench({ hooks: { memberHealth: plane.memberHealth } })
  })
  after(async () => {
    await bench.close()
    plane.server.close()
  })

  test('ONLINE, round robin, half the backends stopped → DEGRADED and traffic from the rest, then ONLINE and full round robin', async () => {
    const result = await iterate(bench, { vms: 4, networks: 2, loadBalancer: { enabled: true } }, { reachability: plane.checks })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const steps = byName(result)
    for (const name of LB_CHECK_STEPS) assert.equal(steps.get(name)?.status, 'passed', `${name}: ${steps.get(name)?.reason}`)
    const healthWaits = result.waits.filter((wait) => wait.kind.startsWith('loadbalancer-'))
    assert.deepEqual(healthWaits.map((wait) => [wait.kind, wait.ok]), [['loadbalancer-online', true], ['loadbalancer-degraded', true], ['loadbalancer-online', true]])
    assert.match(healthWaits[1]!.status ?? '', /^lb DEGRADED, pool DEGRADED, members ERROR 2 \/ ONLINE 2$/)
    assert.ok(result.calls.some((call) => call.operation === 'load-balancer.loadbalancers.status.get'), 'the status tree is read')
    assert.deepEqual([...plane.backends.values()].map((backend) => backend.up), [true, true, true, true], 'every backend started again')
    assert.deepEqual(leftovers(bench.sim, result.prefix), [])
  })

  test('a stopped backend the health monitor still sees fails lb-failover as a timeout of the DEGRADED wait; the start is skipped', async () => {
    plane.backends.clear()
    const blind = { ...plane.checks, loadBalancerBackend: async () => 'never-stopped' }
    const result = await iterate(bench, { vms: 2, loadBalancer: { enabled: true }, timeoutScale: 0.05 }, { reachability: blind })
    const steps = byName(result)
    assert.equal(steps.get('lb-failover')?.status, 'failed')
    assert.equal(steps.get('lb-failover')?.code, 'timeout')
    assert.match(steps.get('lb-failover')?.reason ?? '', /DEGRADED: /)
    assert.deepEqual(['lb-backends-start', 'lb-recovered'].map((name) => steps.get(name)?.status), ['skipped', 'skipped'])
    assert.equal(steps.get('teardown')?.status, 'passed')
  })

  test('with skipReachability, or checks without the LB parts, every LB check is skipped with its reason, never passed', async () => {
    const skipped = await iterate(bench, { vms: 2, loadBalancer: { enabled: true }, skipReachability: true }, { reachability: plane.checks })
    for (const name of LB_CHECK_STEPS) assert.deepEqual([name, byName(skipped).get(name)?.status, byName(skipped).get(name)?.reason], [name, 'skipped', SKIP_REACHABILITY])
    const { loadBalancer: _traffic, loadBalancerBackend: _backend, ...withoutLb } = plane.checks
    const unavailable = await iterate(bench, { vms: 2, loadBalancer: { enabled: true } }, { reachability: withoutLb })
    for (const name of LB_CHECK_STEPS) assert.deepEqual([name, byName(unavailable).get(name)?.status, byName(unavailable).get(name)?.reason], [name, 'skipped', REACHABILITY_NOT_AVAILABLE])
    assert.equal(unavailable.ok, true, JSON.stringify(unavailable.failure))
  })
})

test('the failover stops the last ⌊n/2⌋ backends (none of one); OVN gets ten requests per backend', () => {
  const vms = (n: number) => Array.from({ length: n }, (_, index) => ({ number: index + 1 }) as VmSlot)
  assert.deepEqual([1, 2, 3, 4].map((n) => failoverVms(vms(n)).map((vm) => vm.number)), [[], [2], [3], [3, 4]])
  assert.deepEqual([trafficRequests(3, undefined), trafficRequests(3, 'amphora'), trafficRequests(3, 'ovn')], [4, 4, 30])
})
