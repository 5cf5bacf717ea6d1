import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Database from 'better-sqlite3'
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { SQLITE_FILE, openStore } from '../../src/store/index.js'
import { dialectParts, sampleResult, withStore } from './harness.js'

const parts = dialectParts()
const T0 = 1_763_800_000_000
const BATCH = 250

describe('store backup on sqlite', () => {
  test('a backup taken while batches are being written opens as a consistent copy', () =>
    withStore('sqlite', async (store, fresh) => {
      const [check] = await store.checks.sync([{ name: 'a', kind: 'http', displayName: 'A', definition: {} }], T0)
      const writes: Promise<void>[] = []
      for (let batch = 0; batch < 12; batch++) {
        const rows = Array.from({ length: BATCH }, (_, index) => ({ checkId: check!.id, result: sampleResult(T0 + batch * 10_000 + index) }))
        writes.push(store.results.insertBatch(rows))
        if (batch === 5) writes.push(store.backup(join(fresh.options.dataDir, 'backup.db')))
      }
      await Promise.all(writes)

      const restored = join(fresh.options.dataDir, 'restored')
      mkdirSync(restored)
      const raw = new Database(join(fresh.options.dataDir, 'backup.db'))
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok')
      raw.close()
      copyFileSync(join(fresh.options.dataDir, 'backup.db'), join(restored, SQLITE_FILE))

      const copy = await openStore({ dataDir: restored })
      try {
        assert.deepEqual(await copy.migrate(), { applied: [] })
        const count = await copy.results.count()
        assert.ok(count > 0 && count < 12 * BATCH, `backup holds ${count} results`)
        assert.equal(count % BATCH, 0, 'only whole batches are in the backup')
        const newest = await copy.results.list(check!.id, { limit: 1 })
        assert.deepEqual((await copy.checks.list()).map((row) => row.id), [check!.id])
        assert.equal(newest[0]!.startedAt, T0 + (count / BATCH - 1) * 10_000 + BATCH - 1)
      } finally {
        await copy.close()
        rmSync(restored, { recursive: true, force: true })
      }
      assert.equal(await store.results.count(), 12 * BATCH)
    }))
})

describe('store backup on postgres', { skip: parts.postgres.available ? false : parts.postgres.skip }, () => {
  test('backup refuses and points at pg_dump', () =>
    withStore('postgres', async (store, fresh) => {
      await assert.rejects(store.backup(join(fresh.options.dataDir, 'x.db')), /pg_dump/)
    }))
})
