import assert from 'node:assert/strict'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import {
  checkJumpHost,
  checkVmViaForward,
  configurePortForwarding,
  fullMeshPing,
  generateSshKeyPair,
  openSshClient,
  planForwards,
  ReachabilityError,
  requirePassed,
  toResultStep,
  type Forward,
  type PingOutcome,
  type RetryPolicy,
  type SshClient,
  type SshKeyPair,
} from '../../src/scenario/reachability/index.js'
import { realPart } from '../support/real-part.js'
import { buildLab, labMissing, MONITOR_NAME, type Lab } from './netns-lab.js'

const part = realPart(
  'reachability-netns',
  await labMissing(),
  'run as root with: apt-get install openssh-server openssh-client iputils-ping iptables iproute2 util-linux',
)

/** Short retries: the lab answers at once, or never. */
const QUICK: RetryPolicy = { attempts: 3, delayMs: 200 }
const CANARY = 'CANARY-reachability-7f3a9c'

describe('reachability against real guests in network namespaces', { skip: part.available ? false : part.skip }, () => {
  let lab: Lab
  let keys: SshKeyPair
  let ssh: SshClient
  let plan: Forward[]
  const everything: string[] = []
  const keep = <T>(value: T): T => {
    everything.push(JSON.stringify(value))
    return value
  }
  const marker = (index: number) => `glasshouse.test_${index}`
  const outbound = { primary: 'nowhere.invalid', fallback: MONITOR_NAME }
  const vmOptions = (index: number) => ({ marker: marker(index), outbound, loginRetry: QUICK, repeatAfterMs: null })

  before(async () => {
    keys = await generateSshKeyPair('ed25519', CANARY)
    lab = await buildLab(3, keys.publicKey)
    lab.vms.forEach((vm, index) => writeMarker(vm.tmp, marker(index)))
    ssh = await openSshClient({ privateKey: keys.privateKey, user: 'root', connectTimeoutSeconds: 3 })
    plan = planForwards([{ name: 'JH0', address: lab.jumpHost.address }], lab.vms.map((vm) => ({ name: vm.name, address: vm.address })))
  })
  after(async () => {
    await ssh?.close()
    await lab?.destroy()
  })

  test('the jump host answers ping and SSH, and pings out by name through the fallback target', async () => {
    const report = keep(await checkJumpHost(ssh, { name: 'JH0', address: lab.jumpHost.address }, { outbound, loginRetry: QUICK, repeatAfterMs: null }))
    assert.equal(report.ok, true, JSON.stringify(report.failure))
    assert.deepEqual(report.outcomes.map((outcome) => outcome.check), ['ping JH0', 'ssh login JH0', 'outbound ping from JH0'])
    assert.deepEqual(report.outcomes.map(toResultStep).map((step) => step.status), ['passed', 'passed', 'passed'])
    const out = report.outcomes[2] as unknown as { answeredBy: string; primaryFailure: { code: string } }
    assert.equal(out.answeredBy, MONITOR_NAME)
    assert.equal(out.primaryFailure.code, 'dns')
    assert.equal(typeof (report.outcomes[0] as PingOutcome).rttMs, 'number')
    for (const outcome of report.outcomes) assert.ok(outcome.durationMs > 0 && outcome.calls.length >= 1)
  })

  test('port forwarding is written over SSH as iptables rules, idempotently', async () => {
    assert.equal((await lab.exec(lab.jumpHost, ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim(), '0')
    for (let round = 0; round < 2; round += 1) {
      requirePassed(keep(await configurePortForwarding(ssh, plan, { privilege: 'root', retry: QUICK })))
    }
    assert.equal((await lab.exec(lab.jumpHost, ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim(), '1')
    const rules = await lab.exec(lab.jumpHost, ['iptables-save'])
    lab.vms.forEach((vm, index) => {
      const dnat = rules.split('\n').filter((line) => line.includes(`--dport ${222 + index} `) && line.includes(`--to-destination ${vm.address}:22`))
      assert.equal(dnat.length, 1, `one DNAT rule for ${vm.name}:\n${rules}`)
    })
    assert.match(rules, /-A POSTROUTING -s 10\.250\.0\.0\/16 ! -d 10\.250\.0\.0\/16 -j MASQUERADE/)
    assert.match(rules, /:FORWARD DROP/)
  })

  test('every VM is reached through its forwarded port, has its marker, and pings out through the jump host', async () => {
    const reports = keep(await Promise.all(plan.map((forward, index) => checkVmViaForward(ssh, forward, vmOptions(index)))))
    for (const report of reports) {
      assert.equal(report.ok, true, JSON.stringify(report.failure))
      assert.equal(report.outcomes.length, 2)
    }
  })

  test('a wrong marker fails as an assertion naming the file', async () => {
    const report = keep(await checkVmViaForward(ssh, plan[0]!, { ...vmOptions(1), outbound: false }))
    assert.equal(report.ok, false)
    assert.equal(report.failure?.code, 'assertion')
    assert.match(report.failure!.message, /^VM_0: the user-data marker is not in \/tmp\/testfile$/)
  })

  test('full mesh: every VM reaches every VM', async () => {
    const mesh = keep(await fullMeshPing(ssh, plan, { loginRetry: QUICK }))
    assert.equal(mesh.length, 3)
    for (const row of mesh) assert.deepEqual([row.ok, row.unreachable], [true, []], JSON.stringify(row))
  })

  test('sshd stopped in one VM: that VM fails with a clear reason, the others still pass', async () => {
    await lab.stopSshd(lab.vms[1]!)
    const reports = keep(await Promise.all(plan.map((forward, index) => checkVmViaForward(ssh, forward, vmOptions(index)))))
    assert.deepEqual(reports.map((report) => report.ok), [true, false, true])
    const failed = reports[1]!
    assert.equal(failed.failure?.code, 'connect')
    assert.match(failed.failure!.message, /^VM_1: ssh root@198\.18\.\d+\.2:223: connection refused \(nothing listens on the port\) \(after 3 tries\)$/)
    assert.equal(failed.outcomes[0]!.attempts, 3)
    assert.throws(() => requirePassed(failed.outcomes[0]!), (error: unknown) => error instanceof ReachabilityError && error.code === 'connect')
    const mesh = keep(await fullMeshPing(ssh, plan, { loginRetry: QUICK }))
    assert.equal(mesh[1]!.ok, false)
    assert.deepEqual(mesh[1]!.unreachable, lab.vms.map((vm) => vm.address))
    assert.equal(mesh[0]!.ok, true, 'VM_1 still answers ping')
  })

  test('retries stop at the policy budget, with the policy pause between tries', async () => {
    let skipped = 0
    const pauses: number[] = []
    const clock = { now: () => Date.now(), monotonic: () => performance.now() + skipped }
    const sleep = async (ms: number) => {
      pauses.push(ms)
      skipped += ms
    }
    const client = await openSshClient({ privateKey: keys.privateKey, user: 'root', connectTimeoutSeconds: 3 }, { clock, sleep })
    try {
      // Nothing forwards or listens on port 2222 of the jump host: refused at once.
      const run = keep(await client.run({ host: lab.jumpHost.address, port: 2222 }, 'ls', { retry: { attempts: 10, delayMs: 10_000, budgetMs: 25_000 } }))
      assert.deepEqual([run.attempts, pauses, run.failure?.code], [3, [10_000, 10_000], 'connect'])
      assert.ok(run.durationMs >= 20_000)
      assert.deepEqual(run.calls.map((call) => [call.operation, call.status, call.attempt]), [['ssh.exec', 255, 1], ['ssh.exec', 255, 2], ['ssh.exec', 255, 3]])
    } finally {
      await client.close()
    }
  })

  test('a wrong key is an auth failure; a key that is not a key too, and its text never shows', async () => {
    const other = await generateSshKeyPair()
    for (const privateKey of [other.privateKey, `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`]) {
      const wrong = await openSshClient({ privateKey, user: 'root', connectTimeoutSeconds: 3 })
      try {
        const report = keep(await checkJumpHost(wrong, { name: 'JH0', address: lab.jumpHost.address }, { outbound: false, loginRetry: QUICK, repeatAfterMs: null }))
        assert.equal(report.failure?.code, 'auth')
        assert.match(report.failure!.message, /^JH0: ssh root@198\.18\.\d+\.2:22: authentication refused \(the key was not accepted\)/)
      } finally {
        await wrong.close()
      }
    }
  })

  test('the key file is 0600 while the client is open and gone after close; no secret in any output', async () => {
    const client = await openSshClient({ privateKey: keys.privateKey, user: 'root' })
    const directory = dirname(client.knownHostsFile)
    assert.deepEqual(readdirSync(directory), ['id'])
    assert.equal(statSync(join(directory, 'id')).mode & 0o777, 0o600)
    assert.equal(statSync(directory).mode & 0o777, 0o700)
    await client.close()
    assert.throws(() => statSync(directory), /ENOENT/)
    const closed = keep(await client.run({ host: lab.jumpHost.address }, 'ls'))
    assert.equal(closed.failure?.code, 'internal')

    const output = everything.join('\n')
    assert.ok(output.length > 1_000)
    assert.ok(!output.includes(CANARY), 'the canary (key comment, fake key) never appears')
    for (const line of keys.privateKey.split('\n').filter((text) => text.length > 20 && !text.startsWith('-----'))) {
      assert.ok(!output.includes(line), 'no line of the private key appears')
    }
  })
})

function writeMarker(tmp: string, text: string): void {
  // OSHM's user-data writes a comment line and the marker.
  const file = join(tmp, 'testfile')
  writeFileSync(file, `# TEST FILE CONTENTS\n${text}\n`)
}
