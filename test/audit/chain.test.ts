import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Migrator } from 'kysely'
import { verifyAuditChain } from '../../src/audit/index.js'
import { newId } from '../../src/core/index.js'
import { openStore, type Store } from '../../src/store/index.js'
import { migrationProvider } from '../../src/store/migrations/index.js'
import { DIALECTS, dialectParts, freshDatabase, withStore } from '../store/harness.js'
import { rawDb } from './raw-db.js'

const T0 = Date.parse('2026-12-07T10:00:00Z')

function appendOne(store: Store, n: number, actor = 'oncall'): Promise<unknown> {
  return store.writeDeclared((tx) =>
    tx.audit.append({ at: T0 + n, actor, action: 'incident.update', objectType: 'incident', objectId: `i-${n % 3}`, before: { n }, after: { n: n + 1, text: 'a "quoted", line\nbreak' }, door: 'api' }),
  )
}

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`audit chain on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('appends link each entry to its predecessor; verify passes; pages filter in chain order', async () => {
      await withStore(dialect, async (store) => {
        assert.deepEqual(await verifyAuditChain(store.audit), { intact: true, entries: 0, head: { seq: 0, hash: '0'.repeat(64) }, firstSeq: null })
        for (let n = 0; n < 7; n++) await appendOne(store, n, n === 4 ? 'deploy-bot' : 'oncall')
        const all = await store.audit.page({ limit: 100 })
        assert.deepEqual(all.map((event) => event.seq), [1, 2, 3, 4, 5, 6, 7])
        assert.equal(all[0]!.prevHash, '0'.repeat(64))
        for (let i = 1; i < all.length; i++) assert.equal(all[i]!.prevHash, all[i - 1]!.hash)
        const verdict = await verifyAuditChain(store.audit)
        assert.deepEqual(verdict, { intact: true, entries: 7, head: { seq: 7, hash: all[6]!.hash }, firstSeq: 1 })
        assert.deepEqual((await store.audit.page({ actor: 'deploy-bot', limit: 10 })).map((e) => e.seq), [5])
        assert.deepEqual((await store.audit.page({ objectId: 'i-1', limit: 10 })).map((e) => e.seq), [2, 5])
        assert.deepEqual((await store.audit.page({ from: T0 + 2, to: T0 + 4, limit: 10 })).map((e) => e.seq), [3, 4])
        assert.deepEqual((await store.audit.page({ afterSeq: 5, limit: 1 })).map((e) => e.seq), [6])
        assert.equal((await store.audit.list()).length, 7, 'the old read still works')
      })
    })

    test('a row changed directly in SQL is named by verify, with why', async () => {
      await withStore(dialect, async (store, fresh) => {
        for (let n = 0; n < 5; n++) await appendOne(store, n)
        const third = (await store.audit.page({ limit: 10 }))[2]!
        const raw = rawDb(fresh.options)
        try {
          await raw.updateTable('audit_events').set({ actor: 'someone-else' }).where('id', '=', third.id).execute()
          assert.deepEqual(await verifyAuditChain(store.audit), { intact: false, entries: 2, entryId: third.id, seq: 3, reason: 'its content does not match its hash (the entry was changed)' })
        } finally {
          await raw.destroy()
        }
      })
    })

    test('a rehashed entry breaks the next link; a deleted entry leaves a gap; a deleted tail disagrees with the head', async () => {
      await withStore(dialect, async (store, fresh) => {
        for (let n = 0; n < 5; n++) await appendOne(store, n)
        const events = await store.audit.page({ limit: 10 })
        const raw = rawDb(fresh.options)
        try {
          await raw.updateTable('audit_events').set({ hash: 'f'.repeat(64) }).where('id', '=', events[1]!.id).execute()
          const rehashed = await verifyAuditChain(store.audit)
          assert.equal(rehashed.intact, false)
          assert.equal(rehashed.intact === false && rehashed.entryId, events[1]!.id, 'its own hash no longer matches its content')
          await raw.updateTable('audit_events').set({ hash: events[1]!.hash }).where('id', '=', events[1]!.id).execute()
          await raw.deleteFrom('audit_events').where('id', '=', events[2]!.id).execute()
          assert.deepEqual(await verifyAuditChain(store.audit), { intact: false, entries: 2, entryId: events[3]!.id, seq: 4, reason: 'entries 3–3 are missing before this one' })
          await raw.deleteFrom('audit_events').where('seq', '>=', 3).execute()
          const truncated = await verifyAuditChain(store.audit)
          assert.deepEqual(truncated, { intact: false, entries: 2, entryId: null, seq: 5, reason: 'the head records 5 entries but the trail ends at 2 (entries were deleted)' })
        } finally {
          await raw.destroy()
        }
      })
    })

    test('the migration chains entries stored before it, in id order', async () => {
      const fresh = await freshDatabase(dialect)
      const raw = rawDb(fresh.options)
      try {
        const migrated = await new Migrator({ db: raw, provider: migrationProvider }).migrateTo('2026-12-07-16-handbook')
        assert.equal(migrated.error, undefined)
        const ids = [newId(), newId(), newId()]
        for (const [i, id] of ids.entries()) {
          await raw.insertInto('audit_events').values({ id, at: T0 + i, actor: 'alice', action: 'incident.create', object_type: 'incident', object_id: 'x', before: null, after: '{"a":1}', door: 'cli' }).execute()
        }
        const store = await openStore(fresh.options)
        try {
          await store.migrate()
          assert.deepEqual((await store.audit.page({ limit: 10 })).map((e) => [e.seq, e.id]), ids.map((id, i) => [i + 1, id]))
          await appendOne(store, 9)
          assert.deepEqual(await verifyAuditChain(store.audit).then((v) => v.intact && v.entries), 4)
        } finally {
          await store.close()
        }
      } finally {
        await raw.destroy()
        await fresh.drop()
      }
    })
  })
}

describe('audit chain under concurrent writers on postgres', { skip: parts.postgres.available ? false : parts.postgres.skip }, () => {
  test('two servers appending at once keep one chain', async () => {
    const fresh = await freshDatabase('postgres')
    const stores = await Promise.all([1, 2].map(() => openStore(fresh.options)))
    try {
      await stores[0]!.migrate()
      await Promise.all(stores.flatMap((store, s) => Array.from({ length: 25 }, (_, n) => appendOne(store, s * 100 + n))))
      const verdict = await verifyAuditChain(stores[1]!.audit)
      assert.equal(verdict.intact, true, JSON.stringify(verdict))
      assert.equal(verdict.intact && verdict.entries, 50)
    } finally {
      for (const store of stores) await store.close()
      await fresh.drop()
    }
  })
})
