/**
 * Reads back what the Glasshouse under test stored and turns it into per-run drift: each stored
 * result's `startedAt` minus the planned start of its slot. Every run is counted, from the data the
 * product itself keeps, rather than from the coarse buckets of the drift histogram.
 *
 * @module
 */
import { openStore } from '../src/store/index.js'
import { plannedCount, plannedStart } from './schedule-plan.js'

/** Stored runs whose planned start lies inside a window. */
export interface StoredRuns {
  /** Every result in the store. */
  total: number
  /** Drift (ms) of each run planned inside the window. */
  drift: number[]
  /** Runs planned inside the window that failed, by failure code. */
  failures: Record<string, number>
  /** Planned starts inside the window that have no stored run (dropped or lost). */
  missing: number
}

/**
 * Opens the (stopped) benchmark store in `dataDir` and collects the runs planned in `[start, end)`.
 *
 * @example
 * const runs = await readStoredRuns('/tmp/gh-bench-data', 30_000, windowStart, windowEnd)
 * percentile(runs.drift, 0.99)
 */
export async function readStoredRuns(dataDir: string, intervalMs: number, start: number, end: number): Promise<StoredRuns> {
  const store = await openStore({ dataDir })
  try {
    const runs: StoredRuns = { total: await store.results.count(), drift: [], failures: {}, missing: 0 }
    for (const check of await store.checks.list()) {
      const results = await store.results.list(check.id, { limit: 1_000 })
      let found = 0
      for (const result of results) {
        const planned = plannedStart(check.name, result.startedAt, intervalMs)
        if (planned < start || planned >= end) continue
        found++
        runs.drift.push(result.startedAt - planned)
        if (result.failure) runs.failures[result.failure.code] = (runs.failures[result.failure.code] ?? 0) + 1
      }
      runs.missing += Math.max(0, plannedCount(check.name, intervalMs, start, end) - found)
    }
    return runs
  } finally {
    await store.close()
  }
}
