/**
 * Virtual time for the scenario suites: a clock that only moves when something sleeps, so
 * polls, retries and timeouts run instantly and deterministically.
 *
 * @module
 */
import { setImmediate as tick } from 'node:timers/promises'
import type { Clock } from '../../src/core/index.js'
import type { Sleep } from '../../src/scenario/index.js'

/** A clock, a sleep that advances it, and every pause asked for. */
export interface VirtualTime {
  clock: Clock
  sleep: Sleep
  sleeps: number[]
  advance(ms: number): void
}

/**
 * Starts virtual time at `start` (epoch ms).
 *
 * @example
 * const time = virtualTime(); await time.sleep(1_000); time.clock.now() // start + 1000
 */
export function virtualTime(start = Date.parse('2026-11-22T00:00:00Z')): VirtualTime {
  let now = start
  const sleeps: number[] = []
  return {
    clock: { now: () => now, monotonic: () => now },
    sleeps,
    advance: (ms) => void (now += ms),
    sleep: async (ms, signal) => {
      sleeps.push(ms)
      if (!signal?.aborted) now += Math.max(0, ms)
      await tick()
    },
  }
}
