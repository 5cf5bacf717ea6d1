/**
 * History-at-scale benchmark: 200 checks × 90 days × one result a minute (≈ 26 M results) into a
 * throw-away SQLite data dir and a fresh PostgreSQL database (when GLASSHOUSE_TEST_PG_URL is set),
 * after a disk check. Measures ingest and rollup rates and the p50/p95 of the 90-day availability
 * query per (component, location) through the public path, warm and after reopening the store,
 * against a baseline in the same run: the 30-day availability computed from raw results.
 *
 * `BENCH_SCALE` (0–1, default 1) shrinks it while developing; recorded numbers are at full scale.
 * `BENCH_DIALECTS` (default `sqlite,postgres`) runs one half alone, so each fits an idle window.
 * Run: `BENCH_SCALE=0.01 node --import tsx bench/history-at-scale.ts`.
 *
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openStore, type Store, type StoreOptions } from '../src/store/index.js'
import { writeBenchJson } from './bench-output.js'
import { createHistoryChecks, DAY_MS, historyPlan, type HistoryPlan } from './history-data.js'
import { seededRandom } from '../test/support/seeded-random.js'
import { catchUpRollups, ingest, largestDifference, quantile, timeAvailability, type QueryTimes } from './history-queries.js'
import { formatHistory, type DialectNumbers, type HistoryReport, type QueryStats } from './history-report.js'
import { checkSpace, directoryBytes, scratchDatabase } from './history-space.js'

const SERIES_QUERIED = 50
const SAMPLE_RESULTS = 20_000

/** Where one dialect's data lives for one run. */
interface Place {
  options: StoreOptions
  /** Bytes the data takes (call with the store closed for SQLite). */
  bytes(): Promise<number>
  /** A path on the file system the data grows on. */
  where(): Promise<string>
  dispose(): Promise<void>
}

async function sqlitePlace(): Promise<Place> {
  const dir = await mkdtemp(join(tmpdir(), 'gh-bench-history-'))
  return { options: { dataDir: dir }, bytes: async () => directoryBytes(dir), where: async () => dir, dispose: () => rm(dir, { recursive: true, force: true }) }
}

async function postgresPlace(adminUrl: string, name: string): Promise<Place> {
  const dir = await mkdtemp(join(tmpdir(), 'gh-bench-history-pg-'))
  const db = await scratchDatabase(adminUrl, name)
  return {
    options: { dataDir: dir, databaseUrl: db.url },
    bytes: () => db.size(),
    where: async () => (await db.dataDirectory()) ?? tmpdir(),
    async dispose() {
      await db.drop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function opened(place: Place): Promise<Store> {
  const store = await openStore(place.options)
  await store.migrate()
  return store
}

/** Bytes per stored result on this dialect: a small slice of the same workload, rollups included. */
async function sampleBytes(place: Place, plan: HistoryPlan): Promise<{ bytes: number; results: number }> {
  const sample: HistoryPlan = { ...plan, days: Math.min(plan.days, SAMPLE_RESULTS / (plan.checks * 1_440)) }
  let store = await opened(place)
  const { checkIds } = await createHistoryChecks(store, sample)
  await store.close()
  const empty = await place.bytes()
  store = await opened(place)
  const written = await ingest(store, sample, checkIds, () => undefined)
  await catchUpRollups(store, written.results)
  await store.close()
  return { bytes: (await place.bytes()) - empty, results: written.results }
}

function stats(times: QueryTimes): QueryStats {
  return { queries: times.ms.length, p50: quantile(times.ms, 0.5), p95: quantile(times.ms, 0.95), max: Math.max(...times.ms) }
}

function picks(components: readonly string[]): string[] {
  const random = seededRandom(7)
  return Array.from({ length: SERIES_QUERIED }, () => components[Math.floor(random() * components.length)]!)
}

/** Ingest, baseline, rollups, and the queries warm and after reopening, on one place. */
async function measure(place: Place, plan: HistoryPlan, numbers: DialectNumbers, progress: (line: string) => void): Promise<void> {
  const say = (line: string) => progress(`${numbers.dialect}: ${line}`)
  let store = await opened(place)
  try {
    const { checkIds, components } = await createHistoryChecks(store, plan)
    say(`ingesting ${plan.results.toLocaleString('en')} results`)
    numbers.ingest = await ingest(store, plan, checkIds, (done) => say(`${done.toLocaleString('en')} results stored`))
    const chosen = picks(components)
    const last30 = { from: plan.end - 30 * DAY_MS, to: plan.end }
    say('baseline: 30-day availability from raw results')
    const raw30 = await timeAvailability(store, chosen, { ...last30, warmup: 3 })
    numbers.raw30 = stats(raw30)
    say('records job catching up')
    numbers.rollup = await catchUpRollups(store, numbers.ingest.results)
    const rolled30 = await timeAvailability(store, chosen, { ...last30, warmup: 0 })
    numbers.rollup30 = stats(rolled30)
    numbers.maxAvailabilityDifference = largestDifference(raw30.availability, rolled30.availability)
    const last90 = { from: plan.end - 90 * DAY_MS, to: plan.end }
    numbers.warm90 = stats(await timeAvailability(store, chosen, { ...last90, warmup: 3 }))
    await store.close()
    say('store closed and reopened')
    store = await opened(place)
    numbers.reopened90 = stats(await timeAvailability(store, chosen, { ...last90, warmup: 0 }))
  } finally {
    await store.close()
  }
}

async function runDialect(
  dialect: DialectNumbers['dialect'],
  newPlace: (purpose: 'sample' | 'run') => Promise<Place>,
  plan: HistoryPlan,
  progress: (line: string) => void,
): Promise<DialectNumbers> {
  const sample = await newPlace('sample')
  let measured: { bytes: number; results: number }
  try {
    measured = await sampleBytes(sample, plan)
  } finally {
    await sample.dispose()
  }
  const place = await newPlace('run')
  try {
    const space = checkSpace({ sampleBytes: measured.bytes, sampleResults: measured.results, results: plan.results, where: await place.where() })
    const numbers: DialectNumbers = { dialect, space }
    progress(`${dialect}: about ${(space.estimateBytes / 1e9).toFixed(2)} GB needed, ${(space.freeBytes / 1e9).toFixed(1)} GB free on ${space.where}`)
    if (space.refusal === null) await measure(place, plan, numbers, progress)
    return numbers
  } finally {
    await place.dispose()
  }
}

/** Knobs of {@link benchHistoryAtScale}. */
export interface HistoryOptions {
  /** 0–1; default `BENCH_SCALE` or 1 (full scale: 200 checks × 90 days). */
  scale?: number
  /** PostgreSQL server (a URL to its `postgres` database); default GLASSHOUSE_TEST_PG_URL; none skips PostgreSQL. */
  postgresUrl?: string
  /** Which halves run; default `BENCH_DIALECTS` (comma-separated) or both. */
  dialects?: readonly DialectNumbers['dialect'][]
  progress?: (line: string) => void
}

/**
 * Runs the benchmark on SQLite and (with a URL) PostgreSQL; returns the table and numbers, also
 * written as JSON (see `bench-output.ts`).
 *
 * @example
 * const { table } = await benchHistoryAtScale({ scale: 0.01 })
 * console.log(table)
 */
export async function benchHistoryAtScale(options: HistoryOptions = {}): Promise<{ table: string; report: HistoryReport }> {
  const plan = historyPlan(options.scale ?? Number(process.env.BENCH_SCALE ?? 1))
  const progress = options.progress ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const postgresUrl = options.postgresUrl ?? process.env.GLASSHOUSE_TEST_PG_URL
  const dialects = options.dialects ?? chosenDialects(process.env.BENCH_DIALECTS)
  const report: HistoryReport = { plan, seriesQueried: SERIES_QUERIED, dialects: [], skipped: [] }
  if (dialects.includes('sqlite')) report.dialects.push(await runDialect('sqlite', () => sqlitePlace(), plan, progress))
  if (!dialects.includes('postgres')) return finish(report, progress)
  if (postgresUrl) {
    const tag = `${process.pid}_${Date.now()}`
    report.dialects.push(await runDialect('postgres', (purpose) => postgresPlace(postgresUrl, `gh_bench_history_${purpose}_${tag}`), plan, progress))
  } else {
    report.skipped.push('postgres: skipped (set GLASSHOUSE_TEST_PG_URL: eval "$(bash scripts/test-postgres.sh)")')
  }
  return finish(report, progress)
}

async function finish(report: HistoryReport, progress: (line: string) => void): Promise<{ table: string; report: HistoryReport }> {
  progress(`numbers written to ${await writeBenchJson('history-at-scale', report)}`)
  return { table: formatHistory(report), report }
}

/** The halves named in `BENCH_DIALECTS` (default both); an unknown name is an error, not a silent skip. */
function chosenDialects(value: string | undefined): DialectNumbers['dialect'][] {
  if (value === undefined || value.trim() === '') return ['sqlite', 'postgres']
  const names = value.split(',').map((name) => name.trim())
  for (const name of names) {
    if (name !== 'sqlite' && name !== 'postgres') throw new Error(`BENCH_DIALECTS: unknown dialect ${JSON.stringify(name)} (sqlite, postgres)`)
  }
  return names as DialectNumbers['dialect'][]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log((await benchHistoryAtScale()).table)
}
