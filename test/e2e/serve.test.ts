import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, test } from 'node:test'
import { openStore } from '../../src/store/index.js'
import { freePort } from '../support/ports.js'
import { realPart } from '../support/real-part.js'

const root = new URL('../..', import.meta.url).pathname
const CANARY = 'canary-7c1d9e-secret'
realPart('serve-e2e', null, '')

function configText(port: number, extra = ''): string {
  return `server:
  listen: 127.0.0.1:${port}
  title: E2E cloud
defaults:
  interval: 2s
  timeout: 1s
checks:
  - name: status-api
    kind: http
    url: http://127.0.0.1:${port}/api/v1/status
    conditions: ["[STATUS] == 200", "has([BODY].components) == true"]
  - name: canary
    kind: http
    url: http://127.0.0.1:${port}/healthz?sig=\${GH_CANARY}&plain=\${GH_CANARY}
    headers:
      Authorization: Bearer \${GH_CANARY}
      X-Trace: \${GH_CANARY}
  - name: web-port
    kind: tcp
    host: 127.0.0.1
    port: ${port}
${extra}`
}

async function waitFor<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + seconds * 1000
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await sleep(200)
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

describe('glasshouse serve end to end', () => {
  let dir: string
  let port: number
  let child: ChildProcess
  let stderr = ''
  const base = () => `http://127.0.0.1:${port}`
  const status = async () => (await fetch(`${base()}/api/v1/status`)).json() as Promise<{ components: { name: string; state: string; locations: { lastMeasuredAt: string | null }[] }[] }>

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-e2e-'))
    port = await freePort()
    writeFileSync(join(dir, 'glasshouse.yaml'), configText(port))
    child = spawn(process.execPath, [join(root, 'bin/glasshouse.js'), 'serve', '--config', join(dir, 'glasshouse.yaml'), '--data-dir', join(dir, 'data')], {
      cwd: dir,
      env: { ...process.env, GLASSHOUSE_LOG_LEVEL: 'debug', GH_CANARY: CANARY },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.on('data', (chunk) => (stderr += chunk))
  })

  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  test('the page shows measured states of every check within 30 s', async () => {
    const measured = await waitFor('every check measured', 30, async () => {
      const body = await status()
      return body.components.length === 3 && body.components.every((c) => c.locations.length > 0 && c.state !== 'no_data' && c.locations.every((l) => l.lastMeasuredAt !== null)) ? body : undefined
    })
    assert.deepEqual(measured.components.map((c) => c.state).sort(), ['operational', 'operational', 'operational'])
    const html = await (await fetch(`${base()}/`)).text()
    assert.match(html, /All systems operational/)
  })

  test('the canary secret appears in no output: page, API, metrics, results', async () => {
    const outputs = ['/', '/api/v1/status', '/api/v1/checks', '/api/v1/checks/canary/results?limit=5', '/metrics', '/api/v1/openapi.json']
    for (const path of outputs) {
      const body = await (await fetch(`${base()}${path}`)).text()
      assert.ok(body.length > 0, path)
      assert.ok(!body.includes(CANARY), `${path} leaks the canary`)
    }
  })

  test('SIGHUP reloads: an added check appears, a removed one goes, a bad config is refused', async () => {
    const extra = `  - name: closed-port\n    kind: tcp\n    host: 127.0.0.1\n    port: 1\n`
    writeFileSync(join(dir, 'glasshouse.yaml'), configText(port, extra).replace(/  - name: web-port[\s\S]*?port: \d+\n/, '').replace(/  - name: canary[\s\S]*?X-Trace: .*\n/, ''))
    child.kill('SIGHUP')
    const names = await waitFor('the reloaded checks', 15, async () => {
      const body = await status()
      const list = body.components.map((c) => c.name).sort()
      return list.join() === 'closed-port,status-api' ? list : undefined
    })
    assert.deepEqual(names, ['closed-port', 'status-api'])
    const failing = await waitFor('the closed port measured', 15, async () => {
      const body = await status()
      const closed = body.components.find((c) => c.name === 'closed-port')
      return closed?.locations[0]?.lastMeasuredAt && closed.state !== 'no_data' ? closed : undefined
    })
    assert.notEqual(failing.state, 'operational')
    writeFileSync(join(dir, 'glasshouse.yaml'), 'checks: [ { name: x, kind: nope } ]\n')
    child.kill('SIGHUP')
    await waitFor('the rejection logged', 10, async () => (stderr.includes('config reload rejected') ? true : undefined))
    assert.equal((await status()).components.length, 2)
  })

  test('SIGTERM stops cleanly with exit 0 after writing every result', async () => {
    const code = exited(child)
    child.kill('SIGTERM')
    assert.equal(await code, 0, stderr)
    assert.match(stderr, /"msg":"stopped"/)
    const store = await openStore({ dataDir: join(dir, 'data') })
    const latest = await store.results.latestByCheck(1)
    const checks = await store.checks.list()
    await store.close()
    assert.deepEqual(checks.map((check) => check.name).sort(), ['closed-port', 'status-api'])
    for (const check of checks) assert.equal(latest.get(check.id)?.length, 1, `${check.name} has stored results`)
    assert.ok(!stderr.includes(CANARY), 'the logs leak the canary')
    for (const file of readdirSync(join(dir, 'data'), { recursive: true }) as string[]) {
      const path = join(dir, 'data', file)
      if (statSync(path).isFile()) assert.ok(!readFileSync(path).includes(CANARY), `${file} holds the canary`)
    }
  })
})
