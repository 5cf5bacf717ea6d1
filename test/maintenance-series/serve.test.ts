/**
 * The wiring in `startGlasshouse`: a config series is materialized at start, the API answers
 * with the configured minimum notice, and a reload that changes the series moves its upcoming
 * windows.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { issueToken } from '../../src/api/auth/index.js'
import { loadConfig } from '../../src/config/index.js'
import { createLogger } from '../../src/log/index.js'
import { startGlasshouse } from '../../src/main.js'
import { openStore } from '../../src/store/index.js'

const dir = mkdtempSync(join(tmpdir(), 'gh-h29-serve-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const configText = (weekday: string) => `server: { listen: "127.0.0.1:0" }
storage: { dataDir: "${join(dir, 'data')}" }
operator: { minimumNotice: 72h }
maintenanceSeries: { horizon: 14d }
checks:
  - { name: web, kind: tcp, host: 127.0.0.1, port: 9, interval: 1h }
maintenance:
  - name: weekly
    title: Weekly patching
    components: [ { component: web } ]
    recurrence: { weekdays: [${weekday}], at: "03:00", timeZone: UTC, duration: 1h }
`

test('serve: config series at start, the configured notice policy, a reload moves the windows', async () => {
  const file = join(dir, 'glasshouse.yaml')
  writeFileSync(file, configText('sun'))
  const loaded = await loadConfig({ file, cwd: dir, env: {} })
  const log = createLogger({ level: 'error', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  const running = await startGlasshouse({ config: loaded.config, configFile: file, configFiles: loaded.files, log })
  try {
    const windows = async () => {
      const body = (await (await fetch(`${running.url}/api/v1/maintenance?limit=100`)).json()) as { items: { title: string; start: string; status: string }[] }
      return body.items.filter((w) => w.title === 'Weekly patching' && w.status === 'scheduled').map((w) => new Date(w.start).getUTCDay())
    }
    const atStart = await windows()
    assert.ok(atStart.length === 2 && atStart.every((day) => day === 0), `two Sundays in 14 days: ${atStart}`)

    const store = await openStore({ dataDir: join(dir, 'data') })
    const { token } = await issueToken(store.tokens, { name: 'oncall', scope: 'operator' }, { now: Date.now(), createdBy: 'test' })
    await store.close()
    const start = new Date(Date.now() + 48 * 3_600_000).toISOString()
    const end = new Date(Date.now() + 49 * 3_600_000).toISOString()
    const created = await fetch(`${running.url}/api/v1/maintenance`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'In two days', components: [{ component: 'web' }], start, end, notify: false }),
    })
    assert.equal(created.status, 201)
    assert.match(((await created.json()) as { warnings: string[] }).warnings[0] ?? '', /notice is only (47|48) h, the policy is 72 h/)

    writeFileSync(file, configText('wed'))
    assert.equal(await running.reload(), true)
    const afterReload = await windows()
    assert.ok(afterReload.length === 2 && afterReload.every((day) => day === 3), `two Wednesdays after the reload: ${afterReload}`)
  } finally {
    await running.stop()
  }
})
