import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigSchema } from '../../src/config/index.js'
import { bucketOf, dayBuckets, rollupBucket, rollupToJson } from '../../src/records/index.js'
import { catchUp, createRecordsJob, feedSampleOf } from '../../src/records-job/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import type { Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { fakeClock, memoryLog, outcome, seed } from './fixtures.js'

const parts = dialectParts()
const MINUTE = 60_000
const HOUR = 3_600_000
const NOW = Date.parse('2025-04-01T00:00:00Z')
const OPERATOR = { actor: 'alice', door: 'api' } as const

async function measure(store: Store, checkId: string, from: number, to: number, intervalMs: number, fails: (at: number) => boolean): Promise<void> {
  const rows = []
  for (let at = from; at < to; at += intervalMs) rows.push({ checkId, result: outcome(at, !fails(at)) })
  await store.results.insertBatch(rows)
}

async function fromScratch(store: Store, checkId: string, intervalMs: number, bucket: { from: number; to: number }, maintenance: { from: number; to: number }[] = []) {
  const rows = await store.results.outcomesBetween([checkId], 0, NOW * 2)
  return rollupToJson(rollupBucket(rows.map((row) => feedSampleOf(row, intervalMs)), bucket, { maintenance }))
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`records settings on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('config records.timeZone makes 23-hour DST days; changing the zone rebuilds the days; reruns change nothing', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [{ check: 'api', intervalSeconds: 300, component: 'compute', location: 'R1' }])
        const api = ids.get('api')!
        const noon = Date.parse('2025-03-30T12:00:00Z')
        await measure(store, api, noon - 40 * HOUR, noon + 40 * HOUR, 5 * MINUTE, (at) => at % (3 * HOUR) === 0)
        const { records } = ConfigSchema.parse({ records: { timeZone: 'Europe/Berlin' } })
        await catchUp(store, { timeZone: 'UTC', clock: fakeClock(NOW) })
        const utcDay = bucketOf('day', noon, 'UTC')
        assert.equal((await store.rollups.between('series', 'compute@R1', 'day', utcDay.start, utcDay.end))[0]?.bucketEnd, utcDay.end)

        const job = createRecordsJob({ store, clock: fakeClock(NOW), log: memoryLog(), timeZone: records.timeZone, settleMs: 0 })
        const rebuilt = await job.runNow()
        assert.ok(rebuilt.days >= 6, `days rebuilt for both keys: ${JSON.stringify(rebuilt)}`)
        assert.equal(await store.rollups.dayZone(), 'Europe/Berlin')
        const day = bucketOf('day', noon, records.timeZone)
        assert.equal(day.end - day.start, 23 * HOUR)
        for (const key of [['series', 'compute@R1'], ['check', api]] as const) {
          const days = await store.rollups.between(key[0], key[1], 'day', 0, NOW)
          const berlin = new Set(dayBuckets(noon - 40 * HOUR, noon + 40 * HOUR, records.timeZone).map((d) => d.start))
          assert.ok(days.every((record) => berlin.has(record.bucketStart)), 'no UTC day is left over the rebuilt time')
          const [record] = days.filter((record) => record.bucketStart === day.start)
          assert.deepEqual(rollupToJson(record!), await fromScratch(store, api, 5 * MINUTE, { from: day.start, to: day.end }))
        }
        const before = await store.rollups.between('series', 'compute@R1', 'day', 0, NOW)
        assert.deepEqual(await job.runNow(), { results: 0, minutes: 0, hours: 0, days: 0 }, 'a rerun finds nothing to do')
        assert.deepEqual((await store.rollups.between('series', 'compute@R1', 'day', 0, NOW)).map(rollupToJson), before.map(rollupToJson))
      }))

    test('maintenance declared after the fact is counted apart in series rollups, not in check rollups', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [
          { check: 'api', intervalSeconds: 60, component: 'compute', location: 'R1' },
          { check: 'api2', intervalSeconds: 60, component: 'compute', location: 'R2' },
        ])
        const api = ids.get('api')!
        const start = Date.parse('2025-03-10T10:00:00Z')
        await measure(store, api, start, start + HOUR, MINUTE, (at) => at >= start + 10 * MINUTE && at < start + 30 * MINUTE)
        await measure(store, ids.get('api2')!, start, start + HOUR, MINUTE, () => false)
        const clock = fakeClock(NOW)
        const job = createRecordsJob({ store, clock, log: memoryLog(), settleMs: 0 })
        await job.runNow()
        const [beforeHour] = await store.rollups.between('series', 'compute@R1', 'hour', start, start + HOUR)
        assert.equal(beforeHour!.maintenanceMs, 0)
        assert.equal(beforeHour!.downMs, 20 * MINUTE)

        const window = { from: start + 10 * MINUTE, to: start + 25 * MINUTE }
        const service = createIncidentService({ store, clock })
        await service.createMaintenance({ title: 'Upgrade', components: [{ component: 'compute', locations: ['R1'] }], start: window.from, end: window.to }, OPERATOR)
        const pass = await job.runNow()
        assert.ok(pass.minutes >= 15 && pass.hours === 1 && pass.days === 1, JSON.stringify(pass))
        const [hour] = await store.rollups.between('series', 'compute@R1', 'hour', start, start + HOUR)
        assert.equal(hour!.maintenanceMs, 15 * MINUTE)
        assert.equal(hour!.downMs, 5 * MINUTE)
        assert.equal(hour!.availability, 40 / 45, 'maintenance is outside the denominator')
        assert.deepEqual(rollupToJson(hour!), await fromScratch(store, api, MINUTE, { from: start, to: start + HOUR }, [window]))
        const day = bucketOf('day', start)
        const [dayRecord] = await store.rollups.between('series', 'compute@R1', 'day', day.start, day.end)
        assert.equal(dayRecord!.maintenanceMs, 15 * MINUTE)
        const [checkHour] = await store.rollups.between('check', api, 'hour', start, start + HOUR)
        assert.equal(checkHour!.maintenanceMs, 0, 'a check is measured; maintenance belongs to the series')
        const [other] = await store.rollups.between('series', 'compute@R2', 'hour', start, start + HOUR)
        assert.equal(other!.maintenanceMs, 0, 'R2 is not in the window')
        assert.deepEqual((await job.runNow()).minutes, 0, 'the change is processed once')
      }))

    test('a backfill creates no minute records older than the minute retention', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [{ check: 'api', intervalSeconds: 600, component: 'compute', location: 'R1' }])
        await measure(store, ids.get('api')!, NOW - 40 * 24 * HOUR, NOW, 10 * MINUTE, () => false)
        const pass = await catchUp(store, { clock: fakeClock(NOW) })
        assert.equal(pass.results, 40 * 144)
        const minutes = await store.rollups.between('series', 'compute@R1', 'minute', 0, NOW)
        assert.ok(minutes.length > 0 && minutes.every((record) => record.bucketStart >= NOW - 30 * 24 * HOUR))
        assert.equal((await store.rollups.between('series', 'compute@R1', 'hour', 0, NOW)).length, 40 * 24)
        assert.equal((await store.rollups.between('series', 'compute@R1', 'day', 0, NOW)).length, 40)
      }))
  })
}
