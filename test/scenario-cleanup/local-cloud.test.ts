import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/index.js'
import { createPort, listNetworks, loadCloud, OpenStackClient } from '../../src/openstack/index.js'
import type { PortCreate } from '../../src/openstack/index.js'
import type { CleanupReport } from '../../src/scenario/cleanup/index.js'
import { runPrefix } from '../../src/scenario/cleanup/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'
import { adminLeftovers, LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../support/local-openstack.js'
import { realPart } from '../support/real-part.js'
import { CrashSwitch, miniRun } from './mini-run.js'

const part = realPart('openstack-cleanup', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')
const ENV = { OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE }

describe('glasshouse cleanup against the local OpenStack', { skip: part.available ? false : part.skip, timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-cleanup-'))
  const owner = `t${Date.now().toString(36)}`
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  test('a run killed right after its server create answered: the CLI deletes it all, the oracle counts 0', async (t) => {
    const cloud = await loadCloud({ cloud: 'demo', env: ENV })
    const session = new OpenStackClient({ cloud }).iteration({ signal: AbortSignal.timeout(300_000) })
    const store = await openStore({ dataDir })
    const prefix = runPrefix(owner, 'k1')
    try {
      await store.migrate()
      const { projectId } = await session.token()
      const scope = { owner, runId: 'k1', cloud: 'demo', region: cloud.region ?? '', project: projectId ?? '', prefix }
      const crash = new CrashSwitch(Number.POSITIVE_INFINITY, (what, previous) => what === 'created' && previous === 'create server')
      await miniRun({ session, pollMs: 500, loadBalancer: false }, store.ledger, scope, crash)
      assert.equal(crash.diedBefore, 'created', 'the run died between the server create and its id')
      const [network] = await listNetworks(session, { name: `${prefix}NET` })
      await createPort(session, { network_id: network!.id, name: `octavia-lb-vrrp-${owner}`, device_owner: 'Octavia' } as PortCreate)
    } finally {
      await session.close()
      await store.close()
    }
    const left = await adminLeftovers((text) => text.includes(owner))
    assert.ok(left.some((line) => line.startsWith('server ')) && left.length >= 9, `the crash left resources behind: ${left.join(', ')}`)

    const { io, out, err } = captureIo(ENV)
    const code = await main(['cleanup', '--cloud', 'demo', '--data-dir', dataDir, '--owner', owner, '--json'], io)
    assert.equal(code, 0, err())
    const report = JSON.parse(out()) as CleanupReport
    t.diagnostic(`oracle before: ${left.length} leftovers; cleanup: ${report.found} found, ${report.deleted} deleted in ${Math.round(report.durationMs)} ms`)
    assert.equal(report.remaining, 0)
    assert.ok(report.leaked)
    assert.ok(report.items.some((item) => item.kind === 'server' && item.source === 'ledger' && item.outcome === 'deleted'), 'the server without an id was found by its name')
    assert.ok(report.items.some((item) => item.kind === 'port' && item.name === `octavia-lb-vrrp-${owner}` && item.source === 'janitor' && item.outcome === 'deleted'))
    assert.deepEqual(await adminLeftovers((text) => text.includes(owner)), [])

    const again = captureIo(ENV)
    assert.equal(await main(['cleanup', '--cloud', 'demo', '--data-dir', dataDir, '--owner', owner], again.io), 0)
    assert.match(again.out(), /^0 found, 0 deleted, 0 left for owner /m)
  })
})
