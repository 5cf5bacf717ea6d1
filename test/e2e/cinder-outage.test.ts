/**
 * Suite `openstack-cinder-e2e`: a continuous `glasshouse serve` runs the scenario against the
 * local OpenStack with one component per service. Stopping `cinder-api` (by the pid the setup
 * script keeps) must show Block Storage as an outage on the page and `/api/v1` within one
 * iteration, open an automatic incident whose evidence holds the failing calls, leave the other
 * components operational — and everything must recover once `cinder-api` is back.
 */
import assert from 'node:assert/strict'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { after, before, describe, test } from 'node:test'
import { LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../support/local-openstack.js'
import { freePort } from '../support/ports.js'
import { realPart } from '../support/real-part.js'

const run = promisify(execFile)
const root = new URL('../..', import.meta.url).pathname
const SETUP = join(root, '../shared/openstack-local/setup.sh')
const CINDER_PID = '/run/oslocal/cinder-api.pid'
const OWNER = 'cindere2e'
const SERVICES = ['identity', 'compute', 'network', 'block-storage', 'image'] as const
const part = realPart('openstack-cinder-e2e', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')

function configText(port: number): string {
  const feeds = (service: string, patterns: string[]) =>
    `  - name: ${service}\n    health: scenario\n    feeds: [{ check: oshm, location: RegionOne, operations: [${patterns.map((p) => `'${p}'`).join(', ')}] }]\n`
  return `server:
  listen: 127.0.0.1:${port}
automation:
  quietPeriod: 30s
checks:
  - name: oshm
    kind: scenario
    cloud: demo
    owner: ${OWNER}
    interval: 45s
    timeout: 3m
    vms: 1
    bootMode: image
    flavor: SCS-1V-2-10
    skipReachability: true
    timeoutScale: 2
components:
${feeds('identity', ['identity.*', 'authenticate'])}${SERVICES.slice(1).map((service) => feeds(service, [`${service}.*`])).join('')}`
}

type Status = { components: { name: string; locations: { state: string }[] }[] }

describe('cinder-api stops during a continuous run', { skip: part.available ? false : part.skip, timeout: 900_000 }, () => {
  let dir: string
  let child: ChildProcess
  let base: string
  let stderr = ''

  const states = async (): Promise<Record<string, string>> => {
    const body = (await (await fetch(`${base}/api/v1/status`)).json()) as Status
    return Object.fromEntries(body.components.map((component) => [component.name, component.locations[0]?.state ?? 'none']))
  }
  async function waitFor<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
    const until = Date.now() + seconds * 1000
    for (;;) {
      const value = await probe().catch(() => undefined)
      if (value !== undefined) return value
      if (Date.now() > until) throw new Error(`timed out after ${seconds} s waiting for ${what}; last states ${JSON.stringify(await states().catch(() => null))}\n${stderr.slice(-2000)}`)
      await sleep(500)
    }
  }
  const allOperational = async () => {
    const now = await states()
    return SERVICES.every((service) => now[service] === 'operational') ? now : undefined
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-cinder-e2e-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    writeFileSync(join(dir, 'glasshouse.yaml'), configText(port))
    child = spawn(process.execPath, [join(root, 'bin/glasshouse.js'), 'serve', '--config', join(dir, 'glasshouse.yaml'), '--data-dir', join(dir, 'data')], {
      cwd: dir,
      env: { ...process.env, OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.on('data', (chunk) => (stderr += chunk))
  })

  after(async () => {
    await run('bash', [SETUP, 'start'], { timeout: 180_000 }).catch(() => undefined)
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(120_000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    await run(process.execPath, [join(root, 'bin/glasshouse.js'), 'cleanup', '--cloud', 'demo', '--owner', OWNER, '--data-dir', join(dir, 'data')], {
      env: { ...process.env, OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE },
      timeout: 300_000,
    }).catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  })

  test('Block Storage goes to an outage within one iteration with an automatic incident and evidence; the others stay operational; all recover', async (t) => {
    await waitFor('every service operational after the first iteration', 240, allOperational)

    const pid = readFileSync(CINDER_PID, 'utf8').trim()
    const stoppedAt = Date.now()
    process.kill(-Number(pid), 'SIGTERM')
    const during = await waitFor('Block Storage shown as an outage', 150, async () => {
      const now = await states()
      return ['partial_outage', 'major_outage'].includes(now['block-storage'] ?? '') ? now : undefined
    })
    t.diagnostic(`cinder-api stopped → Block Storage ${during['block-storage']} after ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s (interval 45 s)`)
    for (const service of SERVICES.filter((name) => name !== 'block-storage')) assert.equal(during[service], 'operational', `${service} stays operational`)
    const page = await (await fetch(`${base}/`)).text()
    assert.match(page, /block-storage[\s\S]*?(Partial outage|Major outage)/i, 'the page shows the outage')

    const incident = await waitFor('an automatic incident for Block Storage', 60, async () => {
      const body = (await (await fetch(`${base}/api/v1/incidents`)).json()) as { items: { id: string; title: string; endedAt: string | null }[] }
      return body.items.find((item) => item.endedAt === null && /block-storage/i.test(item.title))
    })
    const evidence = (await (await fetch(`${base}/api/v1/incidents/${incident.id}/evidence`)).json()) as unknown
    const text = JSON.stringify(evidence)
    assert.match(text, /block-storage\./, 'the evidence holds the failing Block Storage calls')

    await run('bash', [SETUP, 'start'], { timeout: 180_000 })
    const backAt = Date.now()
    await waitFor('every service operational again', 240, allOperational)
    t.diagnostic(`cinder-api back → all operational after ${((Date.now() - backAt) / 1000).toFixed(1)} s`)
  })
})
