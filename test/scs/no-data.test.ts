/**
 * The SCS projection of "no data": a component with a series that has no data now (no
 * evaluation yet, or the newest says no data) carries an active system impact of type "No data"
 * and severity 34, so SCS clients show it as limited — never as operational.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { STATE_TABLE } from '../../src/core/index.js'
import { impactTypeIdOf, type Store } from '../../src/store/index.js'
import { publish } from '../incident-automation/support.js'
import { seed } from '../records-job/fixtures.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

type Components = { data: { displayName: string; activelyAffectedBy: { type: string; severity: number }[] }[] }

describe('SCS components and no data', () => {
  let store: Store
  let dispose: () => Promise<void>
  before(async () => {
    ;({ store, dispose } = await tempStore())
    await seed(store, [
      { check: 'api-r1', intervalSeconds: 10, component: 'compute', location: 'R1' },
      { check: 'net-r1', intervalSeconds: 10, component: 'network', location: 'R1' },
    ])
  })
  after(() => dispose())

  const impacts = async () => {
    const body = (await (await testServerApp(store).request('/scs/components')).json()) as Components
    return Object.fromEntries(body.data.map((component) => [component.displayName, component.activelyAffectedBy]))
  }
  const noData = { type: impactTypeIdOf('No data'), severity: STATE_TABLE.no_data.scs.severity }

  test('not evaluated yet and measured no data both show the "No data" system impact; operational shows none', async () => {
    assert.deepEqual((await impacts()).compute?.map(({ type, severity }) => ({ type, severity })), [noData], 'not evaluated yet')
    await publish(store, { component: 'compute', location: 'R1' }, 'operational', Date.now())
    await publish(store, { component: 'network', location: 'R1' }, 'no_data', Date.now())
    const now = await impacts()
    assert.deepEqual(now.compute, [])
    assert.deepEqual(now.network?.map(({ type, severity }) => ({ type, severity })), [noData])
  })
})
