import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { LatencyHistogram, type RollupRecord } from '../../src/records/index.js'
import type { RollupBreakdown, RollupBreakdownsRepository, Store } from '../../src/store/index.js'
import { createRollupCache } from '../../src/web/rollup-cache.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const parts = dialectParts()
const T0 = Date.parse('2026-03-29T00:00:00Z')
const DAY = 86_400_000
const MINUTE = 60_000
const KEYS = ['compute@R1', 'compute@R2']

function row(key: string, start: number, upMs: number) {
  const latency = new LatencyHistogram()
  const record: RollupRecord = { bucketStart: start, bucketEnd: start + DAY, count: 1, failures: 0, latency, upMs, downMs: 0, noDataMs: 0, maintenanceMs: 0, excludedMs: 0, availability: 1 }
  return { scope: 'series' as const, key, granularity: 'day' as const, record }
}

function ups(read: Map<string, RollupBreakdown[]>): [string, number[]][] {
  return [...read].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => [key, list.map((item) => item.upMs)])
}

/** Counts the rows each repository call returned, to prove a refresh reads only what changed. */
function counting(store: Store): { store: Pick<Store, 'rollupBreakdowns'>; rows: () => number } {
  let rows = 0
  const count = (read: Map<string, RollupBreakdown[]>) => {
    for (const list of read.values()) rows += list.length
    return read
  }
  const inner = store.rollupBreakdowns
  const rollupBreakdowns: RollupBreakdownsRepository = {
    between: async (...args) => count(await inner.between(...args)),
    changedSince: async (...args) => count(await inner.changedSince(...args)),
  }
  return { store: { rollupBreakdowns }, rows: () => rows }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`rollup cache of the public pages on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('after a full read, a refresh reads only rows stored since the previous read (less the margin) and answers as a full read would', () =>
      withStore(dialect, async (store) => {
        await store.rollups.upsert([row('compute@R1', T0, 1), row('compute@R1', T0 + DAY, 2), row('compute@R2', T0, 3)], T0)
        const counted = counting(store)
        const cache = createRollupCache(counted.store, 'day', { rereadMarginMs: MINUTE })
        const span = [T0, T0 + 3 * DAY] as const
        assert.deepEqual(ups(await cache.read(KEYS, ...span, T0 + 10 * MINUTE)), [['compute@R1', [1, 2]], ['compute@R2', [3]]])
        assert.equal(counted.rows(), 3)

        await store.rollups.upsert([row('compute@R1', T0 + DAY, 20), row('compute@R2', T0 + 2 * DAY, 30)], T0 + 11 * MINUTE)
        const refreshed = await cache.read(KEYS, ...span, T0 + 12 * MINUTE)
        assert.deepEqual(ups(refreshed), [['compute@R1', [1, 20]], ['compute@R2', [3, 30]]])
        assert.deepEqual(ups(refreshed), ups(await store.rollupBreakdowns.between('series', KEYS, 'day', ...span)), 'the same as a full read')
        assert.equal(counted.rows(), 5, 'the refresh read the two changed rows only')

        await store.rollups.upsert([row('compute@R1', T0, 100)], T0 + 12 * MINUTE - 30_000)
        assert.deepEqual(ups(await cache.read(KEYS, ...span, T0 + 13 * MINUTE)).at(0), ['compute@R1', [100, 20]], 'a row stamped before the previous read but within the margin is seen')
      }))

    test('a new span or new series is read in full; so is everything after fullReadEveryMs', () =>
      withStore(dialect, async (store) => {
        await store.rollups.upsert([row('compute@R1', T0, 1), row('compute@R1', T0 + DAY, 2), row('compute@R2', T0, 3)], T0)
        const counted = counting(store)
        const cache = createRollupCache(counted.store, 'day', { rereadMarginMs: MINUTE, fullReadEveryMs: 60 * MINUTE })
        await cache.read(['compute@R1'], T0, T0 + 3 * DAY, T0 + 10 * MINUTE)
        assert.deepEqual(ups(await cache.read(KEYS, T0, T0 + 3 * DAY, T0 + 11 * MINUTE)), [['compute@R1', [1, 2]], ['compute@R2', [3]]])
        assert.deepEqual(ups(await cache.read(KEYS, T0 + DAY, T0 + 3 * DAY, T0 + 12 * MINUTE)), [['compute@R1', [2]]], 'the span moved: days before it are gone')

        await store.rollups.upsert([row('compute@R1', T0 + DAY, 7)], T0)
        assert.deepEqual(ups(await cache.read(KEYS, T0 + DAY, T0 + 3 * DAY, T0 + 20 * MINUTE)), [['compute@R1', [2]]], 'stamped long before the previous read: not seen by a refresh')
        assert.deepEqual(ups(await cache.read(KEYS, T0 + DAY, T0 + 3 * DAY, T0 + 80 * MINUTE)), [['compute@R1', [7]]], 'the periodic full read sees it')
      }))
  })
}
