import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, test } from 'node:test'
import { loadCloud, OpenStackClient } from '../../src/openstack/index.js'
import { runScenarioIteration, scaledTimeouts, SKIP_REACHABILITY } from '../../src/scenario/oshm/index.js'
import type { ScenarioResult } from '../../src/scenario/oshm/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/index.js'
import { LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../support/local-openstack.js'
import { realPart } from '../support/real-part.js'

const run = promisify(execFile)
const part = realPart('openstack-scenario', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')
const REACHABILITY = /-reach$|-forward$|^lb-(online|traffic|backends-stop|failover|backends-start|recovered)$/

/** The oracle: the `openstack` CLI as admin, independent of our client. */
async function adminList(...args: string[]): Promise<Array<Record<string, unknown>>> {
  const { stdout } = await run('openstack', ['--os-cloud', 'admin', ...args, '-f', 'json'], { env: { ...process.env, OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE }, timeout: 60_000 })
  return JSON.parse(stdout) as Array<Record<string, unknown>>
}

const label = (row: Record<string, unknown>) => String(row.Name ?? row.name ?? row.Description ?? row.description ?? '')

describe('the OSHM scenario on the local OpenStack', { skip: part.available ? false : part.skip, timeout: 600_000 }, () => {
  let store: Store
  let dataDir: string
  let result: ScenarioResult
  const created = new Map<string, { kind: string; resourceId?: string }>()
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-oshm-real-'))
    store = await openStore({ dataDir })
    await store.migrate()
    const ledger = {
      ...store.ledger,
      intent: async (intent: Parameters<Store['ledger']['intent']>[0], now: number) => {
        const entry = await store.ledger.intent(intent, now)
        created.set(entry, { kind: intent.kind })
        return entry
      },
      created: async (entry: string, resourceId: string, now: number) => {
        created.get(entry)!.resourceId = resourceId
        await store.ledger.created(entry, resourceId, now)
      },
    }
    const cloud = await loadCloud({ cloud: 'demo', env: { OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE } })
    const session = new OpenStackClient({ cloud, timeouts: scaledTimeouts(2) }).iteration({ signal: AbortSignal.timeout(540_000) })
    try {
      result = await runScenarioIteration(
        { session, ledger, owner: 'cilocal', cloud: { name: 'demo', region: cloud.region ?? 'RegionOne', simulated: false } },
        { vms: 2, bootMode: 'volume', loadBalancer: { enabled: true }, skipReachability: true, timeoutScale: 2 },
      )
    } finally {
      await session.close()
    }
  })
  after(async () => {
    await store?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  test('a full iteration reaches ACTIVE everywhere; reachability is skipped, never passed', (t) => {
    const { durationMs, calls, apiErrors } = result.summary
    const boot = result.waits.filter((wait) => wait.kind === 'server' && wait.mode === 'create').map((wait) => Math.round(wait.elapsedMs))
    t.diagnostic(`iteration ${Math.round(durationMs)} ms, ${calls} calls, ${apiErrors} API errors, boot times ${boot.join(', ')} ms, ${created.size} ledger rows`)
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    for (const step of result.steps) {
      if (REACHABILITY.test(step.name)) assert.deepEqual([step.name, step.status, step.reason], [step.name, 'skipped', SKIP_REACHABILITY])
      else assert.equal(step.status, 'passed', `${step.name}: ${step.reason}`)
    }
    for (const id of ['router-gateway', 'sg-jh-rules', 'keypair-jh', 'vip-port', 'jh-volume-1-ready', 'vm-volume-2-ready', 'jh-1-active', 'vm-2-active', 'jh-fip-1', 'lb-active', 'lb-member-2', 'lb-fip', 'teardown']) {
      assert.equal(result.steps.find((step) => step.name === id)?.status, 'passed', id)
    }
    assert.deepEqual([result.summary.vmsOk, result.summary.vmsTotal, result.summary.leftovers], [2, 2, 0])
    for (const kind of ['server', 'volume', 'loadbalancer']) assert.ok(result.waits.some((wait) => wait.kind === kind && wait.mode === 'create' && wait.ok), `${kind} creation time`)
    assert.equal(result.calls.every((call) => call.requestId !== null), true, 'every call has a request id')
  })

  test('the ledger has every resource marked deleted', async () => {
    const rows = await store.ledger.leftovers('demo', { owner: 'cilocal' })
    assert.deepEqual(rows.map((row) => `${row.kind} ${row.name}`), [])
  })

  test('the admin oracle finds nothing left: servers, volumes, ports, FIPs, SGs, keypairs, routers, networks, LBs, amphorae', async () => {
    const prefix = result.prefix
    const left: string[] = []
    const check = async (what: string, args: string[], mine: (row: Record<string, unknown>) => boolean) => {
      for (const row of (await adminList(...args)).filter(mine)) left.push(`${what} ${label(row)} ${String(row.ID ?? row.id ?? '')}`)
    }
    const named = (row: Record<string, unknown>) => label(row).startsWith(prefix)
    await check('server', ['server', 'list', '--all-projects'], named)
    await check('volume', ['volume', 'list', '--all-projects'], named)
    await check('port', ['port', 'list', '--long'], (row) => named(row) || String(row.Name ?? '').includes(prefix))
    await check('floating ip', ['floating', 'ip', 'list', '--long'], named)
    await check('security group', ['security', 'group', 'list', '--all-projects'], named)
    await check('keypair', ['--os-compute-api-version', '2.10', 'keypair', 'list', '--user', 'demo'], named)
    await check('router', ['router', 'list'], named)
    await check('network', ['network', 'list'], named)
    await check('subnet', ['subnet', 'list'], named)
    await check('load balancer', ['loadbalancer', 'list'], named)
    const lbIds = [...created.values()].filter((row) => row.kind === 'loadbalancer').map((row) => row.resourceId!)
    assert.equal(lbIds.length, 1, 'the iteration made one load balancer')
    const ofLb = (row: Record<string, unknown>) => lbIds.some((id) => JSON.stringify(row).includes(id))
    await check('amphora', ['loadbalancer', 'amphora', 'list'], ofLb)
    await check('service-project port', ['port', 'list', '--long'], ofLb)
    assert.deepEqual(left, [])
  })
})
