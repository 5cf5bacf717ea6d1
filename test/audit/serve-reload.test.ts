/**
 * The wiring in `startGlasshouse`: the start-up records `config.reload` (trigger `start-up`), a
 * SIGHUP-style reload records what changed by name, a rejected reload records nothing, and no
 * substituted secret reaches the trail.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { loadConfig } from '../../src/config/index.js'
import { createLogger } from '../../src/log/index.js'
import { startGlasshouse } from '../../src/main.js'
import { openStore } from '../../src/store/index.js'

const dir = mkdtempSync(join(tmpdir(), 'gh-h38-reload-'))
after(() => rmSync(dir, { recursive: true, force: true }))
const CANARY = 'canary-reload-secret-9'

const configText = (interval: string) => `server: { listen: "127.0.0.1:0" }
storage: { dataDir: "${join(dir, 'data')}" }
checks:
  - { name: web, kind: http, url: "http://127.0.0.1:9/", interval: ${interval}, headers: { Authorization: "Bearer \${PROBE_TOKEN}" } }
  - { name: db, kind: tcp, host: 127.0.0.1, port: 9, interval: 1h }
`

test('serve: config loads at start-up and on reload are in the audit trail, by name, without secrets', async () => {
  const file = join(dir, 'glasshouse.yaml')
  writeFileSync(file, configText('1h'))
  process.env.PROBE_TOKEN = CANARY // the reload reads the process environment
  after(() => delete process.env.PROBE_TOKEN)
  const loaded = await loadConfig({ file, cwd: dir, env: { PROBE_TOKEN: CANARY } })
  const log = createLogger({ level: 'fatal', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  const overrides = (config: typeof loaded.config) => config
  const running = await startGlasshouse({ config: loaded.config, configFile: file, configFiles: loaded.files, secrets: loaded.secrets, log, overrides })
  try {
    writeFileSync(file, configText('2h'))
    assert.equal(await running.reload(), true)
    writeFileSync(file, 'checks: [ { name: broken } ]\n')
    assert.equal(await running.reload(), false)
  } finally {
    await running.stop()
  }
  const store = await openStore({ dataDir: join(dir, 'data') })
  try {
    const entries = await store.audit.page({ objectType: 'config', limit: 10 })
    const changes = entries.map((entry) => (entry.after as { trigger: string; changes: { checks: { changed: string[] } } }))
    assert.deepEqual(changes.map((change) => [change.trigger, change.changes.checks.changed]), [['start-up', []], ['reload', ['web']]])
    assert.ok(entries.every((entry) => entry.actor === 'config' && entry.door === 'config'))
    assert.ok(!JSON.stringify(await store.audit.page({ limit: 1000 })).includes(CANARY))
  } finally {
    await store.close()
  }
})
