/**
 * The SQLite store: one Kysely connection for reads and small writes, one dedicated connection
 * for result batches and backups, a write mutex over both, checkpoints in a worker thread.
 *
 * @module
 */
import type { Database as SqliteDatabase } from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { accessSync, constants, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { StoreUnavailableError, describeCause } from './errors.js'
import { migrateToLatest, pendingMigrations } from './migrate.js'
import { Mutex } from './mutex.js'
import { resultsReader } from './results-reader.js'
import { sharedRepositories } from './repositories.js'
import type { Database } from './schema.js'
import { SqliteCheckpointer, WAL_RESTART_BYTES } from './sqlite-checkpointer.js'
import { BUSY_TIMEOUT_MS, beginImmediate, openSqlite, rollbackQuietly } from './sqlite-connection.js'
import { SqliteResultsWriter } from './sqlite-results-writer.js'
import type { Store, StoreLog } from './store.js'
import { sqliteWriteTransaction } from './write-transaction.js'

/** The database file name inside the data directory. */
export const SQLITE_FILE = 'glasshouse.db'

const BACKUP_PAGES_PER_STEP = 500

function openConnections(dataDir: string): { file: string; main: SqliteDatabase; writer: SqliteDatabase } {
  const file = join(dataDir, SQLITE_FILE)
  try {
    mkdirSync(dataDir, { recursive: true })
    accessSync(dataDir, constants.W_OK)
  } catch (error) {
    throw new StoreUnavailableError(`data dir ${dataDir} is not writable: ${describeCause(error, null)}`, { cause: error })
  }
  let main: SqliteDatabase | undefined
  try {
    main = openSqlite(file, { busyTimeoutMs: BUSY_TIMEOUT_MS })
    const writer = openSqlite(file, { busyTimeoutMs: 0 })
    return { file, main, writer }
  } catch (error) {
    main?.close()
    throw new StoreUnavailableError(`cannot open SQLite database ${file}: ${describeCause(error, null)}`, { cause: error })
  }
}

/**
 * Opens (creating when missing) `<dataDir>/glasshouse.db`.
 *
 * @example
 * const store = await openSqliteStore('/var/lib/glasshouse')
 */
export async function openSqliteStore(dataDir: string, log?: StoreLog): Promise<Store> {
  const { file, main, writer } = openConnections(dataDir)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: main }) })
  const mutex = new Mutex()
  const write = sqliteWriteTransaction(db, main, mutex)
  const batches = new SqliteResultsWriter(writer)
  const checkpointer = new SqliteCheckpointer(file, (error) => log?.warn({ err: error }, 'sqlite checkpoint thread failed'))
  const reader = resultsReader(db, 'sqlite')
  log?.info({ file }, 'sqlite store opened')

  return {
    dialect: 'sqlite',
    migrate: () =>
      mutex.run(async () => {
        await beginImmediate(main)
        try {
          const outcome = await migrateToLatest(db)
          main.exec('COMMIT')
          return outcome
        } catch (error) {
          rollbackQuietly(main)
          throw error
        }
      }),
    async status() {
      try {
        await sql`select 1`.execute(db)
        return { reachable: true, migrationsPending: await pendingMigrations(db) }
      } catch {
        return { reachable: false, migrationsPending: 0 }
      }
    },
    ...sharedRepositories(db, write),
    results: {
      insertBatch: async (rows) => {
        await mutex.run(() => batches.insertBatch(rows))
        if (checkpointer.walBytes() < WAL_RESTART_BYTES) checkpointer.passive()
        else mutex.run(() => checkpointer.restart()).catch((error) => log?.warn({ err: error }, 'sqlite checkpoint failed'))
      },
      ...reader,
    },
    backup: (target) =>
      mutex.run(async () => {
        await writer.backup(target, { progress: () => BACKUP_PAGES_PER_STEP })
      }),
    async close() {
      await mutex.run(async () => {
        await checkpointer.close()
        writer.close()
        await db.destroy()
      })
    },
  }
}
