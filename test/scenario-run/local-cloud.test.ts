/**
 * Suite `openstack-scenario-cli`: one `glasshouse probe run scenario --once` on the local
 * OpenStack (cloud `demo`), reachability skipped; the admin `openstack` CLI counts what is left.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'
import { LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../support/local-openstack.js'
import { realPart } from '../support/real-part.js'

const run = promisify(execFile)
const part = realPart('openstack-scenario-cli', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')
const OWNER = 'clireal'

async function adminList(...args: string[]): Promise<Array<Record<string, unknown>>> {
  const { stdout } = await run('openstack', ['--os-cloud', 'admin', ...args, '-f', 'json'], { env: { ...process.env, OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE }, timeout: 60_000 })
  return JSON.parse(stdout) as Array<Record<string, unknown>>
}

describe('glasshouse probe run scenario on the local OpenStack', { skip: part.available ? false : part.skip, timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-scenario-cli-real-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  test('--skip-reachability --once --json: exit 0, reachability skipped, nothing left by the admin oracle', async (t) => {
    const capture = captureIo({ OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE }, dataDir)
    const args = ['probe', 'run', 'scenario', '--cloud', 'demo', '--owner', OWNER, '--vms', '1', '--skip-reachability', '--timeout-scale', '2', '--once', '--json', '--data-dir', dataDir]
    const code = await main(args, capture.io)
    const result = JSON.parse(capture.out())
    t.diagnostic(`iteration ${Math.round(result.durationMs)} ms, ${result.summary.calls} calls, ${result.summary.apiErrors} API errors, ${result.summary.budgetPercent}% of budget`)
    assert.equal(code, 0, JSON.stringify(result.failure))
    assert.equal(result.ok, true)
    assert.equal(result.simulated, false)
    assert.equal(result.steps[0].name, 'pre-run cleanup')
    for (const step of result.steps.filter((candidate: { name: string }) => /-reach$|-forward$/.test(candidate.name))) assert.equal(step.status, 'skipped', step.name)
    assert.deepEqual([result.summary.vmsOk, result.summary.leftovers], [1, 0])
    assert.match(capture.err(), /^step vm-1-active passed/m)

    const store = await openStore({ dataDir })
    try {
      await store.migrate()
      assert.deepEqual(await store.ledger.leftovers('demo', { owner: OWNER }), [])
    } finally {
      await store.close()
    }
    const prefix = `gh-${OWNER}-`
    const left: string[] = []
    for (const args of [['server', 'list', '--all-projects'], ['volume', 'list', '--all-projects'], ['port', 'list'], ['network', 'list'], ['router', 'list'], ['security', 'group', 'list', '--all-projects'], ['floating', 'ip', 'list', '--long']]) {
      for (const row of await adminList(...args)) {
        const label = String(row.Name ?? row.Description ?? '')
        if (label.startsWith(prefix)) left.push(`${args[0]} ${label}`)
      }
    }
    assert.deepEqual(left, [])
  })
})
