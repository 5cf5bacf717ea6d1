import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { loadCloud, OpenStackClient } from '../../src/openstack/index.js'
import { runScenarioIteration, scaledTimeouts } from '../../src/scenario/oshm/index.js'
import type { ScenarioResult } from '../../src/scenario/oshm/index.js'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/index.js'
import { adminLeftovers, LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../support/local-openstack.js'
import { captureIo } from '../support/cli-io.js'
import { realPart } from '../support/real-part.js'

const part = realPart('openstack-scenario-options', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')
const OWNER = 'h18opts'

describe('OSHM -D, -I and -T on the local OpenStack', { skip: part.available ? false : part.skip, timeout: 600_000 }, () => {
  let store: Store
  let dataDir: string
  let result: ScenarioResult
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-oshm-options-'))
    store = await openStore({ dataDir })
    await store.migrate()
    const cloud = await loadCloud({ cloud: 'demo', env: { OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE } })
    const session = new OpenStackClient({ cloud, timeouts: scaledTimeouts(2) }).iteration({ signal: AbortSignal.timeout(540_000) })
    try {
      result = await runScenarioIteration(
        { session, ledger: store.ledger, owner: OWNER, cloud: { name: 'demo', region: cloud.region ?? 'RegionOne', simulated: false } },
        { vms: 2, networks: 1, batchCreate: true, disassociateFloatingIps: true, tags: true, skipReachability: true, timeoutScale: 2 },
      )
    } finally {
      await session.close()
    }
  })
  after(async () => {
    await store?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  test('one batch call boots both VMs; floating IPs are disassociated before deletion; Neutron resources are tagged; nothing is left', async (t) => {
    const boot = result.waits.filter((wait) => wait.kind === 'server' && wait.mode === 'create').map((wait) => Math.round(wait.elapsedMs))
    t.diagnostic(`iteration ${Math.round(result.summary.durationMs)} ms, ${result.summary.calls} calls, boot times ${boot.join(', ')} ms`)
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const creates = result.calls.filter((call) => call.operation === 'compute.servers.create')
    assert.equal(creates.length, 2, 'one jump host, one batch call for the two VMs')
    for (const id of ['vm-batch-1', 'vm-1-active', 'vm-2-active', 'vm-2-metadata']) assert.equal(result.steps.find((step) => step.name === id)?.status, 'passed', id)
    assert.equal(result.calls.filter((call) => call.operation === 'network.floatingips.update').length, 1, 'the jump host’s floating IP was disassociated')
    assert.ok(result.calls.filter((call) => call.operation.endsWith('.tags.update')).length >= 7, 'router, 2 networks, 2 subnets, 2 groups, ports, floating IP tagged')
    assert.equal(result.summary.leftovers, 0)
    assert.deepEqual(await adminLeftovers((text) => text.startsWith(result.prefix)), [])
    assert.deepEqual(await store.ledger.leftovers('demo', { owner: OWNER }), [])
  })
})

describe('OSHM -r on the local OpenStack (the CLI loop)', { skip: part.available ? false : part.skip, timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-oshm-reuse-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  test('--router-reuse 2 --iterations 2: the second iteration uses the first one’s router and gateway, then deletes it; nothing is left', async (t) => {
    const capture = captureIo({ OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE, GLASSHOUSE_OWNER: 'h18reuse' }, dataDir)
    const args = ['probe', 'run', 'scenario', '--cloud', 'demo', '--vms', '1', '--networks', '1', '--boot-mode', 'image', '--skip-reachability', '--timeout-scale', '2']
    const code = await main([...args, '--iterations', '2', '--router-reuse', '2', '--interval', '0s', '--json', '--data-dir', dataDir], capture.io)
    assert.equal(code, 0, capture.err())
    const runs = capture
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ScenarioResult & { cleanup: { found: number } })
      .filter((line) => 'runId' in line)
    const count = (run: ScenarioResult, operation: string) => run.calls.filter((call) => call.operation === operation).length
    t.diagnostic(`iterations ${runs.map((run) => `${Math.round(run.durationMs)} ms / ${run.summary.calls} calls`).join(', ')}`)
    assert.deepEqual(
      runs.map((run) => [run.ok, run.cleanup.found, count(run, 'network.routers.create'), count(run, 'network.routers.update'), count(run, 'network.routers.delete')]),
      [
        [true, 0, 1, 1, 0],
        [true, 0, 0, 0, 1],
      ],
    )
    assert.deepEqual(await adminLeftovers((text) => text.startsWith('gh-h18reuse-')), [])
  })
})
