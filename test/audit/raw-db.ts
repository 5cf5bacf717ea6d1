/**
 * Direct SQL access to a test store's database, beside the store: to tamper with rows the way
 * an attacker with database access would, and to migrate to a given point.
 *
 * @module
 */
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { SQLITE_FILE, type StoreOptions } from '../../src/store/index.js'

/** A loosely typed Kysely over a test database; `close` when done. */
export type RawDb = Kysely<Record<string, Record<string, unknown>>>

/**
 * Opens the database `options` describe.
 *
 * @example
 * const raw = rawDb(fresh.options); await raw.updateTable('audit_events').set({ actor: 'x' }).execute(); await raw.destroy()
 */
export function rawDb(options: StoreOptions): RawDb {
  if (options.databaseUrl !== undefined) return new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl, max: 2 }) }) })
  return new Kysely({ dialect: new SqliteDialect({ database: new Sqlite(join(options.dataDir, SQLITE_FILE)) }) })
}
