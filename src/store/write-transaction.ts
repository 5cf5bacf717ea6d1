/**
 * One way to run a Kysely write transaction on either dialect. On SQLite it takes the store's
 * write mutex and `BEGIN IMMEDIATE` (a deferred transaction that reads first and writes later
 * can fail with SQLITE_BUSY when another process wrote in between); on PostgreSQL it is a plain
 * Kysely transaction.
 *
 * @module
 */
import type { Database as SqliteDatabase } from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Mutex } from './mutex.js'
import type { Database } from './schema.js'
import { beginImmediate, rollbackQuietly } from './sqlite-connection.js'

/** Runs `work` in one transaction and returns its value. */
export type WriteTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>

/**
 * The SQLite flavour: `raw` must be the connection Kysely uses.
 *
 * @example
 * const write = sqliteWriteTransaction(db, raw, mutex)
 * await write((trx) => trx.deleteFrom('components').execute())
 */
export function sqliteWriteTransaction(db: Kysely<Database>, raw: SqliteDatabase, mutex: Mutex): WriteTransaction {
  return (work) =>
    mutex.run(() =>
      db.connection().execute(async (connection) => {
        await beginImmediate(raw)
        try {
          const value = await work(connection)
          raw.exec('COMMIT')
          return value
        } catch (error) {
          rollbackQuietly(raw)
          throw error
        }
      }),
    )
}

/**
 * The PostgreSQL flavour.
 *
 * @example
 * const write = postgresWriteTransaction(db)
 */
export function postgresWriteTransaction(db: Kysely<Database>): WriteTransaction {
  return (work) => db.transaction().execute(work)
}
