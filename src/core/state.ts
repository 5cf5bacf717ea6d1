/**
 * The one state function: what a component shows, decided from stored results only.
 *
 * A component with no result, or whose newest result is older than its staleness limit, shows
 * `no_data` — never green. Consecutive failures reaching the failure threshold show `outage`;
 * fewer failures, or a recovery that has not yet reached the success threshold, show `degraded`.
 *
 * @module
 */

/** Every state a component can show on a public surface. */
export const COMPONENT_STATES = ['operational', 'degraded', 'outage', 'no_data'] as const
export type ComponentState = (typeof COMPONENT_STATES)[number]

/** The part of a stored result the state function reads. */
export interface ResultOutcome {
  ok: boolean
  startedAt: number
  durationMs: number
}

/** The thresholds and timing of the thing being judged. */
export interface StateRules {
  failureThreshold: number
  successThreshold: number
  /** A result older than this (ms) says nothing about now. */
  staleAfterMs: number
}

/** A decided state and the evidence for it. */
export interface DecidedState {
  state: ComponentState
  /** Why, in one sentence a reader of the public page understands. */
  reason: string
  lastMeasuredAt: number | null
  lastDurationMs: number | null
}

/**
 * How long a check's newest result stays meaningful: three missed runs plus one timeout.
 *
 * @example
 * staleAfter(30_000, 10_000) // 100000
 */
export function staleAfter(intervalMs: number, timeoutMs: number): number {
  return 3 * intervalMs + timeoutMs
}

function leadingRun(results: readonly ResultOutcome[], ok: boolean): number {
  let count = 0
  for (const result of results) {
    if (result.ok !== ok) break
    count += 1
  }
  return count
}

/**
 * Decides a component's state from its newest results (newest first).
 *
 * @example
 * decideState([{ ok: false, startedAt: now - 1000, durationMs: 12 }], rules, now).state // 'degraded' when failureThreshold > 1
 */
export function decideState(
  newestFirst: readonly ResultOutcome[],
  rules: StateRules,
  now: number,
): DecidedState {
  const newest = newestFirst[0]
  if (newest === undefined) {
    return { state: 'no_data', reason: 'not measured yet', lastMeasuredAt: null, lastDurationMs: null }
  }
  const evidence = { lastMeasuredAt: newest.startedAt, lastDurationMs: newest.durationMs }
  if (now - newest.startedAt > rules.staleAfterMs) {
    return { state: 'no_data', reason: 'no recent measurement', ...evidence }
  }
  if (!newest.ok) {
    const failures = leadingRun(newestFirst, false)
    if (failures >= rules.failureThreshold) {
      return { state: 'outage', reason: `${failures} consecutive failed checks`, ...evidence }
    }
    return { state: 'degraded', reason: `${failures} failed check(s), below the outage threshold`, ...evidence }
  }
  const successes = leadingRun(newestFirst, true)
  const before = newestFirst[successes]
  if (before !== undefined && successes < rules.successThreshold) {
    return { state: 'degraded', reason: 'recovering: passed checks below the success threshold', ...evidence }
  }
  return { state: 'operational', reason: 'passing', ...evidence }
}
