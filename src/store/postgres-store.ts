/**
 * The PostgreSQL store: a pg Pool (int8 parsed to numbers) under Kysely, multi-row INSERTs for
 * result batches.
 *
 * @module
 */
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { StoreUnavailableError, describeCause, redactUrl, StoreUnsupportedError } from './errors.js'
import { migrateToLatest, pendingMigrations } from './migrate.js'
import { PostgresResultsWriter } from './postgres-results-writer.js'
import { resultsReader } from './results-reader.js'
import { sharedRepositories } from './repositories.js'
import type { Database } from './schema.js'
import type { Store, StoreLog } from './store.js'
import { postgresWriteTransaction } from './write-transaction.js'

const INT8_OID = 20
const CONNECT_TIMEOUT_MS = 5_000
const STATUS_TIMEOUT_MS = 2_000

/** A type-parser set that returns int8 (bigint, count) as JS numbers; instants and µs fit. */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
}

function passwordOf(url: string): string | null {
  try {
    const password = new URL(url).password
    return password ? decodeURIComponent(password) : null
  } catch {
    return null
  }
}

/**
 * Creates a pg Pool for `url` with the store's settings and checks that it connects.
 * Throws {@link StoreUnavailableError} (password redacted) when it does not.
 *
 * @example
 * const pool = await connectPool('postgres://app:secret@db/glasshouse')
 */
export async function connectPool(url: string, log?: StoreLog): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: pgTypes })
  pool.on('error', (error) => log?.warn({ error: describeCause(error, passwordOf(url)) }, 'idle PostgreSQL connection failed'))
  try {
    await pool.query('select 1')
    return pool
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw new StoreUnavailableError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${describeCause(error, passwordOf(url))}`)
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Opens the PostgreSQL store at `url`.
 *
 * @example
 * const store = await openPostgresStore(process.env.GLASSHOUSE_DATABASE_URL!)
 */
export async function openPostgresStore(url: string, log?: StoreLog): Promise<Store> {
  const pool = await connectPool(url, log)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const write = postgresWriteTransaction(db)
  const batches = new PostgresResultsWriter(pool)
  log?.info({ database: redactUrl(url) }, 'postgres store opened')

  return {
    dialect: 'postgres',
    migrate: () => migrateToLatest(db),
    async status() {
      try {
        return await withTimeout(
          (async () => {
            await sql`select 1`.execute(db)
            return { reachable: true, migrationsPending: await pendingMigrations(db) }
          })(),
          STATUS_TIMEOUT_MS,
        )
      } catch {
        return { reachable: false, migrationsPending: 0 }
      }
    },
    ...sharedRepositories(db, write),
    results: { insertBatch: (rows) => batches.insertBatch(rows), ...resultsReader(db, 'postgres') },
    async backup() {
      throw new StoreUnsupportedError(
        'backup is for SQLite; on PostgreSQL use pg_dump, e.g. pg_dump --format=custom --file=glasshouse.dump "$GLASSHOUSE_DATABASE_URL" (see docs/store.md)',
      )
    },
    close: () => db.destroy(),
  }
}
