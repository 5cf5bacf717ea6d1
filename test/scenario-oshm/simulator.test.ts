import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { oshmOrder, REACHABILITY_NOT_AVAILABLE, SKIP_REACHABILITY } from '../../src/scenario/oshm/index.js'
import type { ReachabilityChecks } from '../../src/scenario/oshm/index.js'
import type { StepRecord } from '../../src/scenario/index.js'
import { iterate, leftovers, simBench } from './support.js'
import type { SimBench } from './support.js'

const REACHABILITY = /-reach$|-forward$|^lb-(online|traffic|backends-stop|failover|backends-start|recovered)$/

describe('the OSHM scenario on the simulated cloud', { timeout: 120_000 }, () => {
  let bench: SimBench
  before(async () => {
    bench = await simBench()
  })
  after(async () => bench.close())

  test('a full iteration (2 AZs, 2 networks, 4 VMs from volumes, LB) passes, skips reachability and leaves nothing', async () => {
    const result = await iterate(bench, { vms: 4, networks: 2, bootMode: 'volume', loadBalancer: { enabled: true }, skipReachability: true })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const byName = new Map(result.steps.map((step) => [step.name, step]))
    for (const step of result.steps) {
      if (REACHABILITY.test(step.name)) assert.deepEqual([step.name, step.status, step.reason], [step.name, 'skipped', SKIP_REACHABILITY])
      else assert.equal(step.status, 'passed', `${step.name}: ${step.reason}`)
    }
    for (const id of ['jh-1-active', 'jh-2-active', 'vm-4-active', 'vm-4-metadata', 'lb-member-4', 'lb-fip', 'snat-route', 'jh-2-reach', 'vm-3-reach', 'lb-traffic', 'teardown']) assert.ok(byName.has(id), id)
    assert.deepEqual([result.summary.vmsOk, result.summary.vmsTotal, result.summary.leftovers], [4, 4, 0])
    assert.ok(result.summary.calls > 80 && result.summary.apiErrors === 0, JSON.stringify(result.summary))
    assert.ok(result.waits.some((wait) => wait.kind === 'server' && wait.mode === 'create' && wait.ok), 'boot times recorded')
    assert.ok(result.waits.some((wait) => wait.kind === 'loadbalancer' && wait.mode === 'delete' && wait.ok), 'deletion times recorded')
    assert.equal(result.simulated, true)
    assert.deepEqual(leftovers(bench.sim, result.prefix), [])
    assert.deepEqual(await bench.store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [], 'every ledger row is marked deleted')
    const servers = await bench.store.ledger.leftovers('simulated', { owner: 'simmonitor', runId: result.runId })
    assert.equal(servers.length, 0)
    const text = JSON.stringify(result)
    assert.doesNotMatch(text, /PRIVATE KEY|ssh-ed25519/, 'no key material in the result')
  })

  test('VMs spread over AZs and networks; names, ports and the address plan are OSHM’s', async () => {
    const seen = new Map<string, Record<string, unknown>>()
    const snapshot = () => {
      for (const kind of ['servers', 'subnets', 'networks', 'ports', 'keypairs', 'security_groups']) for (const row of bench.sim.resources(kind).values()) seen.set(`${kind}:${String(row.name)}`, { ...row })
    }
    const result = await iterate(bench, { vms: 3, networks: 2, bootMode: 'image', skipReachability: true }, { onStep: snapshot })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const p = result.prefix
    assert.match(p, /^gh-simmonitor-[0-9a-f]{6}-$/)
    const row = (kind: string, name: string) => seen.get(`${kind}:${p}${name}`) ?? assert.fail(`${kind} ${p}${name} was never seen`)
    assert.deepEqual(['VM_JH1', 'VM_JH2', 'VM_VM1', 'VM_VM2', 'VM_VM3'].map((name) => row('servers', name)['OS-EXT-AZ:availability_zone']), ['az1', 'az2', 'az1', 'az2', 'az1'])
    assert.deepEqual(['SUBNET_JH', 'SUBNET_VM_1', 'SUBNET_VM_2'].map((name) => row('subnets', name).cidr), ['10.250.255.0/24', '10.250.0.0/22', '10.250.4.0/22'])
    assert.deepEqual(row('subnets', 'SUBNET_VM_1').dns_nameservers, ['9.9.9.9', '8.8.8.8'])
    assert.deepEqual(['NET_VM_1', 'NET_VM_2'].map((name) => row('networks', name).availability_zone_hints), [['az1'], ['az2']])
    const network = (port: string) => row('ports', port).network_id
    assert.deepEqual([network('Port_VM1'), network('Port_VM2'), network('Port_VM3')], [row('networks', 'NET_VM_1').id, row('networks', 'NET_VM_2').id, row('networks', 'NET_VM_1').id])
    assert.deepEqual((row('ports', 'Port_JH1').allowed_address_pairs as Array<{ ip_address: string }>).map((pair) => pair.ip_address), ['0.0.0.0/1', '128.0.0.0/1'])
    assert.match(String(row('keypairs', 'Keypair_VM').public_key), new RegExp(`^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} ${p}Keypair_VM$`))
    assert.deepEqual(row('servers', 'VM_VM2').metadata, { deployment: 'cftest', serverno: '2' })
    assert.equal(row('servers', 'VM_JH1').key_name, `${p}Keypair_JH`)
    assert.equal(result.steps.some((step) => /^(jh|vm)-volume/.test(step.name)), false, 'no volume steps')
    assert.equal(row('servers', 'VM_VM1').image, '', 'the diskless flavor turned image boot into a block-device mapping (OSHM)')
  })

  test('live progress reports a step that skipped itself as skipped, never passed', async () => {
    const live: { id: string; status: string }[] = []
    const result = await iterate(bench, { vms: 1, bootMode: 'image', skipReachability: true }, { onStep: (record: { id: string; status: string }) => live.push(record) })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const reach = live.filter((record) => REACHABILITY.test(record.id))
    assert.ok(reach.length > 0)
    assert.ok(reach.every((record) => record.status === 'skipped'), JSON.stringify(reach))
  })

  test('without a reachability implementation the checks are skipped as "reachability not available"; a plugged-in one runs', async () => {
    const skipped = await iterate(bench, { vms: 1, bootMode: 'bdm' })
    assert.equal(skipped.ok, true, JSON.stringify(skipped.failure))
    for (const step of skipped.steps.filter((candidate) => REACHABILITY.test(candidate.name))) assert.equal(step.reason, REACHABILITY_NOT_AVAILABLE)

    const calls: string[] = []
    const checks: ReachabilityChecks = {
      jumpHost: async (target) => void calls.push(`jh ${target.number} ${target.floatingIp} ${target.user}`),
      portForwarding: async (target, forwards) => void calls.push(`forward ${target.number} ${forwards.map((f) => `${f.port}→${f.address}`).join(',')}`),
      vm: async (target) => void calls.push(`vm ${target.number} via ${target.jumpHost.number}:${target.forwardPort} ${target.marker}`),
    }
    const reached = await iterate(bench, { vms: 3, bootMode: 'image' }, { reachability: checks })
    assert.equal(reached.ok, true, JSON.stringify(reached.failure))
    assert.ok(reached.steps.filter((step) => REACHABILITY.test(step.name)).every((step) => step.status === 'passed'))
    assert.equal(calls.filter((call) => call.startsWith('jh ')).length, 2)
    assert.match(calls.find((call) => call.startsWith('vm 3'))!, new RegExp(`^vm 3 via 1:223 glasshouse\\.${reached.prefix}3$`))
    assert.match(calls.find((call) => call.startsWith('forward 1'))!, /^forward 1 222→10\.250\.0\.\d+,223→10\.250\.0\.\d+$/)
  })

  test('invalid options are a failed result, never a throw', async () => {
    const result = await iterate(bench, { vms: 0, bootMode: 'floppy' as never })
    assert.equal(result.ok, false)
    assert.equal(result.failure?.code, 'internal')
    assert.match(result.failure?.message ?? '', /^invalid scenario options: vms: .*; bootMode: /)
    assert.deepEqual(result.calls, [])
  })

  test('concurrency 1 replays OSHM’s order, one step at a time', async () => {
    const ended: StepRecord[] = []
    const result = await iterate(bench, { vms: 2, networks: 2, bootMode: 'volume', loadBalancer: { enabled: true }, concurrency: 1, skipReachability: true }, { onStep: (record) => ended.push(record) })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const resource = ended.slice(ended.findIndex((record) => record.id === 'router'))
    const ids = resource.map((record) => record.id)
    assert.deepEqual(ids, oshmOrder(ids.map((id) => ({ id, service: 'x' }))), 'steps ended in OSHM’s order')
    for (let i = 1; i < resource.length; i++) {
      const before = resource[i - 1]!
      assert.ok(resource[i]!.startedAt! >= before.startedAt! + Math.floor(before.durationMs), `${resource[i]!.id} started after ${before.id} ended`)
    }
    assert.ok(ids.indexOf('lb') < ids.indexOf('jh-volume-1') && ids.indexOf('lb-active') > ids.indexOf('vm-2'), 'the LB is created early and waited for late, as OSHM does')
  })

  test('a failing create skips its dependents, fails the iteration with its code, and the teardown leaves nothing', async () => {
    const failing = await simBench({
      hooks: {
        request: (() => {
          let volumes = 0
          return (operation: string) => (operation === 'block-storage.volumes.create' && ++volumes === 3 ? (c) => c.json({ badRequest: { code: 500, message: 'cinder exploded' } }, 500) : undefined)
        })(),
      },
    })
    try {
      const result = await iterate(failing, { vms: 3, bootMode: 'volume', skipReachability: true })
      assert.equal(result.ok, false)
      assert.equal(result.failure?.code, 'http_5xx')
      const failed = result.steps.filter((step) => step.status === 'failed')
      assert.equal(failed.length, 1, JSON.stringify(failed))
      const volume = failed[0]!.name
      assert.match(volume, /^(jh|vm)-volume-\d$/)
      const ready = result.steps.find((step) => step.name === `${volume}-ready`)
      assert.deepEqual([ready?.status, ready?.reason], ['skipped', `needs ${volume}, which failed`])
      const server = result.steps.find((step) => step.name === volume.replace('-volume', ''))
      assert.equal(server?.status, 'skipped')
      assert.ok(result.steps.filter((step) => step.status === 'passed').length > 30, 'independent steps still ran')
      assert.equal(result.steps.at(-1)?.name, 'teardown')
      assert.equal(result.steps.at(-1)?.status, 'passed')
      assert.deepEqual(leftovers(failing.sim, result.prefix), [])
      const rows = await failing.store.ledger.leftovers('simulated', { owner: 'simmonitor' })
      assert.deepEqual(rows.map((row) => [row.kind, row.resourceId]), [['volume', null]], 'only the intent of the failed create remains, for cleanup')
    } finally {
      await failing.close()
    }
  })
})
