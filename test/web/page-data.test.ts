import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createStatusReader } from '../../src/status/index.js'
import { createPageDataReader } from '../../src/web/index.js'
import { COMPONENTS, OPERATOR, serviceOver, settableClock, T0 } from '../incidents/support.js'
import { tempStore } from '../support/temp-store.js'

const HOUR = 3_600_000

test('a write outdates the cached page data at once; without a write it is kept for its max age', async () => {
  const { store, dispose } = await tempStore()
  try {
    const clock = settableClock(T0)
    const status = createStatusReader({ store, clock })
    const data = createPageDataReader({ store, clock, timeZone: () => 'UTC', writes: () => status.writes() })
    const before = await data.current()
    assert.equal(before.maintenance.length, 0)

    await serviceOver(store, clock).createMaintenance({ title: 'Router upgrade', components: [{ component: 'dns' }], start: T0 + 2 * HOUR, end: T0 + 3 * HOUR }, OPERATOR)
    assert.equal((await data.current()).maintenance.length, 0, 'no write announced: the cached data stands')

    status.changed()
    const after = await data.current()
    assert.deepEqual(
      after.maintenance.map((window) => window.title),
      ['Router upgrade'],
    )
    assert.ok(data.isCurrent(after))
    assert.ok(!data.isCurrent(before))
  } finally {
    await dispose()
  }
})
