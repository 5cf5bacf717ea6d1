/**
 * The weight of the public home page at 200 components × 1 location with a year of day
 * rollups: its plain and gzip size, the first render after start (which reads the history) and
 * the next one (from the cache per page data), plus the component page for comparison. The
 * numbers from before the run-length bars and the light rollup read are printed beside (this
 * benchmark on the same machine, see docs/benchmarks.md); since times are noisy, the year's
 * read is also timed both ways in this run: whole records with their histograms (the old read)
 * against the time fields only; and the page data the pages read every minute, read in full (the
 * old way) against a refresh that reads only the rollups stored since the previous read.
 *
 * @module
 */
import { gzipSync } from 'node:zlib'
import type { Store } from '../src/store/index.js'
import { createPageDataReader } from '../src/web/index.js'
import { componentName, manyComponents } from '../test/web/many-components.js'
import { writeBenchJson } from './bench-output.js'

const COMPONENTS = 200
/** Measured before the change (per-day bars on `/`, whole records read per series), same fixture. */
const BEFORE = { plainBytes: 4_879_000, gzipBytes: 96_000, firstMs: 11_665 }

/** Reads a year of day rollups of every series once, with `read`; returns the time taken. */
async function timeYearRead(read: (key: string, from: number, to: number) => Promise<unknown[]>): Promise<number> {
  const to = Date.now() + 86_400_000
  const from = to - 366 * 86_400_000
  const started = performance.now()
  for (let i = 0; i < COMPONENTS; i += 1) await read(`${componentName(i)}@R1`, from, to)
  return performance.now() - started
}

/** Median of `runs` timings of `work`. */
async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

/**
 * The page data read in full (a new reader each time) and refreshed (one reader, told of a write
 * before each read so it reads again). Its clock runs ten minutes ahead, so the seeded rollups
 * count as stored well before the refresh margin, as a year of history is in service.
 */
async function timePageDataReads(store: Store): Promise<{ fullMs: number; refreshMs: number }> {
  const clock = { now: () => Date.now() + 10 * 60_000, monotonic: () => performance.now() }
  const reader = (writes: () => number) => createPageDataReader({ store, clock, timeZone: () => 'UTC', writes })
  const fullMs = await medianMs(5, () => reader(() => 0).current())
  let writes = 0
  const refreshing = reader(() => writes)
  await refreshing.current()
  const refreshMs = await medianMs(5, () => {
    writes += 1
    return refreshing.current()
  })
  return { fullMs, refreshMs }
}

async function timed(fetch: () => Response | Promise<Response>): Promise<{ ms: number; body: string }> {
  const started = performance.now()
  const response = await fetch()
  const body = await response.text()
  if (response.status !== 200) throw new Error(`status ${response.status}: ${body.slice(0, 200)}`)
  return { ms: performance.now() - started, body }
}

/**
 * Runs the benchmark and returns its table.
 *
 * @example
 * console.log((await benchPageWeight()).table)
 */
export async function benchPageWeight(): Promise<{ table: string }> {
  const seeded = await manyComponents(COMPONENTS)
  try {
    const home = () => seeded.app.request('/', { headers: { 'accept-language': 'en' } })
    const first = await timed(home)
    const next = await timed(home)
    const component = await timed(() => seeded.app.request(`/components/${componentName(1)}`))
    const wholeReadMs = await timeYearRead((key, from, to) => seeded.store.rollups.between('series', key, 'day', from, to))
    const lightReadMs = await timeYearRead(async (key, from, to) => [...(await seeded.store.rollupBreakdowns.between('series', [key], 'day', from, to)).values()])
    const pageData = await timePageDataReads(seeded.store)
    const numbers = {
      components: COMPONENTS,
      pageDataFullMs: pageData.fullMs,
      pageDataRefreshMs: pageData.refreshMs,
      plainBytes: Buffer.byteLength(first.body),
      gzipBytes: gzipSync(first.body).length,
      firstMs: first.ms,
      nextMs: next.ms,
      componentPageBytes: Buffer.byteLength(component.body),
      yearReadWholeMs: wholeReadMs,
      yearReadLightMs: lightReadMs,
      before: BEFORE,
    }
    const file = await writeBenchJson('page-weight', numbers)
    console.error(`numbers: ${file}`)
    const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`
    const rows = [
      ['', 'now', 'before', 'ratio'],
      ['/ plain', kb(numbers.plainBytes), kb(BEFORE.plainBytes), (numbers.plainBytes / BEFORE.plainBytes).toFixed(3)],
      ['/ gzip', kb(numbers.gzipBytes), kb(BEFORE.gzipBytes), (numbers.gzipBytes / BEFORE.gzipBytes).toFixed(3)],
      ['/ first render', `${numbers.firstMs.toFixed(0)} ms`, `${BEFORE.firstMs} ms`, (numbers.firstMs / BEFORE.firstMs).toFixed(3)],
      ['/ next render', `${numbers.nextMs.toFixed(1)} ms`, '', ''],
      ['/components/<name> plain', kb(numbers.componentPageBytes), '', ''],
      ['year read, time fields vs whole records', `${lightReadMs.toFixed(0)} ms`, `${wholeReadMs.toFixed(0)} ms`, (lightReadMs / wholeReadMs).toFixed(3)],
      ['page data, refresh vs full read (median of 5)', `${pageData.refreshMs.toFixed(0)} ms`, `${pageData.fullMs.toFixed(0)} ms`, (pageData.refreshMs / pageData.fullMs).toFixed(3)],
    ]
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
    return { table: rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')).join('\n') }
  } finally {
    await seeded.dispose()
  }
}
