import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  bucketOf,
  bucketsBetween,
  mergeRollups,
  rollupBucket,
  rollupToJson,
  type Granularity,
  type RollupRecordJson,
} from '../../src/records/index.js'
import { createRecordsJob, feedSampleOf, type RecordsJob } from '../../src/records-job/index.js'
import type { RollupScope, Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { fakeClock, memoryLog, outcome, seed } from './fixtures.js'

const parts = dialectParts()
const MINUTE = 60_000
const HOUR = 3_600_000
const FAR = { from: Date.parse('2000-01-01T00:00:00Z'), to: Date.parse('2100-01-01T00:00:00Z') }

type Stored = Exclude<Granularity, 'month'>

function job(store: Store, timeZone = 'UTC'): RecordsJob {
  return createRecordsJob({ store, clock: fakeClock(Date.parse('2025-04-01T00:00:00Z')), log: memoryLog(), timeZone, settleMs: 0 })
}

async function stored(store: Store, scope: RollupScope, key: string, granularity: Stored): Promise<RollupRecordJson[]> {
  return (await store.rollups.between(scope, key, granularity, FAR.from, FAR.to)).map(rollupToJson)
}

async function everything(store: Store, keys: readonly [RollupScope, string][]): Promise<unknown> {
  const all: Record<string, RollupRecordJson[]> = {}
  for (const [scope, key] of keys) for (const granularity of ['minute', 'hour', 'day'] as const) all[`${scope}/${key}/${granularity}`] = await stored(store, scope, key, granularity)
  return all
}

/** The record of one bucket computed from scratch from every stored result of `checkIds`. */
async function fromScratch(store: Store, checkIds: string[], intervalMs: number, bucket: { from: number; to: number }): Promise<RollupRecordJson> {
  const rows = await store.results.outcomesBetween(checkIds, FAR.from, FAR.to)
  return rollupToJson(rollupBucket(rows.map((row) => feedSampleOf(row, intervalMs)), bucket))
}

/** One result per `intervalMs` in [from, to); `fails(at)` says which failed, null which are missing. */
async function measure(
  store: Store,
  checkId: string,
  from: number,
  to: number,
  intervalMs: number,
  fails: (at: number) => boolean | null,
): Promise<void> {
  const rows = []
  for (let at = from; at < to; at += intervalMs) {
    const failed = fails(at)
    if (failed !== null) rows.push({ checkId, result: outcome(at, !failed, 10 + ((at / intervalMs) % 7) * 30) })
  }
  await store.results.insertBatch(rows)
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`records job on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('idempotent: a second run, and a restarted job, change nothing', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [{ check: 'api', intervalSeconds: 30, component: 'compute', location: 'R1' }])
        const api = ids.get('api')!
        const start = Date.parse('2025-03-10T10:50:00Z')
        await measure(store, api, start, start + 20 * MINUTE, 30_000, (at) => at % (7 * 30_000) === 0)
        const first = await job(store).runNow()
        assert.equal(first.results, 40)
        assert.ok(first.minutes >= 20 && first.hours === 4 && first.days === 2, JSON.stringify(first))
        const keys: [RollupScope, string][] = [['check', api], ['series', 'compute@R1']]
        const before = await everything(store, keys)
        const again = await job(store).runNow()
        assert.equal(again.results, 0, 'nothing stored since the watermark')
        const settled = await createRecordsJob({ store, clock: fakeClock(0), log: memoryLog(), settleMs: 3_600_000 }).runNow()
        assert.equal(settled.results, 40, 'a settle window reads the same results again')
        assert.deepEqual(await everything(store, keys), before)
      }))

    test('a late result recomputes its minute, hour and day; hours equal merged minutes', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [{ check: 'api', intervalSeconds: 60, component: 'compute', location: 'R1' }])
        const api = ids.get('api')!
        const start = Date.parse('2025-03-10T09:00:00Z')
        const gap = start + 75 * MINUTE
        await measure(store, api, start, start + 3 * HOUR, MINUTE, (at) => (at === gap ? null : at === start + 10 * MINUTE))
        const records = job(store)
        await records.runNow()
        const hourOfGap = bucketOf('hour', gap)
        const beforeHour = await stored(store, 'check', api, 'hour')

        const late = gap + 20_000
        await store.results.insertBatch([{ checkId: api, result: outcome(late, false) }])
        const pass = await records.runNow()
        assert.equal(pass.results, 1)
        assert.deepEqual(pass, { results: 1, minutes: 4, hours: 2, days: 2 }, 'one check and one series: 2 minutes, 1 hour and 1 day each')

        for (const [scope, key] of [['check', api], ['series', 'compute@R1']] as const) {
          const minute = bucketOf('minute', late)
          const [stale] = await store.rollups.between(scope, key, 'minute', minute.start, minute.end)
          assert.deepEqual(rollupToJson(stale!), await fromScratch(store, [api], MINUTE, { from: minute.start, to: minute.end }))
          assert.equal(stale!.failures, 1)
          for (const granularity of ['hour', 'day'] as const) {
            const bucket = bucketOf(granularity, late)
            const [record] = await store.rollups.between(scope, key, granularity, bucket.start, bucket.end)
            assert.deepEqual(rollupToJson(record!), await fromScratch(store, [api], MINUTE, { from: bucket.start, to: bucket.end }), `${scope} ${granularity}`)
          }
          for (const hour of bucketsBetween('hour', start, start + 3 * HOUR)) {
            const minutes = await store.rollups.between(scope, key, 'minute', hour.start, hour.end)
            const [record] = await store.rollups.between(scope, key, 'hour', hour.start, hour.end)
            assert.deepEqual(rollupToJson(record!), rollupToJson(mergeRollups(minutes, { from: hour.start, to: hour.end })))
          }
        }
        const afterHour = await stored(store, 'check', api, 'hour')
        assert.notDeepEqual(afterHour.find((h) => h.bucketStart === hourOfGap.start), beforeHour.find((h) => h.bucketStart === hourOfGap.start))
        assert.deepEqual(
          afterHour.filter((h) => h.bucketStart !== hourOfGap.start),
          beforeHour.filter((h) => h.bucketStart !== hourOfGap.start),
          'other hours untouched',
        )
      }))

    test('a series fed by two checks is rolled up over both', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [
          { check: 'api', intervalSeconds: 60, component: 'compute', location: 'R1' },
          { check: 'ping', intervalSeconds: 60, component: 'compute', location: 'R1' },
        ])
        const start = Date.parse('2025-03-10T09:00:00Z')
        await measure(store, ids.get('api')!, start, start + 30 * MINUTE, MINUTE, (at) => at >= start + 10 * MINUTE && at < start + 15 * MINUTE)
        await measure(store, ids.get('ping')!, start + 20 * MINUTE, start + 40 * MINUTE, MINUTE, () => false)
        await job(store).runNow()
        const hour = bucketOf('hour', start)
        const [record] = await store.rollups.between('series', 'compute@R1', 'hour', hour.start, hour.end)
        assert.deepEqual(rollupToJson(record!), await fromScratch(store, [...ids.values()], MINUTE, { from: hour.start, to: hour.end }))
        assert.equal(record!.count, 50)
        assert.equal(record!.downMs, 5 * MINUTE)
      }))

    for (const [zone, date, hours] of [
      ['Europe/Berlin', '2025-03-30', 23],
      ['Europe/Berlin', '2025-10-26', 25],
      ['Asia/Kolkata', '2025-03-30', 24],
    ] as const) {
      test(`calendar days in ${zone}: ${date} is ${hours} hours`, () =>
        withStore(dialect, async (store) => {
          const ids = await seed(store, [{ check: 'api', intervalSeconds: 300, component: 'compute', location: 'R1' }])
          const api = ids.get('api')!
          const noon = Date.parse(`${date}T12:00:00Z`)
          await measure(store, api, noon - 16 * HOUR, noon + 16 * HOUR, 5 * MINUTE, (at) => at % (3 * HOUR) === 0)
          await job(store, zone).runNow()
          const day = bucketOf('day', noon, zone)
          assert.equal(day.label, date)
          assert.equal(day.end - day.start, hours * HOUR)
          const [record] = await store.rollups.between('series', 'compute@R1', 'day', day.start, day.end)
          assert.equal(record!.bucketEnd - record!.bucketStart, hours * HOUR)
          const { upMs, downMs, noDataMs, maintenanceMs, excludedMs } = record!
          assert.equal(upMs + downMs + noDataMs + maintenanceMs + excludedMs, hours * HOUR)
          assert.deepEqual(rollupToJson(record!), await fromScratch(store, [api], 5 * MINUTE, { from: day.start, to: day.end }))
        }))
    }
  })
}
