import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { main } from '../../src/cli/index.js'
import type { CleanupReport } from '../../src/scenario/cleanup/index.js'
import { ownerPrefix } from '../../src/scenario/cleanup/index.js'
import { captureIo } from '../support/cli-io.js'
import { adminLeftovers, LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../support/local-openstack.js'
import { realPart } from '../support/real-part.js'
import { startIterationChild, tempDataDir } from './support.js'

const part = realPart('openstack-scenario-kill', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')
const FIRST_SERVER_CREATED = /^step (jh|vm)-\d+ passed$/

describe('kill -9 of an iteration on the local OpenStack, then glasshouse cleanup', { skip: part.available ? false : part.skip, timeout: 900_000 }, () => {
  const data = tempDataDir()
  const owner = `kill${Date.now().toString(36)}`
  after(() => data.remove())

  test('killed right after its first server create: cleanup exits 0 and the admin oracle counts 0 with the prefix', async (t) => {
    const child = startIterationChild({
      cloudsFile: LOCAL_CLOUDS_FILE,
      cloud: 'demo',
      dataDir: data.dir,
      owner,
      options: { vms: 1, bootMode: 'volume', skipReachability: true, timeoutScale: 2, loadBalancer: { enabled: false } },
      retryDelayMs: 5_000,
      simulated: false,
    })
    const created = await child.waitFor(FIRST_SERVER_CREATED)
    child.process.kill('SIGKILL')
    const ended = await child.exited
    assert.ok(created, `the child never created a server: ${child.lines.join(' | ')} ${ended.stderr}`)
    assert.equal(ended.signal, 'SIGKILL')
    const prefix = ownerPrefix(owner)
    const left = await adminLeftovers((text) => text.startsWith(prefix))
    assert.ok(left.some((line) => line.startsWith('server ')), `the kill left a server behind: ${left.join(', ')}`)

    const { io, out, err } = captureIo({ OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE })
    const code = await main(['cleanup', '--cloud', 'demo', '--data-dir', data.dir, '--owner', owner, '--json'], io)
    assert.equal(code, 0, err())
    const report = JSON.parse(out()) as CleanupReport
    t.diagnostic(`killed after "${created}"; the oracle saw ${left.length} resources (${left.join(', ')}); cleanup found ${report.found}, deleted ${report.deleted} in ${Math.round(report.durationMs)} ms`)
    assert.equal(report.leaked, true)
    assert.equal(report.remaining, 0)
    assert.deepEqual(await adminLeftovers((text) => text.startsWith(prefix)), [])
  })
})
