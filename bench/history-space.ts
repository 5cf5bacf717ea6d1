/**
 * Throw-away databases for the history benchmark and the disk check before it: a fresh
 * PostgreSQL database per run (dropped afterwards), the bytes a stored result costs (measured on
 * a small sample of the same workload, rollups included), and the free space where the data goes.
 *
 * @module
 */
import { readdirSync, statSync, statfsSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'

/** A fresh PostgreSQL database. */
export interface ScratchDatabase {
  url: string
  /** Bytes the database takes now (`pg_database_size`). */
  size(): Promise<number>
  /** Where the server keeps its files, when the server says (superuser), else null. */
  dataDirectory(): Promise<string | null>
  drop(): Promise<void>
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Creates database `name` on the server of `adminUrl` (a URL to its `postgres` database).
 *
 * @example
 * const db = await scratchDatabase(process.env.GLASSHOUSE_TEST_PG_URL!, `gh_hist_${process.pid}`)
 * try { … openStore({ dataDir, databaseUrl: db.url }) … } finally { await db.drop() }
 */
export async function scratchDatabase(adminUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`)
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    size: () => withClient(adminUrl, async (client) => Number((await client.query(`SELECT pg_database_size('${name}') AS bytes`)).rows[0].bytes)),
    dataDirectory: () =>
      withClient(adminUrl, async (client) => {
        try {
          return String((await client.query('SHOW data_directory')).rows[0].data_directory)
        } catch {
          return null
        }
      }),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}

/**
 * Bytes of every file under `dir` (the SQLite file, its WAL and shared memory).
 *
 * @example
 * directoryBytes('/tmp/gh-hist-x') // 1_234_567
 */
export function directoryBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size
  }
  return total
}

/**
 * Bytes free for an unprivileged writer on the file system holding `path`.
 *
 * @example
 * freeBytes('/tmp') > 1e9
 */
export function freeBytes(path: string): number {
  const stats = statfsSync(path)
  return stats.bavail * stats.bsize
}

/** The outcome of the disk check. */
export interface SpaceCheck {
  bytesPerResult: number
  estimateBytes: number
  freeBytes: number
  where: string
  /** null when there is room; else why the run is refused. */
  refusal: string | null
}

/** Free space required, as a multiple of the estimate. */
const SPACE_MARGIN = 1.5

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`
}

/**
 * Decides whether `results` results fit where they go: refused unless at least 1.5 times the
 * estimate (bytes per result from the sample × results) is free — the half on top covers the
 * WAL and checkpoint growth while writing; the sample's fixed overhead already errs high.
 *
 * @example
 * checkSpace({ sampleBytes: 4_000_000, sampleResults: 10_000, results: 26e6, where: '/tmp' }).refusal // null or a message
 */
export function checkSpace(input: { sampleBytes: number; sampleResults: number; results: number; where: string }): SpaceCheck {
  const bytesPerResult = Math.max(1, input.sampleBytes / input.sampleResults)
  const estimateBytes = bytesPerResult * input.results
  const free = freeBytes(input.where)
  const refusal =
    free >= SPACE_MARGIN * estimateBytes
      ? null
      : `REFUSED: ${input.results.toLocaleString('en')} results need about ${gigabytes(estimateBytes)} (${bytesPerResult.toFixed(0)} bytes each, rollups included); ` +
        `${gigabytes(free)} free on ${input.where}, at least ${SPACE_MARGIN} times the estimate (${gigabytes(SPACE_MARGIN * estimateBytes)}) required — free space or lower BENCH_SCALE`
  return { bytesPerResult, estimateBytes, freeBytes: free, where: input.where, refusal }
}
