/**
 * Periodic statistics over scenario iterations, like the OpenStack Health Monitor's reports:
 * per category (API calls per service and operation, resource waits, whole iterations) the
 * count, min, median, mean, p95 and max in seconds.
 *
 * @module
 */
import type { Call } from '../../core/result.js'
import type { WaitRecord } from '../../scenario/waits/index.js'

/** One category's numbers, in seconds. */
export interface CategoryStatistics {
  category: string
  n: number
  min: number
  median: number
  mean: number
  p95: number
  max: number
}

/** What the statistics read of one iteration's result. */
export interface StatisticsInput {
  ok: boolean
  durationMs: number
  calls: readonly Call[]
  waits?: readonly WaitRecord[]
}

/** Statistics of the iterations added so far, and of their failures. */
export interface StatisticsReport {
  iterations: number
  failed: number
  categories: CategoryStatistics[]
}

/**
 * Collects samples by category; `report()` summarises them.
 *
 * @example
 * const stats = new ScenarioStatistics()
 * stats.add(result)
 * stats.report().categories // [{ category: 'api compute', n: 40, min: 0.05, … }, …]
 */
export class ScenarioStatistics {
  readonly #samples = new Map<string, number[]>()
  #iterations = 0
  #failed = 0

  /** Adds one iteration's calls, waits and duration. */
  add(result: StatisticsInput): void {
    this.#iterations++
    if (!result.ok) this.#failed++
    this.#sample('iteration', result.durationMs)
    for (const call of result.calls) {
      this.#sample(`api ${serviceOf(call.operation)}`, call.durationMs)
      this.#sample(`call ${call.operation}`, call.durationMs)
    }
    for (const wait of result.waits ?? []) if (wait.ok) this.#sample(`wait ${wait.kind} ${wait.mode}`, wait.elapsedMs)
  }

  /** The numbers per category: iteration first, then API services, waits and single operations, each sorted by name. */
  report(): StatisticsReport {
    const order = (category: string) => ['iteration', 'api', 'wait', 'call'].indexOf(category.split(' ')[0]!)
    const categories = [...this.#samples.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([category, values]) => summarise(category, values))
    return { iterations: this.#iterations, failed: this.#failed, categories }
  }

  #sample(category: string, ms: number): void {
    const values = this.#samples.get(category) ?? []
    values.push(ms / 1000)
    this.#samples.set(category, values)
  }
}

/**
 * The service of an operation template (`compute.servers.list` → `compute`).
 *
 * @example
 * serviceOf('block-storage.volumes.create') // 'block-storage'
 */
export function serviceOf(operation: string): string {
  return operation.split('.')[0] ?? operation
}

function summarise(category: string, values: readonly number[]): CategoryStatistics {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  const round = (seconds: number) => Math.round(seconds * 1000) / 1000
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length
  return { category, n: sorted.length, min: round(sorted[0]!), median: round(at(0.5)), mean: round(mean), p95: round(at(0.95)), max: round(sorted.at(-1)!) }
}

/**
 * The report as a table for a person; `categories` limits it (default: all but single operations).
 *
 * @example
 * formatStatistics(stats.report())
 */
export function formatStatistics(report: StatisticsReport, include: (category: string) => boolean = (category) => !category.startsWith('call ')): string {
  const rows = report.categories.filter((row) => include(row.category))
  const width = Math.max(8, ...rows.map((row) => row.category.length))
  const number = (value: number) => value.toFixed(3).padStart(9)
  const head = `${'category'.padEnd(width)} ${'n'.padStart(5)} ${['min', 'median', 'mean', 'p95', 'max'].map((label) => label.padStart(9)).join(' ')}  (seconds)`
  const lines = rows.map((row) => `${row.category.padEnd(width)} ${String(row.n).padStart(5)} ${[row.min, row.median, row.mean, row.p95, row.max].map(number).join(' ')}`)
  return `statistics over ${report.iterations} iteration${report.iterations === 1 ? '' : 's'} (${report.failed} failed)\n${head}\n${lines.join('\n')}\n`
}
