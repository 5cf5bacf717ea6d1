import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/index.js'
import { REAL_CLOUD_PROFILE, startSimulatedCloud } from '../../src/openstack/simulator/index.js'
import type { SimulatedCloud } from '../../src/openstack/simulator/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'

const PASSWORD = 'scenario-cli-canary-password-7c1e'
const BIN = join(import.meta.dirname, '../../bin/glasshouse.js')
const KINDS = ['servers', 'volumes', 'ports', 'floatingips', 'security_groups', 'keypairs', 'routers', 'subnets', 'networks']

/** Resources of the owner still on the simulated cloud. */
function ownersResources(sim: SimulatedCloud, owner: string): string[] {
  return KINDS.flatMap((kind) => [...sim.resources(kind).values()].filter((row) => String(row.name ?? row.description ?? '').startsWith(`gh-${owner}-`)).map((row) => `${kind} ${String(row.name ?? row.description)}`))
}

async function ledgerLeft(dataDir: string, owner: string): Promise<number> {
  const store = await openStore({ dataDir })
  try {
    await store.migrate()
    return (await store.ledger.leftovers('sim', { owner })).length
  } finally {
    await store.close()
  }
}

interface Child {
  code: number | null
  out: string
  err: string
}

/** Runs the real binary; `signals` fires SIGTERMs once stderr shows `after` (each `gapMs` apart). */
function runBinary(args: string[], env: NodeJS.ProcessEnv, signals: { after: RegExp; count: number; gapMs: number } | null): Promise<Child> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let sent = false
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      if (signals && !sent && signals.after.test(err)) {
        sent = true
        for (let i = 0; i < signals.count; i++) setTimeout(() => child.kill('SIGTERM'), i * signals.gapMs)
      }
    })
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

describe('glasshouse probe run scenario (simulated cloud)', () => {
  let sim: SimulatedCloud
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-scenario-cli-'))
  const cloudsFile = join(dir, 'clouds.yaml')
  const env = { OS_CLIENT_CONFIG_FILE: cloudsFile, GLASSHOUSE_OWNER: 'clitest' }
  // 1/50 of a real cloud's times: a boot takes 0.6 s, so a signal lands mid-iteration.
  const scenario = (dataDir: string, owner: string) => ['probe', 'run', 'scenario', '--cloud', 'sim', '--owner', owner, '--vms', '2', '--skip-reachability', '--poll-interval', '50ms', '--once', '--json', '--data-dir', dataDir]

  before(async () => {
    sim = await startSimulatedCloud({ name: 'sim', profile: REAL_CLOUD_PROFILE, timeScale: 0.02, seed: 8, identity: { password: PASSWORD } })
    writeFileSync(cloudsFile, `clouds:\n  sim:\n    region_name: RegionOne\n    auth:\n      auth_url: ${sim.authUrl}\n      username: demo\n      password: ${PASSWORD}\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n`)
  })
  after(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('--simulated --once --json: passes; reachability steps skipped, never passed; calls carry request ids', async () => {
    const capture = captureIo({}, dir)
    const code = await main(['probe', 'run', 'scenario', '--simulated', '--time-scale', '0.01', '--vms', '2', '--skip-reachability', '--poll-interval', '20ms', '--once', '--json', '--data-dir', join(dir, 'simulated')], capture.io)
    assert.equal(code, 0, capture.err())
    const result = JSON.parse(capture.out())
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.equal(result.simulated, true)
    assert.equal(result.stopped, false)
    assert.deepEqual(result.cleanup, { found: 0, deleted: 0, remaining: 0 })
    assert.equal(result.steps[0].name, 'pre-run cleanup')
    const reach = result.steps.filter((step: { name: string }) => /reach|forward/.test(step.name))
    assert.ok(reach.length >= 3)
    for (const step of reach) assert.deepEqual([step.status, step.reason], ['skipped', 'skip-reachability'], step.name)
    assert.equal(result.summary.vmsOk, 2)
    assert.ok(result.calls.length > 50 && result.calls.every((call: { requestId: string | null }) => call.requestId !== null))
    assert.match(capture.err(), /^step vm-1-active passed /m)
    assert.equal(await ledgerLeft(join(dir, 'simulated'), 'clitest'), 0)
  })

  test('bad flags exit 2, a missing cloud exits 3, no secret in any output', async () => {
    const bad = captureIo(env, dir)
    assert.equal(await main(['probe', 'run', 'scenario', '--cloud', 'sim', '--boot-mode', 'floppy', '--once'], bad.io), 2)
    assert.match(bad.err(), /--boot-mode: /)
    const missing = captureIo(env, dir)
    assert.equal(await main(['probe', 'run', 'scenario', '--cloud', 'nowhere', '--once', '--data-dir', join(dir, 'x')], missing.io), 3)
    assert.match(missing.err(), /nowhere/)
    for (const text of [bad.out(), bad.err(), missing.out(), missing.err()]) assert.ok(!text.includes(PASSWORD))
  })

  test('SIGTERM mid-iteration: stops at a step boundary, tears down, exit 0, ledger and cloud empty', async () => {
    const dataDir = join(dir, 'term')
    const child = await runBinary(scenario(dataDir, 'term1'), env, { after: /^step vm-1 passed/m, count: 1, gapMs: 0 })
    assert.equal(child.code, 0, child.err)
    const result = JSON.parse(child.out)
    assert.equal(result.stopped, true)
    assert.equal(result.ok, false)
    assert.equal(result.failure.code, 'internal')
    assert.ok(result.steps.some((step: { status: string; reason: string | null }) => step.status === 'skipped' && step.reason === 'stopped before it started'))
    assert.equal(result.steps.find((step: { name: string }) => step.name === 'teardown').status, 'passed')
    assert.match(child.err, /stopping: the iteration ends at its next step boundary/)
    assert.deepEqual(ownersResources(sim, 'term1'), [])
    assert.equal(await ledgerLeft(dataDir, 'term1'), 0)
    assert.ok(!child.out.includes(PASSWORD) && !child.err.includes(PASSWORD))
  })

  test('a second SIGTERM skips the teardown: leftovers stay in the ledger, and glasshouse cleanup removes them', async () => {
    const dataDir = join(dir, 'twice')
    const child = await runBinary(scenario(dataDir, 'term2'), env, { after: /^step vm-1 passed/m, count: 2, gapMs: 30 })
    assert.equal(child.code, 0, child.err)
    assert.equal(JSON.parse(child.out).stopped, true)
    assert.match(child.err, /skipping the teardown/)
    assert.ok(ownersResources(sim, 'term2').length > 0)
    assert.ok((await ledgerLeft(dataDir, 'term2')) > 0)
    const cleanup = captureIo(env, dir)
    const code = await main(['cleanup', '--cloud', 'sim', '--owner', 'term2', '--data-dir', dataDir], cleanup.io)
    assert.equal(code, 0, cleanup.out() + cleanup.err())
    assert.deepEqual(ownersResources(sim, 'term2'), [])
    assert.equal(await ledgerLeft(dataDir, 'term2'), 0)
  })

  test('the next run after a skipped teardown finds the leftovers: its result is leaked, and it cleans them', async () => {
    const dataDir = join(dir, 'next')
    await runBinary(scenario(dataDir, 'term3'), env, { after: /^step vm-1 passed/m, count: 2, gapMs: 30 })
    assert.ok(ownersResources(sim, 'term3').length > 0)
    const next = await runBinary(scenario(dataDir, 'term3'), env, null)
    assert.equal(next.code, 1, next.err)
    const result = JSON.parse(next.out)
    assert.equal(result.failure.code, 'leaked')
    assert.equal(result.steps[0].status, 'failed')
    assert.ok(result.cleanup.found > 0 && result.cleanup.remaining === 0)
    assert.deepEqual(ownersResources(sim, 'term3'), [])
    assert.equal(await ledgerLeft(dataDir, 'term3'), 0)
  })
})
