import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { REAL_CLOUD_PROFILE, seedDefaultCloud, startSimulatedCloud } from '../../src/openstack/simulator/index.js'
import type { SimulatedCloud } from '../../src/openstack/simulator/index.js'
import { sshReachabilityChecks, userDataMarker } from '../../src/scenario/oshm/index.js'
import type { ScenarioOptionsInput, ScenarioResult } from '../../src/scenario/oshm/index.js'
import type { RetryPolicy } from '../../src/scenario/reachability/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/index.js'
import { iterate, leftovers } from '../scenario-oshm/support.js'
import { realPart } from '../support/real-part.js'
import { mirrorCloud } from './cloud-mirror.js'
import type { CloudMirror } from './cloud-mirror.js'
import { buildGuestLab, labExternalNetwork, labMissing, MONITOR_NAME } from './guest-lab.js'
import type { GuestLab } from './guest-lab.js'

const part = realPart(
  'scenario-guests-netns',
  await labMissing(),
  'run as root with: apt-get install openssh-server openssh-client iputils-ping iptables iproute2 util-linux',
)

/** The lab answers at once or never: short retries keep a failing check quick. */
const QUICK: RetryPolicy = { attempts: 3, delayMs: 200 }
const VMS = 3
const REACH_STEPS = ['jh-1-reach', 'jh-1-forward', ...Array.from({ length: VMS }, (_, index) => `vm-${index + 1}-reach`)]

describe('the scenario reaches real guests in network namespaces through a simulated cloud', { skip: part.available ? false : part.skip }, () => {
  let lab: GuestLab
  let mirror: CloudMirror
  let sim: SimulatedCloud | undefined
  let store: Store
  let dataDir: string
  const options: ScenarioOptionsInput = { vms: VMS, sshUser: 'root', externalNetwork: 'lab-external', precreatePorts: true }
  const reachability = sshReachabilityChecks({
    outbound: { primary: 'nowhere.invalid', fallback: MONITOR_NAME },
    ping: { retry: QUICK },
    jumpHostLoginRetry: QUICK,
    vmLoginRetry: QUICK,
    repeatAfterMs: { jumpHost: null, vm: null },
    connectTimeoutSeconds: 3,
  })
  const run = (): Promise<ScenarioResult> => iterate({ sim: sim!, store, close: async () => undefined }, options, { reachability })
  const stepsOf = (result: ScenarioResult) => new Map(result.steps.map((step) => [step.name, step]))

  before(async () => {
    lab = await buildGuestLab(VMS)
    mirror = mirrorCloud(lab, () => sim)
    const external = labExternalNetwork(lab)
    sim = await startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: 0.01, seed: 13, hooks: mirror.hooks, initial: (add) => (seedDefaultCloud(add), external(add)) })
    dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-guests-'))
    store = await openStore({ dataDir })
    await store.migrate()
  })
  after(async () => {
    mirror?.stop()
    await store?.close()
    await sim?.close()
    await lab?.destroy()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  test('a full iteration without skipReachability passes every reachability step, on the keys and markers the scenario made', async () => {
    const result = await run()
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const steps = stepsOf(result)
    for (const name of REACH_STEPS) assert.equal(steps.get(name)?.status, 'passed', `${name}: ${JSON.stringify(steps.get(name))}`)
    assert.deepEqual([...mirror.problems], [])
    assert.deepEqual([...mirror.bound.keys()].map((name) => name.slice(result.prefix.length)).sort(), ['VM_JH1', 'VM_VM1', 'VM_VM2', 'VM_VM3'])

    lab.vms.forEach((vm, index) => assert.equal(readFileSync(join(vm.tmp, 'testfile'), 'utf8'), `${userDataMarker(result.prefix, index + 1)}\n`))
    const authorized = (guest: { authorizedKeys: string }) => readFileSync(guest.authorizedKeys, 'utf8').trim()
    assert.equal(authorized(lab.jumpHost), mirror.keypairs.get(`${result.prefix}Keypair_JH`))
    for (const vm of lab.vms) assert.equal(authorized(vm), mirror.keypairs.get(`${result.prefix}Keypair_VM`))
    assert.notEqual(authorized(lab.jumpHost), authorized(lab.vms[0]!))

    const rules = await lab.exec(lab.jumpHost, ['iptables-save', '-t', 'nat'])
    for (let number = 1; number <= VMS; number += 1) assert.match(rules, new RegExp(`--dport ${221 + number} -j DNAT --to-destination 10\\.250\\.0\\.\\d+:22`))
    assert.deepEqual(leftovers(sim!, result.prefix), [])
    assert.deepEqual(await store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [], 'every ledger row is marked deleted')
    assertNoSecrets(result)
  })

  test('sshd stopped in one VM: that VM fails with a clear reason, the others pass, and the teardown leaves nothing', async () => {
    await lab.stopSshd(lab.vms[1]!)
    const result = await run()
    assert.equal(result.ok, false)
    const steps = stepsOf(result)
    const failed = steps.get('vm-2-reach')!
    assert.equal(failed.status, 'failed')
    assert.equal(failed.code, 'connect')
    assert.match(failed.reason ?? '', /^VM_VM2: ssh root@198\.18\.\d+\.\d+:223: connection refused \(nothing listens on the port\) \(after 3 tries\)\n--- server \S+-VM_VM2 \(id [0-9a-f-]+\): status ACTIVE/)
    assert.match(failed.reason ?? '', /\n--- console of \S+-VM_VM2 \(last 50 lines\) ---\n/, 'the failure carries the console log for operators')
    for (const name of REACH_STEPS.filter((name) => name !== 'vm-2-reach')) assert.equal(steps.get(name)?.status, 'passed', name)
    assert.equal(result.failure?.code, 'connect')
    assert.equal(steps.get('teardown')?.status, 'passed')
    assert.deepEqual(leftovers(sim!, result.prefix), [])
    assert.deepEqual(await store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [], 'every ledger row is marked deleted')
    assertNoSecrets(result)
  })

  test('sshd stopped in the jump host: its reach step fails, and forwarding and every VM step are skipped, never passed', async () => {
    await lab.stopSshd(lab.jumpHost)
    const result = await run()
    const steps = stepsOf(result)
    assert.equal(steps.get('jh-1-reach')?.status, 'failed')
    assert.equal(steps.get('jh-1-reach')?.code, 'connect')
    assert.match(steps.get('jh-1-reach')?.reason ?? '', /^VM_JH1: ssh root@198\.18\.\d+\.\d+:22: connection refused \(nothing listens on the port\) \(after 3 tries\)\n--- server \S+-VM_JH1 \(id [0-9a-f-]+\)/)
    for (const name of REACH_STEPS.slice(1)) assert.equal(steps.get(name)?.status, 'skipped', name)
    assert.equal(steps.get('teardown')?.status, 'passed')
    assert.deepEqual(leftovers(sim!, result.prefix), [])
    assert.deepEqual(await store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [], 'every ledger row is marked deleted')
  })
})

/** No private key in the result, and no key file left behind by this process. */
function assertNoSecrets(result: ScenarioResult): void {
  assert.doesNotMatch(JSON.stringify(result), /PRIVATE KEY|b3BlbnNzaC1rZXktdjE/)
  assert.deepEqual(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`glasshouse-ssh-${process.pid}-`)), [])
}
