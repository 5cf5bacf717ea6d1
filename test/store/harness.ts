/**
 * Test harness for the store suites: a fresh, throw-away database per test on each dialect,
 * and sample probe results.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js'
import { realPart, type RealPart } from '../support/real-part.js'

export { sampleResult } from './sample-result.js'

/** The dialects every store suite runs on. */
export const DIALECTS = ['sqlite', 'postgres'] as const
export type Dialect = (typeof DIALECTS)[number]

/** The admin URL of the test PostgreSQL, when one is provided. */
export const adminUrl = process.env.GLASSHOUSE_TEST_PG_URL

/** Whether each dialect's real part is present (SQLite always is). */
export function dialectParts(): Record<Dialect, RealPart> {
  return {
    sqlite: realPart('store-sqlite', null, ''),
    postgres: realPart('store-postgres', adminUrl ? null : 'GLASSHOUSE_TEST_PG_URL not set', 'bash scripts/test-postgres.sh'),
  }
}

/** A throw-away database: the options to open it, and how to remove it. */
export type FreshDatabase = { options: StoreOptions; drop(): Promise<void> }

let counter = 0

/**
 * Creates an empty database: a temp data dir for SQLite, a new database on the admin server
 * for PostgreSQL (dropped with `WITH (FORCE)`, so leftover connections do not block it).
 */
export async function freshDatabase(dialect: Dialect): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-store-'))
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true })
  if (dialect === 'sqlite') return { options: { dataDir }, drop: async () => removeDir() }
  const name = `gh_test_${process.pid}_${Date.now()}_${counter++}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl!)
  url.pathname = `/${name}`
  return {
    options: { dataDir, databaseUrl: url.toString() },
    async drop() {
      removeDir()
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await client.end()
      }
    },
  }
}

/**
 * Runs `work` against a migrated store on a fresh database, then closes and drops it.
 *
 * @example
 * await withStore('sqlite', async (store) => assert.equal(await store.results.count(), 0))
 */
export async function withStore(
  dialect: Dialect,
  work: (store: Store, fresh: FreshDatabase) => Promise<void>,
): Promise<void> {
  const fresh = await freshDatabase(dialect)
  try {
    const store = await openStore(fresh.options)
    try {
      await store.migrate()
      await work(store, fresh)
    } finally {
      await store.close()
    }
  } finally {
    await fresh.drop()
  }
}
