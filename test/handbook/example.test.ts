import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../../src/config/index.js'
import { handbookFolder, loadHandbook } from '../../src/handbook/index.js'
import type { Store } from '../../src/store/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const EXAMPLE = fileURLToPath(new URL('../../glasshouse.example.yaml', import.meta.url))
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }

describe('the example config’s starter handbook', () => {
  let temp: { store: Store; dispose(): Promise<void> }
  let slugs: string[]
  before(async () => {
    temp = await tempStore()
    const { config } = await loadConfig({ file: EXAMPLE, env: {} })
    assert.equal(handbookFolder(config.handbook.dir, EXAMPLE), fileURLToPath(new URL('../../handbook', import.meta.url)))
    const report = await loadHandbook({ store: temp.store, log: quiet, dir: config.handbook.dir, configFile: EXAMPLE, now: Date.now() })
    assert.deepEqual(report?.problems, [])
    slugs = report!.changed
  })
  after(() => temp.dispose())

  test('ships the process pages, in order, and a second load stores nothing', async () => {
    assert.deepEqual(slugs.sort(), ['change-management', 'escalation', 'incident-response', 'maintenance-announcements', 'on-call', 'status-page-methodology'])
    const { config } = await loadConfig({ file: EXAMPLE, env: {} })
    assert.deepEqual((await loadHandbook({ store: temp.store, log: quiet, dir: config.handbook.dir, configFile: EXAMPLE, now: Date.now() }))?.changed, [])
    const html = await (await testServerApp(temp.store).request('/handbook')).text()
    const order = ['incident-response', 'escalation', 'on-call', 'maintenance-announcements', 'change-management', 'status-page-methodology'].map((slug) => html.indexOf(`href="/handbook/${slug}"`))
    assert.deepEqual([...order].sort((a, b) => a - b), order)
  })

  test('every page renders, the maintenance policy states the 36 h minimum, and every handbook link points at a shipped page', async () => {
    const app = testServerApp(temp.store)
    for (const slug of slugs) {
      const response = await app.request(`/handbook/${slug}`)
      assert.equal(response.status, 200, slug)
      const html = await response.text()
      for (const [, target] of html.matchAll(/href="\/handbook\/([a-z0-9-]+)[#"]/g)) if (target !== slug) assert.ok(slugs.includes(target!), `${slug} links to ${target}`)
      assert.ok(!/href="[a-z0-9-]+\.md/.test(html), `${slug}: a page link left unresolved`)
    }
    assert.match(await (await app.request('/handbook/maintenance-announcements')).text(), /At least 36 hours’ notice|At least 36 hours&#39; notice|At least 36 hours' notice/)
  })
})
