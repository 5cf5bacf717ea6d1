import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  forwardingScript,
  groupByJumpHost,
  openSshClient,
  pingHost,
  planForwards,
  ReachabilityError,
  requirePassed,
  toResultStep,
  type CheckOutcome,
} from '../../src/scenario/reachability/index.js'

const jumpHosts = [
  { name: 'JH0', address: '203.0.113.10' },
  { name: 'JH1', address: '203.0.113.11' },
]
const vms = [0, 1, 2, 3, 4].map((index) => ({ name: `VM_${index}`, address: `10.250.${(index % 2) * 4}.${10 + index}` }))

test("OSHM's plan: VM i via jump host i mod J on port 222 + floor(i / J)", () => {
  const plan = planForwards(jumpHosts, vms)
  assert.deepEqual(
    plan.map((forward) => `${forward.vm.name}→${forward.jumpHost.name}:${forward.port}`),
    ['VM_0→JH0:222', 'VM_1→JH1:222', 'VM_2→JH0:223', 'VM_3→JH1:223', 'VM_4→JH0:224'],
  )
  const groups = groupByJumpHost(plan)
  assert.deepEqual([...groups.keys()], ['JH0', 'JH1'])
  assert.deepEqual(groups.get('JH0')!.map((forward) => forward.port), [222, 223, 224])
  assert.throws(() => planForwards([], vms), /at least one jump host/)
})

test('the rule set: one DNAT per forward, masquerading both ways, FORWARD locked down, VIP when given', () => {
  const script = forwardingScript(groupByJumpHost(planForwards(jumpHosts, vms)).get('JH1')!, { vip: '10.250.255.254' })
  const lines = script.split('\n')
  assert.equal(lines.filter((line) => line.includes('-j DNAT')).length, 2)
  assert.ok(lines.includes('ensure nat PREROUTING -i "$DEV" -p tcp --dport 222 -j DNAT --to-destination 10.250.4.11:22'))
  assert.ok(lines.includes('ensure nat PREROUTING -i "$DEV" -p tcp --dport 223 -j DNAT --to-destination 10.250.4.13:22'))
  assert.ok(lines.includes('ensure nat POSTROUTING -s 10.250.0.0/16 ! -d 10.250.0.0/16 -j MASQUERADE'))
  assert.ok(lines.includes('ensure nat POSTROUTING -d 10.250.0.0/16 -p tcp --dport 22 -m conntrack --ctstate DNAT -j MASQUERADE'))
  assert.ok(lines.includes('iptables -P FORWARD DROP'))
  assert.ok(lines.includes('ip addr replace 10.250.255.254/32 dev "$DEV"'))
  assert.ok(!forwardingScript(planForwards(jumpHosts, vms).slice(0, 1)).includes('ip addr'), 'no VIP line without a VIP')
})

test('addresses that are not addresses never reach a shell or a command line', async () => {
  const evil = [{ vm: { name: 'VM_0', address: '10.0.0.1; rm -rf /' }, jumpHost: jumpHosts[0]!, port: 222 }]
  assert.throws(() => forwardingScript(evil), /not a host name or address/)
  assert.throws(() => forwardingScript([], { innerCidr: '10.250.0.0/16 -j ACCEPT' }), /not an IPv4 CIDR/)

  const ping = await pingHost('-f', { retry: { attempts: 5, delayMs: 0 } })
  assert.deepEqual([ping.ok, ping.attempts, ping.failure?.code], [false, 1, 'internal'])

  await assert.rejects(openSshClient({ privateKey: 'x', user: 'root; reboot' }), /not a login name/)
  const ssh = await openSshClient({ privateKey: 'x', user: 'root' })
  try {
    const run = await ssh.run({ host: '-oProxyCommand=touch /tmp/pwned' }, 'ls', { retry: { attempts: 3, delayMs: 0 } })
    assert.deepEqual([run.ok, run.attempts, run.failure?.code], [false, 1, 'internal'])
    assert.match(run.failure!.message, /not a host name or address/)
  } finally {
    await ssh.close()
  }
})

test('an outcome becomes a result step, and a failed one a step failure with its code', () => {
  const base: CheckOutcome = { check: 'ping JH0', ok: true, startedAt: 0, durationMs: 12.5, attempts: 1, calls: [], failure: null }
  assert.deepEqual(toResultStep(base), { name: 'ping JH0', status: 'passed', reason: null, durationMs: 12.5 })
  assert.equal(requirePassed(base), base)
  const failed = { ...base, ok: false, failure: { code: 'timeout' as const, message: 'ping 203.0.113.10: no echo reply within 2 s' } }
  assert.deepEqual(toResultStep(failed).status, 'failed')
  assert.throws(() => requirePassed(failed), (error: unknown) => error instanceof ReachabilityError && error.code === 'timeout' && error.message === failed.failure.message)
})
