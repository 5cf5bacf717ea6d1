/**
 * A failed reachability check carries the server's details and the end of its console log
 * (from the simulator's `os-getConsoleOutput`), with secrets in the console redacted, in the
 * failed step's reason (stored for operators; public pages never show step reasons — see the
 * console marker in test/web/fixture.ts). Passing checks fetch nothing.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { redactConsole } from '../../src/scenario/oshm/index.js'
import type { ReachabilityChecks } from '../../src/scenario/oshm/index.js'
import { iterate, simBench } from '../scenario-oshm/support.js'
import type { SimBench } from '../scenario-oshm/support.js'

const CONSOLE = [
  'cloud-init: modules:final finished',
  'marker-console-2b7a: sshd failed to start',
  'root password: hunter2-canary',
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAAPRIVATEBODY',
  '-----END OPENSSH PRIVATE KEY-----',
  'ci-info: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPUBLICKEYBODYxxxxxxxx gh@monitor',
].join('\n')

/** Checks that pass, except SSH into VM 1, which is refused (code `connect`). */
function refusedVm(): ReachabilityChecks & { vmCalls: number } {
  const checks = {
    vmCalls: 0,
    jumpHost: async () => undefined,
    portForwarding: async () => undefined,
    vm: async () => {
      checks.vmCalls++
      throw Object.assign(new Error('ssh VM 1 through 10.0.0.5:222: connection refused'), { code: 'connect' })
    },
  }
  return checks
}

describe('console log and server details on a reachability failure (simulated cloud)', () => {
  let bench: SimBench
  let consoleCalls = 0
  before(async () => {
    bench = await simBench({
      hooks: {
        request: (operation) => {
          if (operation !== 'compute.servers.console_output.get') return undefined
          consoleCalls++
          return (c) => c.json({ output: CONSOLE })
        },
      },
    })
  })
  after(() => bench.close())

  test('the failed step has both servers\' details and redacted console tails; the code stays the check\'s', async () => {
    const checks = refusedVm()
    const result = await iterate(bench, { vms: 1, bootMode: 'image' }, { reachability: checks })
    const step = result.steps.find((candidate) => candidate.name === 'vm-1-reach')!
    assert.equal(step.status, 'failed')
    assert.equal(step.code, 'connect')
    assert.equal(result.failure?.code, 'connect')
    const reason = step.reason ?? ''
    assert.match(reason, /^ssh VM 1 through 10\.0\.0\.5:222: connection refused\n/)
    assert.match(reason, new RegExp(`--- server ${result.prefix}VM_VM1 \\(id [0-9a-f-]+\\): status ACTIVE, fault none, AZ az\\d, (host|hostId) \\S+, addresses \\S+=\\d+\\.\\d+\\.\\d+\\.\\d+`))
    assert.match(reason, new RegExp(`--- server ${result.prefix}VM_JH1 `), 'the jump host the VM was reached through is described too')
    assert.match(reason, /--- console of \S+VM_VM1 \(last 50 lines\) ---\n[\s\S]*marker-console-2b7a/)
    for (const secret of ['hunter2-canary', 'PRIVATEBODY', 'PUBLICKEYBODY']) assert.ok(!JSON.stringify(result).includes(secret), `${secret} is redacted`)
    assert.equal(checks.vmCalls, 1)
    assert.equal(consoleCalls, 2)
    assert.ok(result.calls.some((call) => call.operation === 'compute.servers.console_output.get'))
  })

  test('redactConsole removes private keys, secret values and key bodies, and keeps the rest', () => {
    const redacted = redactConsole(CONSOLE)
    assert.match(redacted, /marker-console-2b7a: sshd failed to start/)
    assert.match(redacted, /root password: \*\*\*/)
    assert.match(redacted, /-----BEGIN PRIVATE KEY----- \*\*\*/)
    assert.match(redacted, /ssh-ed25519 \*\*\* gh@monitor/)
    assert.doesNotMatch(redacted, /hunter2|PRIVATEBODY|PUBLICKEYBODY/)
    assert.equal(redactConsole('token=abc123 api_key: "x y"'), 'token=*** api_key: ***')
  })
})
