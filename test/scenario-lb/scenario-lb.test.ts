import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { REAL_CLOUD_PROFILE, seedDefaultCloud, startSimulatedCloud } from '../../src/openstack/simulator/index.js'
import type { SimulatedCloud } from '../../src/openstack/simulator/index.js'
import { LB_CHECK_STEPS, sshReachabilityChecks } from '../../src/scenario/oshm/index.js'
import type { ScenarioResult } from '../../src/scenario/oshm/index.js'
import type { RetryPolicy } from '../../src/scenario/reachability/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/index.js'
import { iterate, leftovers } from '../scenario-oshm/support.js'
import { realPart } from '../support/real-part.js'
import { mirrorCloud } from '../scenario-guests/cloud-mirror.js'
import type { CloudMirror } from '../scenario-guests/cloud-mirror.js'
import { buildGuestLab, labExternalNetwork, labMissing, MONITOR_NAME } from '../scenario-guests/guest-lab.js'
import type { GuestLab } from '../scenario-guests/guest-lab.js'
import { buildLbLab, lbLabMissing } from './lb-lab.js'
import type { LbLab } from './lb-lab.js'

const part = realPart(
  'scenario-lb-netns',
  (await labMissing()) ?? lbLabMissing(),
  'run as root with: apt-get install nginx python3 openssh-server openssh-client iputils-ping iptables iproute2 util-linux',
)

const QUICK: RetryPolicy = { attempts: 3, delayMs: 200 }
const VMS = 3

describe('the load balancer checks through Debian’s nginx to HTTP backends in network namespaces', { skip: part.available ? false : part.skip, timeout: 180_000 }, () => {
  let guests: GuestLab
  let lb: LbLab
  let mirror: CloudMirror
  let sim: SimulatedCloud | undefined
  let store: Store
  let dataDir: string
  const reachability = sshReachabilityChecks({
    outbound: { primary: 'nowhere.invalid', fallback: MONITOR_NAME },
    ping: { retry: QUICK },
    jumpHostLoginRetry: QUICK,
    vmLoginRetry: QUICK,
    repeatAfterMs: { jumpHost: null, vm: null },
    connectTimeoutSeconds: 3,
  })

  before(async () => {
    guests = await buildGuestLab(VMS)
    lb = await buildLbLab(guests)
    mirror = mirrorCloud(guests, () => sim)
    const external = labExternalNetwork(guests)
    const hooks = {
      request: async (operation: string, c: Parameters<NonNullable<CloudMirror['hooks']['request']>>[1]) => {
        await mirror.hooks.request?.(operation, c)
        if (sim) await lb.sync(sim)
        return undefined
      },
      memberHealth: lb.memberHealth,
    }
    sim = await startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: 0.01, seed: 17, hooks, initial: (add) => (seedDefaultCloud(add), external(add)) })
    dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-lb-'))
    store = await openStore({ dataDir })
    await store.migrate()
  })
  after(async () => {
    mirror?.stop()
    await store?.close()
    await sim?.close()
    await lb?.destroy()
    await guests?.destroy()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  test('round robin over every backend, the pool DEGRADED with traffic only from the rest after half stopped, then ONLINE and full round robin', async (t) => {
    const options = { vms: VMS, sshUser: 'root', externalNetwork: 'lab-external', precreatePorts: true, loadBalancer: { enabled: true }, pollIntervalMs: 250 }
    const result: ScenarioResult = await iterate({ sim: sim!, store, close: async () => undefined }, options, { reachability })
    const steps = new Map(result.steps.map((step) => [step.name, step]))
    assert.equal(result.ok, true, JSON.stringify(result.steps.filter((step) => step.status !== 'passed')))
    for (const name of LB_CHECK_STEPS) assert.equal(steps.get(name)?.status, 'passed', name)
    const health = result.waits.filter((wait) => wait.kind.startsWith('loadbalancer-'))
    assert.deepEqual(health.map((wait) => [wait.kind, wait.ok]), [['loadbalancer-online', true], ['loadbalancer-degraded', true], ['loadbalancer-online', true]])
    assert.equal(health[1]!.status, 'lb DEGRADED, pool DEGRADED, members ERROR 1 / ONLINE 2')
    assert.equal(lb.loads.at(-1)?.length, VMS, 'nginx proxied to every member')
    t.diagnostic(`steps (ms): ${LB_CHECK_STEPS.map((name) => `${name} ${Math.round(steps.get(name)!.durationMs)}`).join(', ')}; health waits (ms): ${health.map((wait) => `${wait.kind} ${wait.elapsedMs}`).join(', ')}`)
    const answering = await Promise.all(guests.vms.map((vm) => guests.exec(vm, ['ss', '-Hltn', 'sport = :80'])))
    assert.ok(answering.every((out) => out.trim().length > 0), 'every backend listens again after the failover test')
    assert.deepEqual(leftovers(sim!, result.prefix), [])
    assert.deepEqual(await store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [])
  })
})
