/**
 * Ingest benchmark: results per second through `store.results.insertBatch` (batches of 1,000
 * HTTP results, one call with five phases each) against a bare baseline in the same run — a
 * prepared INSERT in one transaction (better-sqlite3) and a multi-row INSERT (pg) of the same,
 * pre-converted rows. Run: `node --import tsx bench/ingest.ts` (PostgreSQL when
 * GLASSHOUSE_TEST_PG_URL is set; see scripts/test-postgres.sh).
 *
 * @module
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { newId } from '../src/core/ids.js'
import { SQLITE_FILE, openStore, type ResultInput, type Store, type StoreOptions } from '../src/store/index.js'
import { sampleResult } from '../test/store/sample-result.js'

const BATCH = 1_000
const BATCHES_PER_ROUND = 8
const ROUNDS = 4
const T0 = 1_763_800_000_000

type Bare = { insert(values: { results: unknown[][]; calls: unknown[][] }): Promise<void>; close(): Promise<void> }

function makeBatch(checkId: string, round: number, batch: number): ResultInput[] {
  const base = T0 + (round * BATCHES_PER_ROUND + batch) * BATCH
  return Array.from({ length: BATCH }, (_, index) => ({ checkId, result: sampleResult(base + index) }))
}

/** The columns the bare baseline fills, in the order of its values (the store adds columns over time). */
const RESULT_COLUMNS =
  '(id, check_id, started_at, duration_us, ok, failure_code, failure_message, failure_condition, steps, conditions, vantage, inserted_at)'

function bareValues(rows: readonly ResultInput[]): { results: unknown[][]; calls: unknown[][] } {
  const results: unknown[][] = []
  const calls: unknown[][] = []
  for (const { checkId, result } of rows) {
    const id = newId()
    results.push([id, checkId, result.startedAt, 12345, 1, null, null, null, JSON.stringify(result.steps), JSON.stringify(result.conditions), 'local', Date.now()])
    for (const [seq, call] of result.calls.entries()) {
      calls.push([id, seq, call.operation, call.status, 12200, call.attempt, call.requestId, 512, 1250, 3400, 5625, 700])
    }
  }
  return { results, calls }
}

function bareSqlite(dataDir: string): Bare {
  const db = new Database(join(dataDir, SQLITE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  const result = db.prepare(`INSERT INTO results ${RESULT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const call = db.prepare('INSERT INTO result_calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const insert = db.transaction((values: { results: unknown[][]; calls: unknown[][] }) => {
    for (const row of values.results) result.run(row)
    for (const row of values.calls) call.run(row)
  })
  return { insert: async (values) => insert(values), close: async () => void db.close() }
}

function multiRow(table: string, rows: readonly unknown[][], columns = ''): { text: string; values: unknown[] } {
  const width = rows[0]!.length
  const tuples = rows.map((_, row) => `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}`).join(',')})`)
  return { text: `INSERT INTO ${table} ${columns} VALUES ${tuples.join(',')}`, values: rows.flat() }
}

function barePostgres(url: string): Bare {
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  return {
    async insert(values) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const results = multiRow('results', values.results, RESULT_COLUMNS)
        await client.query(results.text, results.values)
        const calls = multiRow('result_calls', values.calls)
        await client.query(calls.text, calls.values)
        await client.query('COMMIT')
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}

async function prepared(options: StoreOptions): Promise<{ store: Store; checkId: string }> {
  const store = await openStore(options)
  await store.migrate()
  const [check] = await store.checks.sync([{ name: 'bench', kind: 'http', displayName: 'Bench', definition: {} }], T0)
  return { store, checkId: check!.id }
}

/** Lets pending timers fire, so the loop-delay histogram never sees the bare side's blocking. */
async function settle(): Promise<void> {
  await sleep(20)
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

/**
 * Runs one dialect: alternating rounds of store and bare batches; returns results/s of each and
 * the event-loop delay (p99, max) while the store wrote. On a busy machine the delay includes
 * time the OS did not schedule the process, so it is an upper bound on what the store blocks.
 */
async function benchDialect(
  storeOptions: StoreOptions,
  bareOptions: StoreOptions,
  openBare: () => Bare,
): Promise<{ store: number; bare: number; p99StallMs: number; maxStallMs: number }> {
  const { store, checkId } = await prepared(storeOptions)
  const bareSide = await prepared(bareOptions)
  await bareSide.store.close()
  const bare = openBare()
  const loop = monitorEventLoopDelay({ resolution: 1 })
  let storeMs = 0
  let bareMs = 0
  try {
    await store.results.insertBatch(makeBatch(checkId, -1, 0))
    await bare.insert(bareValues(makeBatch(bareSide.checkId, -1, 0)))
    for (let round = 0; round < ROUNDS; round++) {
      const batches = Array.from({ length: BATCHES_PER_ROUND }, (_, batch) => makeBatch(checkId, round, batch))
      const values = Array.from({ length: BATCHES_PER_ROUND }, (_, batch) => bareValues(makeBatch(bareSide.checkId, round, batch)))
      await settle()
      loop.enable()
      storeMs += await timed(async () => {
        for (const batch of batches) await store.results.insertBatch(batch)
      })
      await settle()
      loop.disable()
      bareMs += await timed(async () => {
        for (const value of values) await bare.insert(value)
      })
    }
  } finally {
    await store.close()
    await bare.close()
  }
  const rows = ROUNDS * BATCHES_PER_ROUND * BATCH
  return { store: (rows / storeMs) * 1000, bare: (rows / bareMs) * 1000, p99StallMs: loop.percentile(99) / 1e6, maxStallMs: loop.max / 1e6 }
}

async function pgDatabase(adminUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

/**
 * Measures ingest on SQLite (always) and PostgreSQL (with GLASSHOUSE_TEST_PG_URL): results/s
 * through the store, through the bare baseline, their ratio, and the longest event-loop stall
 * seen while the store wrote.
 *
 * @example
 * const numbers = await benchIngest() // { sqliteStorePerSecond: 61000, sqliteRatio: 0.8, … }
 */
export async function benchIngest(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-bench-'))
  const numbers: Record<string, number> = {}
  try {
    const storeDir = join(dir, 'store')
    const bareDir = join(dir, 'bare')
    const sqlite = await benchDialect({ dataDir: storeDir }, { dataDir: bareDir }, () => bareSqlite(bareDir))
    Object.assign(numbers, {
      sqliteStorePerSecond: sqlite.store,
      sqliteBarePerSecond: sqlite.bare,
      sqliteRatio: sqlite.store / sqlite.bare,
      sqliteP99LoopDelayMs: sqlite.p99StallMs,
      sqliteMaxLoopDelayMs: sqlite.maxStallMs,
    })
    const adminUrl = process.env.GLASSHOUSE_TEST_PG_URL
    if (adminUrl) {
      const tag = `${process.pid}_${Date.now()}`
      const storeDb = await pgDatabase(adminUrl, `gh_bench_store_${tag}`)
      const bareDb = await pgDatabase(adminUrl, `gh_bench_bare_${tag}`)
      try {
        const postgres = await benchDialect({ dataDir: dir, databaseUrl: storeDb.url }, { dataDir: dir, databaseUrl: bareDb.url }, () =>
          barePostgres(bareDb.url),
        )
        Object.assign(numbers, {
          postgresStorePerSecond: postgres.store,
          postgresBarePerSecond: postgres.bare,
          postgresRatio: postgres.store / postgres.bare,
          postgresP99LoopDelayMs: postgres.p99StallMs,
          postgresMaxLoopDelayMs: postgres.maxStallMs,
        })
      } finally {
        await storeDb.drop()
        await bareDb.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return numbers
}

/**
 * Renders {@link benchIngest}'s numbers as a table (used by `npm run bench`).
 *
 * @example
 * process.stdout.write(formatIngest(await benchIngest()))
 */
export function formatIngest(numbers: Record<string, number>): string {
  const lines = ['dialect    store results/s   bare results/s   ratio   loop delay p99 / max']
  for (const dialect of ['sqlite', 'postgres']) {
    const perSecond = numbers[`${dialect}StorePerSecond`]
    if (perSecond === undefined) {
      lines.push(`${dialect.padEnd(10)} skipped (set GLASSHOUSE_TEST_PG_URL: eval "$(bash scripts/test-postgres.sh)")`)
      continue
    }
    const bare = numbers[`${dialect}BarePerSecond`]!
    const ratio = numbers[`${dialect}Ratio`]!
    const p99 = numbers[`${dialect}P99LoopDelayMs`]!
    const max = numbers[`${dialect}MaxLoopDelayMs`]!
    lines.push(
      `${dialect.padEnd(10)} ${Math.round(perSecond).toString().padStart(15)}   ${Math.round(bare).toString().padStart(14)}   ${ratio.toFixed(2).padStart(5)}   ${p99.toFixed(1).padStart(8)} / ${max.toFixed(1)} ms`,
    )
  }
  return `${lines.join('\n')}\n`
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(formatIngest(await benchIngest()))
