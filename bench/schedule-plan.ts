/**
 * The workload of the schedule benchmark, shared by the Glasshouse child, the baseline child and
 * the analysis: check names, their config, and where each run was planned.
 *
 * @module
 */
import { ConfigSchema, type Config } from '../src/config/index.js'
import { stableOffset } from '../src/scheduler/index.js'

/** The interval of every benchmark check. */
export const BENCH_INTERVAL_MS = 30_000

/**
 * The name of benchmark check number `index`: `bench-0000`, `bench-0001`, …
 *
 * @example
 * checkName(7) // 'bench-0007'
 */
export function checkName(index: number): string {
  return `bench-${String(index).padStart(4, '0')}`
}

/** What the Glasshouse under test is configured with. */
export interface BenchConfigInput {
  checks: number
  nginxPort: number
  dataDir: string
}

/**
 * The Glasshouse config of the benchmark, built through the public schema: `checks` HTTP checks
 * against nginx on loopback every 30 s, SQLite in `dataDir`, the server on a free loopback port.
 *
 * @example
 * benchConfig({ checks: 2, nginxPort: 8081, dataDir: '/tmp/x' }).checks[1]!.name // 'bench-0001'
 */
export function benchConfig(input: BenchConfigInput): Config {
  return ConfigSchema.parse({
    server: { listen: '127.0.0.1:0', title: 'Glasshouse benchmark' },
    storage: { dataDir: input.dataDir },
    log: { level: 'warn' },
    checks: Array.from({ length: input.checks }, (_, index) => ({
      name: checkName(index),
      kind: 'http',
      url: `http://127.0.0.1:${input.nginxPort}/c/${index}`,
      interval: '30s',
      timeout: '5s',
    })),
  })
}

/**
 * The planned start a run of `key` belongs to: the latest grid instant (`k × interval + offset`,
 * as the scheduler plans them) at or before `startedAt`. Valid while drift stays below one interval.
 *
 * @example
 * plannedStart('bench-0000', 1_700_000_000_123, 30_000) // ≤ 1_700_000_000_123
 */
export function plannedStart(key: string, startedAt: number, intervalMs: number): number {
  const offset = stableOffset(key, intervalMs)
  const phase = (((startedAt - offset) % intervalMs) + intervalMs) % intervalMs
  return startedAt - phase
}

/**
 * How many planned starts of `key` fall inside `[start, end)`.
 *
 * @example
 * plannedCount('bench-0000', 0, 30_000, 30_000) // 1
 */
export function plannedCount(key: string, intervalMs: number, start: number, end: number): number {
  const first = plannedStart(key, start + intervalMs - 1, intervalMs)
  return first < end ? Math.ceil((end - first) / intervalMs) : 0
}
