import { freePort } from '../support/ports.js'
import { migrationProvider } from '../../src/store/migrations/index.js'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, StoreUnavailableError } from '../../src/store/index.js'
import { DIALECTS, dialectParts, freshDatabase } from './harness.js'

const parts = dialectParts()

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store migrations on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('migrate applies every migration once and is idempotent', async () => {
      const fresh = await freshDatabase(dialect)
      const store = await openStore(fresh.options)
      try {
        assert.equal(store.dialect, dialect)
        const all = Object.keys(await migrationProvider.getMigrations()).sort()
        assert.ok(all.length >= 2 && all[0] === '2026-11-22-01-foundation')
        assert.deepEqual(await store.status(), { reachable: true, migrationsPending: all.length })
        assert.deepEqual(await store.migrate(), { applied: all })
        assert.deepEqual(await store.migrate(), { applied: [] })
        assert.deepEqual(await store.status(), { reachable: true, migrationsPending: 0 })
      } finally {
        await store.close()
        await fresh.drop()
      }
    })

    test('two stores migrating the same database at once apply each migration exactly once', async () => {
      const fresh = await freshDatabase(dialect)
      const stores = await Promise.all([1, 2, 3].map(() => openStore(fresh.options)))
      try {
        const outcomes = await Promise.all(stores.map((store) => store.migrate()))
        assert.deepEqual(outcomes.flatMap((outcome) => outcome.applied).sort(), Object.keys(await migrationProvider.getMigrations()).sort())
        for (const store of stores) assert.equal((await store.status()).migrationsPending, 0)
        assert.equal((await stores[0]!.checks.list()).length, 0)
      } finally {
        for (const store of stores) await store.close()
        await fresh.drop()
      }
    })
  })
}

describe('StoreUnavailableError', () => {
  test('an unreachable PostgreSQL fails with a one-line message without the password', async () => {
    const port = await freePort()
    const secret = 'canary-s3cret-pw'
    await assert.rejects(openStore({ dataDir: tmpdir(), databaseUrl: `postgres://glasshouse:${secret}@127.0.0.1:${port}/gh` }), (error) => {
      assert.ok(error instanceof StoreUnavailableError)
      assert.equal(error.code, 'STORE_UNAVAILABLE')
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`))
      assert.match(error.message, /\*\*\*/)
      assert.doesNotMatch(error.message, /canary/)
      assert.doesNotMatch(error.message, /\n/)
      return true
    })
  })

  test('a data dir that cannot be created fails with StoreUnavailableError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-store-'))
    try {
      const file = join(dir, 'a-file')
      writeFileSync(file, 'not a directory')
      await assert.rejects(openStore({ dataDir: join(file, 'data') }), (error) => {
        assert.ok(error instanceof StoreUnavailableError)
        assert.match(error.message, /a-file\/data/)
        return true
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a database URL of another scheme is refused', async () => {
    await assert.rejects(openStore({ dataDir: tmpdir(), databaseUrl: 'mysql://root:pw@127.0.0.1/x' }), StoreUnavailableError)
  })
})

describe('StoreUnavailableError on a reachable PostgreSQL', { skip: parts.postgres.available ? false : parts.postgres.skip }, () => {
  test('a database that does not exist fails with StoreUnavailableError', async () => {
    const url = new URL(process.env.GLASSHOUSE_TEST_PG_URL!)
    url.pathname = '/gh_does_not_exist'
    await assert.rejects(openStore({ dataDir: tmpdir(), databaseUrl: url.toString() }), (error) => {
      assert.ok(error instanceof StoreUnavailableError)
      assert.match(error.message, /gh_does_not_exist/)
      return true
    })
  })
})
