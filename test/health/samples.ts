/**
 * Synthetic samples for health-rule tests, written as a string of outcomes, oldest first.
 *
 * @module
 */
import type { Sample } from '../../src/core/index.js'

/** How to lay out a run of samples. */
export interface RunOptions {
  /** Outcomes oldest first: S passed, F failed (counts), Q failed (does not count), . no sample. */
  outcomes: string
  /** The `at` of the last outcome. */
  end: number
  intervalMs?: number
  vantage?: string
  /** Duration of each passed sample, or one per outcome. */
  durationMs?: number | readonly number[]
}

/**
 * Builds samples from an outcome string, the last at `end`.
 *
 * @example
 * run({ outcomes: 'SSF', end: 1_000_000 }) // three samples 60 s apart, the newest failed
 */
export function run(options: RunOptions): Sample[] {
  const interval = options.intervalMs ?? 60_000
  const chars = [...options.outcomes]
  return chars.flatMap((char, index): Sample[] => {
    if (char === '.') return []
    const at = options.end - (chars.length - 1 - index) * interval
    const duration = typeof options.durationMs === 'number' ? options.durationMs : (options.durationMs?.[index] ?? 100)
    const vantage = options.vantage ?? 'local'
    return [{ at, durationMs: duration, ok: char === 'S', countsAgainst: char !== 'Q', vantage, intervalMs: interval, resultId: `${vantage}-${at}` }]
  })
}
