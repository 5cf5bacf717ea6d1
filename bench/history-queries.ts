/**
 * The measured steps of the history benchmark on one open store: ingest through
 * `store.results.insertBatch`, the records job catching up over everything, and the availability
 * query per (component, location) through the public path (`availabilityReport` of src/reports).
 *
 * @module
 */
import { systemClock } from '../src/core/index.js'
import { catchUp } from '../src/records-job/index.js'
import { availabilityReport } from '../src/reports/index.js'
import type { Store } from '../src/store/index.js'
import { historyBatches, type HistoryPlan } from './history-data.js'

/** Times of a set of queries, and the availability each returned (by component). */
export interface QueryTimes {
  ms: number[]
  availability: Map<string, number | null>
}

/** Results per second of one phase. */
export interface Rate {
  results: number
  seconds: number
  perSecond: number
}

/**
 * Writes the plan's history through `insertBatch` and times only the writes (generating the
 * results is not counted).
 *
 * @example
 * const rate = await ingest(store, plan, checkIds, (done) => console.error(done))
 */
export async function ingest(store: Store, plan: HistoryPlan, checkIds: readonly string[], progress: (done: number) => void): Promise<Rate> {
  let results = 0
  let writingMs = 0
  let reported = 0
  for (const batch of historyBatches(plan, checkIds)) {
    const started = performance.now()
    await store.results.insertBatch(batch)
    writingMs += performance.now() - started
    results += batch.length
    if (results - reported >= 1_000_000) {
      reported = results
      progress(results)
    }
  }
  return { results, seconds: writingMs / 1000, perSecond: results / (writingMs / 1000) }
}

/**
 * Runs the records job until it has processed every stored result, through its catch-up entry
 * point (`catchUp` of src/records-job: one run of the job, to the end). Returns the rate.
 *
 * @example
 * const rate = await catchUpRollups(store, 25_920_000)
 */
export async function catchUpRollups(store: Store, results: number): Promise<Rate> {
  const started = performance.now()
  await catchUp(store, { clock: systemClock, timeZone: 'UTC' })
  const seconds = (performance.now() - started) / 1000
  return { results, seconds, perSecond: results / seconds }
}

/**
 * Times `availabilityReport` for each component in `components` (one series each) over
 * [from, to), after `warmup` untimed queries.
 *
 * @example
 * const times = await timeAvailability(store, picks, { from: end - 90 * DAY_MS, to: end, warmup: 3 })
 */
export async function timeAvailability(
  store: Store,
  components: readonly string[],
  range: { from: number; to: number; warmup: number },
): Promise<QueryTimes> {
  const query = (component: string) => availabilityReport(store, { from: range.from, to: range.to, timeZone: 'UTC', component, now: Date.now() }, [])
  for (const component of components.slice(0, range.warmup)) await query(component)
  const ms: number[] = []
  const availability = new Map<string, number | null>()
  for (const component of components) {
    const started = performance.now()
    const report = await query(component)
    ms.push(performance.now() - started)
    const total = report.rows.find((row) => row.period === 'total') ?? report.rows[0]
    availability.set(component, total?.measured.availability ?? null)
  }
  return { ms, availability }
}

/**
 * The nearest-rank quantile of `values` (q in 0–1); NaN for none.
 *
 * @example
 * quantile([5, 1, 9, 3], 0.5) // 3
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/**
 * The largest difference between two availability maps over the components both have a number for.
 *
 * @example
 * largestDifference(new Map([['a', 0.99]]), new Map([['a', 0.98]])) // ≈ 0.01
 */
export function largestDifference(a: ReadonlyMap<string, number | null>, b: ReadonlyMap<string, number | null>): number {
  let largest = 0
  for (const [component, value] of a) {
    const other = b.get(component)
    if (value !== null && other !== null && other !== undefined) largest = Math.max(largest, Math.abs(value - other))
  }
  return largest
}
