import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createIncidentService } from '../../src/incidents/index.js'
import { createMarkService } from '../../src/marks/index.js'
import { createRecordsJob } from '../../src/records-job/index.js'
import { availabilityReport } from '../../src/reports/index.js'
import type { Store } from '../../src/store/index.js'
import { settableClock } from '../incidents/support.js'
import { fakeClock, memoryLog } from '../records-job/fixtures.js'
import { tempStore } from '../support/temp-store.js'
import { MINUTE, minuteResults, seedApi, T0 } from './support.js'

const HOUR = 60 * MINUTE
const ALICE = { actor: 'alice', door: 'cli' } as const

/** R1: one result a minute over [T0, T0 + 1 h), minutes 10–19 failed; R2: all passed. */
async function seeded(): Promise<{ store: Store; dispose(): Promise<void> }> {
  const temp = await tempStore()
  const checks = await seedApi(temp.store)
  await minuteResults(temp.store, checks.R1, T0, 60, (minute) => minute >= 10 && minute < 20)
  await minuteResults(temp.store, checks.R2, T0, 60, () => false)
  return temp
}

async function hourReport(store: Store) {
  const report = await availabilityReport(store, { from: T0, to: T0 + HOUR, timeZone: 'UTC', now: T0 + 24 * HOUR }, [])
  const row = (location: string) => report.rows.find((r) => r.location === location)!.measured
  return { r1: row('R1'), r2: row('R2') }
}

describe('the availability report with marks', () => {
  test('marked time counts as excluded: outside the denominator, beside it (hand-computed)', async () => {
    const { store, dispose } = await seeded()
    try {
      const clock = settableClock(T0 + 15 * MINUTE)
      const marks = createMarkService({ store, clock })
      const before = await hourReport(store)
      assert.deepEqual([before.r1.upMs, before.r1.downMs, before.r1.excludedMs, before.r1.availability], [50 * MINUTE, 10 * MINUTE, 0, 50 / 60])
      // Marked [15, 45): 5 down minutes (15–19) and 25 up minutes (20–44) leave the denominator.
      const { id } = await marks.setMark({ component: 'api', location: 'R1', reason: 'probe host uplink lost' }, ALICE)
      clock.set(T0 + 45 * MINUTE)
      await marks.clearMark(id, ALICE)
      const after = await hourReport(store)
      assert.equal(after.r1.upMs, 25 * MINUTE)
      assert.equal(after.r1.downMs, 5 * MINUTE)
      assert.equal(after.r1.excludedMs, 30 * MINUTE)
      assert.equal(after.r1.noDataMs, 0)
      assert.equal(after.r1.maintenanceMs, 0)
      assert.equal(after.r1.availability, 25 / 30)
      assert.equal(after.r1.count, 60, 'results inside the mark are still counted')
      assert.equal(after.r1.failures, 10)
      assert.deepEqual(after.r2, before.r2, 'a mark on R1 leaves R2 alone')
    } finally {
      await dispose()
    }
  })

  test('maintenance stays maintenance inside a mark; a mark on the whole component covers every location', async () => {
    const { store, dispose } = await seeded()
    try {
      const clock = settableClock(T0)
      await createIncidentService({ store, clock }).createMaintenance({ title: 'Upgrade', components: [{ component: 'api', locations: ['R1'] }], start: T0 + 40 * MINUTE, end: T0 + 50 * MINUTE }, { actor: 'alice', door: 'api' })
      await createMarkService({ store, clock }).setMark({ component: 'api', reason: 'probe host uplink lost', from: T0 + 15 * MINUTE, to: T0 + 45 * MINUTE }, ALICE)
      const { r1, r2 } = await hourReport(store)
      // R1: 0–10 up, 10–15 down, 15–40 excluded (marked), 40–50 maintenance, 50–60 up.
      assert.deepEqual([r1.upMs, r1.downMs, r1.excludedMs, r1.maintenanceMs, r1.noDataMs], [20 * MINUTE, 5 * MINUTE, 25 * MINUTE, 10 * MINUTE, 0])
      assert.equal(r1.availability, 20 / 25)
      // R2 (no maintenance): 0–15 and 45–60 up, 15–45 excluded.
      assert.deepEqual([r2.upMs, r2.downMs, r2.excludedMs], [30 * MINUTE, 0, 30 * MINUTE])
      assert.equal(r2.availability, 1)
    } finally {
      await dispose()
    }
  })

  test('an open mark counts until now, and a mark cleared before it began changes nothing', async () => {
    const { store, dispose } = await seeded()
    try {
      const clock = settableClock(T0 + 50 * MINUTE)
      const marks = createMarkService({ store, clock })
      const never = await marks.setMark({ component: 'api', location: 'R1', reason: 'planned', from: T0 + 55 * MINUTE }, ALICE)
      await marks.clearMark(never.id, ALICE)
      assert.equal((await hourReport(store)).r1.excludedMs, 0)
      await marks.setMark({ component: 'api', location: 'R1', reason: 'still broken', from: T0 + 30 * MINUTE }, ALICE)
      const report = await availabilityReport(store, { from: T0, to: T0 + HOUR, timeZone: 'UTC', now: T0 + 50 * MINUTE }, [])
      const r1 = report.rows.find((r) => r.location === 'R1')!.measured
      // Counted until now (50 min): 0–10 up, 10–20 down, 20–30 up, 30–50 excluded.
      assert.deepEqual([r1.upMs, r1.downMs, r1.excludedMs], [20 * MINUTE, 10 * MINUTE, 20 * MINUTE])
    } finally {
      await dispose()
    }
  })
})

describe('a mark on a day the records job has rolled up', () => {
  test('the stored day rollup does not hide the mark: the day is recomputed from raw results', async () => {
    const temp = await tempStore()
    try {
      const { store } = temp
      const checks = await seedApi(store)
      await minuteResults(store, checks.R1, T0, 24 * 60, (minute) => minute >= 600 && minute < 660)
      const now = T0 + 3 * 24 * HOUR
      await createRecordsJob({ store, clock: fakeClock(now), log: memoryLog(), timeZone: 'UTC' }).runNow()
      assert.equal((await store.rollups.between('series', 'api@R1', 'day', T0, T0 + 24 * HOUR)).length, 1, 'the day is rolled up')
      const day = async () => (await availabilityReport(store, { from: T0, to: T0 + 24 * HOUR, timeZone: 'UTC', now }, [])).rows.find((r) => r.location === 'R1')!.measured
      const before = await day()
      assert.deepEqual([before.upMs, before.downMs, before.excludedMs], [23 * HOUR, HOUR, 0])
      // Marked 09:30–10:30: half an hour up and half an hour of the 10:00–11:00 outage leave the denominator.
      await createMarkService({ store, clock: settableClock(now) }).setMark({ component: 'api', location: 'R1', reason: 'probe host uplink lost', from: T0 + 9.5 * HOUR, to: T0 + 10.5 * HOUR }, ALICE)
      const after = await day()
      assert.deepEqual([after.upMs, after.downMs, after.excludedMs, after.noDataMs], [22.5 * HOUR, 0.5 * HOUR, HOUR, 0])
      assert.equal(after.availability, 22.5 / 23)
    } finally {
      await temp.dispose()
    }
  })
})
