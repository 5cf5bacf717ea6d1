/**
 * A series fed by the built-in simulated cloud is labelled simulated on the API and the page,
 * and left out of availability reports; a real series beside it is not.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { CheckSchema, storedDefinition } from '../../src/config/index.js'
import { availabilityReport } from '../../src/reports/index.js'
import type { Store } from '../../src/store/index.js'
import { outcome } from '../records-job/fixtures.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const DAY = 86_400_000

describe('simulated results', () => {
  let store: Store
  let dispose: () => Promise<void>
  const now = Date.now()

  before(async () => {
    ;({ store, dispose } = await tempStore())
    const demo = CheckSchema.parse({ name: 'demo', kind: 'scenario', simulated: true, interval: '20s', timeout: '15s', skipReachability: true })
    const real = CheckSchema.parse({ name: 'api', kind: 'http', url: 'http://127.0.0.1:9/', interval: '20s' })
    const rows = await store.checks.sync(
      [demo, real].map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check, []) })),
      now - DAY,
    )
    const id = new Map(rows.map((row) => [row.name, row.id]))
    await store.components.sync(
      [
        { name: 'demo-cloud', displayName: 'Demo cloud', feeds: [{ checkId: id.get('demo')!, location: 'R1' }] },
        { name: 'api', displayName: 'API', feeds: [{ checkId: id.get('api')!, location: 'R1' }] },
      ],
      now - DAY,
    )
    await store.results.insertBatch([
      { checkId: id.get('demo')!, result: outcome(now - 60_000, true) },
      { checkId: id.get('api')!, result: outcome(now - 60_000, true) },
    ])
  })
  after(() => dispose())

  test('the API says which series are measured on the simulated cloud; the page labels them', async () => {
    const app = testServerApp(store)
    const body = (await (await app.request('/api/v1/status')).json()) as { components: { name: string; locations: { measuredBy: { simulated: boolean }[] }[] }[] }
    const simulated = Object.fromEntries(body.components.map((c) => [c.name, c.locations[0]!.measuredBy.map((by) => by.simulated)]))
    assert.deepEqual(simulated, { 'demo-cloud': [true], api: [false] })
    const page = await (await app.request('/')).text()
    assert.equal(page.match(/Simulated cloud: a demonstration/g)?.length, 1, 'one label, on the simulated series only')
  })

  test('availability reports leave simulated series out', async () => {
    const report = await availabilityReport(store, { from: now - DAY, to: now, timeZone: 'UTC', now }, [])
    const components = new Set(report.rows.map((row) => row.component))
    assert.ok(components.has('api'))
    assert.ok(!components.has('demo-cloud'))
  })
})
