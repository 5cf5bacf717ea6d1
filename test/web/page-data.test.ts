import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createStatusReader } from '../../src/status/index.js'
import { createPageDataReader } from '../../src/web/index.js'
import type { PageData, PageDataReader } from '../../src/web/page-data.js'
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

test('a timed re-read that finds nothing new keeps the cached page data; one that finds a change does not', async () => {
  const { store, dispose } = await tempStore()
  try {
    const clock = settableClock(T0)
    const status = createStatusReader({ store, clock })
    const data = createPageDataReader({ store, clock, timeZone: () => 'UTC', writes: () => status.writes(), maxAgeMs: 60_000 })
    const first = await data.current()

    clock.set(T0 + 61_000)
    assert.ok(!data.isCurrent(first), 'past its max age')
    assert.equal(await data.current(), first, 'served while the next read runs')
    await settled(data, first)
    assert.ok(data.isCurrent(first), 'the read found nothing new: the same value, current again')
    assert.equal(await data.current(), first)

    await serviceOver(store, clock).createMaintenance({ title: 'Router upgrade', components: [{ component: 'dns' }], start: T0 + 2 * HOUR, end: T0 + 3 * HOUR }, OPERATOR)
    clock.set(T0 + 122_000)
    await data.current()
    const changed = await settled(data, first)
    assert.notEqual(changed, first, 'the read found a new maintenance window')
    assert.deepEqual(changed.maintenance.map((window) => window.title), ['Router upgrade'])
  } finally {
    await dispose()
  }
})

/** Waits until the background read started by `current()` has finished, and returns what it left. */
async function settled(data: PageDataReader, previous: PageData): Promise<PageData> {
  for (let tries = 0; tries < 100; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    const now = await data.current()
    if (now !== previous || data.isCurrent(now)) return now
  }
  throw new Error('the background read did not finish')
}
