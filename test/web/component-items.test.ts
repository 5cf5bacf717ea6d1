/**
 * The home page renders a component item again only when what it shows changed: a new
 * measurement of one component shows at once, in every language, while the other items stay
 * as they were. Measurement times are absolute UTC times, not "… ago".
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { CheckSchema, storedDefinition } from '../../src/config/index.js'
import type { Clock } from '../../src/core/index.js'
import { createStatusReader } from '../../src/status/index.js'
import type { Store } from '../../src/store/index.js'
import { measuredText } from '../../src/web/format.js'
import { outcome } from '../records-job/fixtures.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const START = Date.UTC(2026, 11, 7, 8, 0, 0)

/** The `<li>` of one component on the home page. */
function item(html: string, component: string): string {
  const match = new RegExp(`<li id="component-${component}">[\\s\\S]*?</li>`).exec(html)
  assert.ok(match !== null, `no item for ${component}`)
  return match[0]
}

describe('component items on the home page', () => {
  let store: Store
  let dispose: () => Promise<void>
  const ids = new Map<string, string>()
  let time = START
  const clock: Clock = { now: () => time, monotonic: () => time }

  before(async () => {
    ;({ store, dispose } = await tempStore())
    const checks = ['api', 'web'].map((name) => CheckSchema.parse({ name, kind: 'http', url: 'http://127.0.0.1:9/', interval: '60s' }))
    const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check, []) })), START - 600_000)
    for (const row of rows) ids.set(row.name, row.id)
    await store.components.sync(
      rows.map((row) => ({ name: row.name, displayName: row.name.toUpperCase(), feeds: [{ checkId: row.id, location: 'R1' }] })),
      START - 600_000,
    )
    await store.results.insertBatch(rows.map((row) => ({ checkId: row.id, result: outcome(START - 30_000, true) })))
  })
  after(() => dispose())

  test('a new measurement of one component shows at once; the other item is unchanged', async () => {
    const status = createStatusReader({ store, clock, maxAgeMs: 5_000, minAgeMs: 1_000 })
    const app = testServerApp(store, { status, clock })
    const first = await (await app.request('/')).text()
    assert.match(item(first, 'api'), /Last measured <time datetime="2026-12-07T07:59:30.000Z">07:59:30 UTC<\/time>/)

    await store.results.insertBatch([{ checkId: ids.get('api')!, result: outcome(START + 20_000, true) }])
    status.invalidate()
    time = START + 25_000
    const second = await (await app.request('/')).text()
    assert.match(item(second, 'api'), /<time datetime="2026-12-07T08:00:20.000Z">08:00:20 UTC<\/time>/)
    assert.equal(item(second, 'web'), item(first, 'web'))

    const german = await (await app.request('/?lang=de')).text()
    assert.match(item(german, 'api'), /Zuletzt gemessen <time datetime="2026-12-07T08:00:20.000Z">08:00:20 UTC<\/time>/)
  })

  test('measurement times: the time of day on the same UTC day, else date and minute', () => {
    assert.equal(measuredText(Date.UTC(2026, 0, 2, 3, 4, 5), Date.UTC(2026, 0, 2, 3, 5)), '03:04:05 UTC')
    assert.equal(measuredText(Date.UTC(2026, 0, 1, 23, 59, 30), Date.UTC(2026, 0, 2, 0, 1)), '2026-01-01 23:59 UTC')
  })
})
