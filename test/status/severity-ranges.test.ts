/**
 * Requirement 9 of the status page: the CSP's named severity ranges (SCS `/severities`) decide
 * which state a declared impact shows — on the native API and on the page, from the one status
 * snapshot. The built-in ranges stand until the CSP changes them; a severity above the CSP's top
 * range falls back to the built-in table. The SCS projection's "No data" impact stays above
 * the CSP's lowest range.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { systemClock } from '../../src/core/index.js'
import { catalogService, type CatalogService } from '../../src/incidents/index.js'
import { impactTypeIdOf, openStore, type Store } from '../../src/store/index.js'
import { publish } from '../incident-automation/support.js'
import { serviceOver } from '../incidents/support.js'
import { seed } from '../records-job/fixtures.js'
import { DIALECTS, dialectParts, freshDatabase, type FreshDatabase } from '../store/harness.js'
import { testServerApp } from '../support/server-app.js'

const OPERATOR = { actor: 'ops', door: 'api' } as const

type ScsComponents = { data: { displayName: string; activelyAffectedBy: { type: string; severity: number }[] }[] }
type Status = { components: { name: string; locations: { location: string; state: string; source: string }[] }[] }

const parts = dialectParts()

for (const dialect of DIALECTS) {
  describe(`declared impacts through the CSP severity ranges on ${dialect}`, { skip: parts[dialect].available ? false : parts[dialect].skip }, () => {
    let store: Store
    let fresh: FreshDatabase
    let catalog: CatalogService
    before(async () => {
      fresh = await freshDatabase(dialect)
      store = await openStore(fresh.options)
      await store.migrate()
      await seed(store, [
        { check: 'api-r1', intervalSeconds: 10, component: 'compute', location: 'R1' },
        { check: 'api-r2', intervalSeconds: 10, component: 'compute', location: 'R2' },
      ])
      const now = Date.now()
      await publish(store, { component: 'compute', location: 'R1' }, 'operational', now)
      await publish(store, { component: 'compute', location: 'R2' }, 'operational', now)
      const incidents = serviceOver(store, systemClock)
      await incidents.createIncident({ title: 'Slow volumes', impacts: [{ component: 'compute', location: 'R1', severity: 50 }], text: 'Seen.' }, OPERATOR)
      await incidents.createIncident({ title: 'Lost routers', impacts: [{ component: 'compute', location: 'R2', severity: 70 }], text: 'Seen.' }, OPERATOR)
      catalog = catalogService({ store, clock: systemClock })
    })
    after(async () => {
      await store.close()
      await fresh.drop()
    })

    /** States per location from `/api/v1/status`, and the component page's state classes, each read by a fresh server. */
    const shown = async () => {
      const app = testServerApp(store)
      const body = (await (await app.request('/api/v1/status')).json()) as Status
      const api = Object.fromEntries(body.components.find((c) => c.name === 'compute')!.locations.map((l) => [l.location, `${l.state}/${l.source}`]))
      const html = await (await app.request('/components/compute', { headers: { 'accept-language': 'en' } })).text()
      const page = Object.fromEntries([...html.matchAll(/<h2 id="loc-(\w+)">Location \w+ <span class="state state-([a-z-]+)"/g)].map((m) => [m[1], m[2]]))
      return { api, page }
    }

    test('built-in ranges: 50 is a partial outage, 70 a major one', async () => {
      const { api, page } = await shown()
      assert.deepEqual(api, { R1: 'partial_outage/declared', R2: 'major_outage/declared' })
      assert.deepEqual(page, { R1: 'partial-outage', R2: 'major-outage' })
    })

    test('widened lowest range: 50 shows degraded on the API and the page', async () => {
      await catalog.updateSeverity('operational', { value: 60 }, OPERATOR)
      const { api, page } = await shown()
      assert.deepEqual(api, { R1: 'degraded/declared', R2: 'major_outage/declared' })
      assert.deepEqual(page, { R1: 'degraded', R2: 'major-outage' })
    })

    test('the SCS projection keeps "no data" above the widened lowest range', async () => {
      await publish(store, { component: 'compute', location: 'R2' }, 'no_data', Date.now())
      const body = (await (await testServerApp(store).request('/scs/components')).json()) as ScsComponents
      const impacts = body.data.find((component) => component.displayName === 'compute')!.activelyAffectedBy
      assert.deepEqual(impacts.filter((impact) => impact.type === impactTypeIdOf('No data')).map((impact) => impact.severity), [61], 'operational now ends at 60')
      assert.deepEqual(impacts.map((impact) => impact.severity).sort((a, b) => a - b), [50, 61, 70], 'incident impacts keep their stored severities')
      await publish(store, { component: 'compute', location: 'R2' }, 'operational', Date.now())
    })

    test('ranges ending below 100: 50 falls in the CSP top range, 70 in the built-in table', async () => {
      await catalog.deleteSeverity('broken', OPERATOR)
      await catalog.updateSeverity('limited', { value: 55 }, OPERATOR)
      await catalog.updateSeverity('operational', { value: 20 }, OPERATOR)
      // operational 1–20, limited 21–55, then built-in: limited (built-in) 56–66, broken 67–100
      const { api } = await shown()
      assert.deepEqual(api, { R1: 'partial_outage/declared', R2: 'major_outage/declared' })
      await catalog.updateSeverity('limited', { value: 80 }, OPERATOR)
      // operational 1–20, limited 21–80, broken (built-in) 81–100: 70 is no longer the top range
      assert.deepEqual(await shown(), { api: { R1: 'partial_outage/declared', R2: 'partial_outage/declared' }, page: { R1: 'partial-outage', R2: 'partial-outage' } })
    })
  })
}
