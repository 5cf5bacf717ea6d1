/**
 * Measuring helpers of the schedule benchmark: percentiles, a process's CPU time from
 * `/proc/<pid>/stat`, and the drift histogram as Prometheus exposes it.
 *
 * @module
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/**
 * The `q` quantile (0–1, nearest rank) of `values`; NaN when empty.
 *
 * @example
 * percentile([5, 1, 3], 0.5) // 3
 */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/** Clock ticks per second of `/proc` CPU times (`getconf CLK_TCK`, 100 on Linux when unknown). */
export function clockTicksPerSecond(): number {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })
  const ticks = Number(answer.stdout?.trim())
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100
}

/**
 * User plus system CPU time of a process so far, in clock ticks (fields 14 and 15 of
 * `/proc/<pid>/stat`, counted after the parenthesised command name, which may hold spaces).
 *
 * @example
 * cpuTicks(process.pid) // e.g. 42
 */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After the name, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  return Number(fields[11]) + Number(fields[12])
}

/** A CPU reading: ticks of a process at a wall-clock instant. */
export interface CpuMark {
  ticks: number
  at: number
}

/**
 * Reads the CPU time of `pid` now.
 *
 * @example
 * const before = markCpu(pid); … ; cpuShare(before, markCpu(pid), 100) // % of one core
 */
export function markCpu(pid: number): CpuMark {
  return { ticks: cpuTicks(pid), at: performance.now() }
}

/**
 * The CPU share between two marks, in percent of one core.
 *
 * @example
 * cpuShare({ ticks: 0, at: 0 }, { ticks: 50, at: 1_000 }, 100) // 50
 */
export function cpuShare(before: CpuMark, after: CpuMark, ticksPerSecond: number): number {
  const seconds = (after.ticks - before.ticks) / ticksPerSecond
  return (seconds / ((after.at - before.at) / 1000)) * 100
}

/** Cumulative counts of a Prometheus histogram by upper bound (seconds), plus its count. */
export interface HistogramSnapshot {
  buckets: Map<number, number>
  count: number
}

/**
 * Reads a histogram from the Prometheus text format; empty when absent, null when there is no
 * text (the scrape failed).
 *
 * @example
 * readHistogram(body, 'glasshouse_scheduler_drift_seconds')?.count
 */
export function readHistogram(text: string, name: string): HistogramSnapshot | null {
  if (text === '') return null
  const buckets = new Map<number, number>()
  let count = 0
  for (const line of text.split('\n')) {
    const bucket = new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\} (\\S+)`).exec(line)
    if (bucket) buckets.set(bucket[1] === '+Inf' ? Infinity : Number(bucket[1]), Number(bucket[2]))
    else if (line.startsWith(`${name}_count`)) count = Number(line.split(' ').at(-1))
  }
  return { buckets, count }
}

/**
 * The upper bound (seconds) of the bucket holding the `q` quantile of the observations made
 * between two snapshots; NaN when none were made or a snapshot is missing.
 *
 * @example
 * histogramQuantile(before, after, 0.99) // e.g. 0.005 (≤ 5 ms)
 */
export function histogramQuantile(before: HistogramSnapshot | null, after: HistogramSnapshot | null, q: number): number {
  if (before === null || after === null) return Number.NaN
  const count = after.count - before.count
  if (count <= 0) return Number.NaN
  const bounds = [...after.buckets.keys()].sort((a, b) => a - b)
  for (const bound of bounds) {
    const inWindow = after.buckets.get(bound)! - (before.buckets.get(bound) ?? 0)
    if (inWindow >= q * count) return bound
  }
  return Infinity
}

/**
 * Reads one counter (summed over its label sets) from the Prometheus text format; 0 when absent,
 * NaN when there is no text (the scrape failed).
 *
 * @example
 * readCounter(body, 'glasshouse_results_written_total') // e.g. 4000
 */
export function readCounter(text: string, name: string): number {
  if (text === '') return Number.NaN
  let sum = 0
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.split(' ').at(-1))
  }
  return sum
}
