import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { rollupBucket, rollupToJson, type FeedSample, type RollupRecord } from '../../src/records/index.js'
import type { InsertedCursor } from '../../src/store/index.js'
import { DIALECTS, dialectParts, sampleResult, withStore } from './harness.js'

const parts = dialectParts()
const T0 = Date.parse('2025-03-30T00:00:00Z')
const MINUTE = 60_000

function sample(at: number, ok: boolean, durationMs: number): FeedSample {
  return { at, durationMs, ok, countsAgainst: true, vantage: 'local', intervalMs: 30_000, resultId: `r-${at}`, feed: 'c|local' }
}

function minuteOf(start: number, samples: FeedSample[]): RollupRecord {
  return rollupBucket(samples, { from: start, to: start + MINUTE })
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store rollups on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('records round-trip with their histogram, ascending, by bucket start in [from, to)', () =>
      withStore(dialect, async (store) => {
        const records = [0, 1, 2].map((i) => minuteOf(T0 + i * MINUTE, [sample(T0 + i * MINUTE, true, 10 + i), sample(T0 + i * MINUTE + 30_000, i !== 1, 250)]))
        await store.rollups.upsert(
          [...records].reverse().map((record) => ({ scope: 'check' as const, key: 'c', granularity: 'minute' as const, record })),
          T0,
        )
        const read = await store.rollups.between('check', 'c', 'minute', T0, T0 + 2 * MINUTE)
        assert.deepEqual(read.map(rollupToJson), records.slice(0, 2).map(rollupToJson))
        assert.equal(read[1]!.latency.quantile(0.5)! > 10, true)
        assert.deepEqual(await store.rollups.between('check', 'c', 'hour', T0, T0 + 2 * MINUTE), [])
        assert.deepEqual(await store.rollups.between('series', 'c', 'minute', T0, T0 + 2 * MINUTE), [])
      }))

    test('upsert replaces the record of the same bucket', () =>
      withStore(dialect, async (store) => {
        const before = minuteOf(T0, [sample(T0, true, 10)])
        const after = minuteOf(T0, [sample(T0, true, 10), sample(T0 + 30_000, false, 1)])
        await store.rollups.upsert([{ scope: 'series', key: 'compute@R1', granularity: 'minute', record: before }], T0)
        await store.rollups.upsert([{ scope: 'series', key: 'compute@R1', granularity: 'minute', record: after }], T0 + 1)
        await store.rollups.upsert([{ scope: 'series', key: 'compute@R1', granularity: 'minute', record: after }], T0 + 2)
        assert.deepEqual((await store.rollups.between('series', 'compute@R1', 'minute', 0, T0 * 2)).map(rollupToJson), [rollupToJson(after)])
      }))

    test('upsert writes large batches', () =>
      withStore(dialect, async (store) => {
        const rows = Array.from({ length: 1_000 }, (_, i) => ({
          scope: 'check' as const,
          key: 'c',
          granularity: 'minute' as const,
          record: minuteOf(T0 + i * MINUTE, [sample(T0 + i * MINUTE, true, 5)]),
        }))
        await store.rollups.upsert(rows, T0)
        assert.equal((await store.rollups.between('check', 'c', 'minute', T0, T0 + 1_000 * MINUTE)).length, 1_000)
      }))

    test('insertedSince pages through results in storing order; the watermark persists', () =>
      withStore(dialect, async (store) => {
        const [check] = await store.checks.sync([{ name: 'a', kind: 'http', displayName: 'a', definition: {} }], T0)
        await store.results.insertBatch(Array.from({ length: 5 }, (_, i) => ({ checkId: check!.id, result: sampleResult(T0 - i * MINUTE) })))
        await store.results.insertBatch([{ checkId: check!.id, result: sampleResult(T0 - 3_600_000) }])
        const seen: string[] = []
        let cursor: InsertedCursor = { insertedAt: Number.MIN_SAFE_INTEGER, id: null }
        for (let page = 0; page < 10; page++) {
          const rows = await store.rollups.insertedSince(cursor, 2)
          if (rows.length === 0) break
          seen.push(...rows.map((row) => row.id))
          cursor = { insertedAt: rows[rows.length - 1]!.insertedAt, id: rows[rows.length - 1]!.id }
        }
        assert.equal(seen.length, 6)
        assert.equal(new Set(seen).size, 6)
        const all = await store.rollups.insertedSince({ insertedAt: Number.MIN_SAFE_INTEGER, id: null }, 10)
        assert.equal(all[5]!.startedAt, T0 - 3_600_000, 'the late result comes last: it was stored last')
        assert.ok(all.every((row, i) => i === 0 || row.insertedAt >= all[i - 1]!.insertedAt))

        assert.equal(await store.rollups.watermark('rollups'), null)
        await store.rollups.setWatermark('rollups', 42, T0)
        await store.rollups.setWatermark('rollups', 43, T0)
        assert.equal(await store.rollups.watermark('rollups'), 43)
      }))
  })
}
