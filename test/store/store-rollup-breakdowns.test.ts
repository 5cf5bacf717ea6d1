import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { LatencyHistogram, type RollupRecord } from '../../src/records/index.js'
import { DIALECTS, dialectParts, withStore } from './harness.js'

const parts = dialectParts()
const T0 = Date.parse('2026-03-29T00:00:00Z')
const DAY = 86_400_000

function day(start: number, fields: Partial<RollupRecord>): RollupRecord {
  const latency = new LatencyHistogram()
  latency.add(42)
  return { bucketStart: start, bucketEnd: start + DAY, count: 3, failures: 1, latency, upMs: 0, downMs: 0, noDataMs: 0, maintenanceMs: 0, excludedMs: 0, availability: null, ...fields }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store rollup breakdowns on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('the time fields of one key and granularity, ascending, by bucket start in [from, to)', () =>
      withStore(dialect, async (store) => {
        const records = [
          day(T0, { upMs: DAY - 1_000.5, downMs: 1_000.5, availability: 0.99 }),
          day(T0 + DAY, { upMs: 1, noDataMs: 2, maintenanceMs: 3, excludedMs: DAY - 6, downMs: 0 }),
          day(T0 + 2 * DAY, { noDataMs: DAY }),
        ]
        await store.rollups.upsert(
          [...records].reverse().map((record) => ({ scope: 'series' as const, key: 'compute@R1', granularity: 'day' as const, record })),
          T0,
        )
        await store.rollups.upsert([{ scope: 'series', key: 'compute@R2', granularity: 'day', record: day(T0, { upMs: DAY }) }], T0)
        await store.rollups.upsert([{ scope: 'check', key: 'compute@R1', granularity: 'day', record: day(T0, { upMs: DAY }) }], T0)
        const read = await store.rollupBreakdowns.between('series', ['compute@R1', 'compute@R9'], 'day', T0, T0 + 2 * DAY)
        assert.deepEqual([...read.keys()], ['compute@R1'], 'a key without rollups is missing; other keys and scopes are not read')
        assert.deepEqual(read.get('compute@R1'), [
          { bucketStart: T0, bucketEnd: T0 + DAY, upMs: DAY - 1_000.5, downMs: 1_000.5, noDataMs: 0, maintenanceMs: 0, excludedMs: 0 },
          { bucketStart: T0 + DAY, bucketEnd: T0 + 2 * DAY, upMs: 1, downMs: 0, noDataMs: 2, maintenanceMs: 3, excludedMs: DAY - 6 },
        ])
        assert.equal((await store.rollupBreakdowns.between('series', ['compute@R1'], 'hour', T0, T0 + 2 * DAY)).size, 0)
        const both = await store.rollupBreakdowns.between('series', ['compute@R2', 'compute@R1'], 'day', 0, T0 * 2)
        assert.deepEqual([...both].map(([key, list]) => [key, list.length]), [['compute@R1', 3], ['compute@R2', 1]])
      }))

    test('changedSince reads only the rows stored at or after a time', () =>
      withStore(dialect, async (store) => {
        const row = (key: string, start: number, upMs: number) => ({ scope: 'series' as const, key, granularity: 'day' as const, record: day(start, { upMs }) })
        await store.rollups.upsert([row('compute@R1', T0, 1), row('compute@R1', T0 + DAY, 2), row('compute@R2', T0, 3)], T0)
        await store.rollups.upsert([row('compute@R1', T0 + DAY, 5)], T0 + 10_000)
        const changed = await store.rollupBreakdowns.changedSince('series', ['compute@R1', 'compute@R2'], 'day', 0, T0 * 2, T0 + 5_000)
        assert.deepEqual([...changed].map(([key, list]) => [key, list.map((item) => item.upMs)]), [['compute@R1', [5]]])
        const all = await store.rollupBreakdowns.changedSince('series', ['compute@R1', 'compute@R2'], 'day', 0, T0 * 2, T0)
        assert.deepEqual([...all].map(([key, list]) => [key, list.length]), [['compute@R1', 2], ['compute@R2', 1]])
      }))
  })
}
