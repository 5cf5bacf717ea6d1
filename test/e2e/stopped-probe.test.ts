import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { compileHealth, HealthSchema } from '../../src/config/health-schema.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import { createStatusReader } from '../../src/status/index.js'
import { fakeClock, memoryLog, outcome, seed } from '../records-job/fixtures.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const T0 = 1_763_800_000_000
const INTERVAL = 10_000

describe('a stopped probe', () => {
  test('shows no data, never its last state, on the page, /api/v1/status and /api/v1/components once three runs are missed', async () => {
    const { store, dispose } = await tempStore()
    try {
      const ids = await seed(store, [{ check: 'api', intervalSeconds: INTERVAL / 1000, component: 'compute', location: 'R1' }])
      const clock = fakeClock(T0)
      const health = compileHealth(HealthSchema.parse({}))
      const runner = createHealthRunner({ store, clock, log: memoryLog(), ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
      const app = testServerApp(store, { status: createStatusReader({ store, clock, maxAgeMs: -1, minAgeMs: 0 }) })
      const last = T0 + 2 * INTERVAL
      for (let at = T0; at <= last; at += INTERVAL) {
        await store.results.insertBatch([{ checkId: ids.get('api')!, result: outcome(at, true) }])
        clock.set(at + 1_000)
        await runner.evaluateNow()
      }
      const shown = async () => {
        const status: any = await (await app.request('/api/v1/status')).json()
        const components: any = await (await app.request('/api/v1/components')).json()
        const page = await (await app.request('/')).text()
        return { status: status.components[0].locations[0].state, component: components.items[0].locations[0].state, page }
      }
      const before = await shown()
      assert.deepEqual([before.status, before.component], ['operational', 'operational'])

      clock.set(last + 3 * INTERVAL)
      await runner.evaluateNow()
      const after = await shown()
      assert.deepEqual([after.status, after.component], ['no_data', 'no_data'], 'the API says no data, not operational')
      assert.match(after.page, /No data/, 'the page says no data')
      assert.doesNotMatch(after.page, /All systems operational/i, 'the page does not claim all is well')
    } finally {
      await dispose()
    }
  })
})
