/**
 * The outcome of one reachability check — timed, classified with the failure codes of
 * `core/`, and convertible to a scenario step (throw on failure) or a result step.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import type { FailureCode } from '../../core/failure.js'
import type { Call, Step } from '../../core/result.js'
import type { Sleep } from '../sleep.js'

/** Why a check failed; `message` names the target and the cause, never a secret. */
export interface CheckFailure {
  code: FailureCode
  message: string
}

/** One check: what was checked, whether it passed, how long it took, every try as a call. */
export interface CheckOutcome {
  /** What was checked, e.g. `ping 203.0.113.5` or `ssh root@203.0.113.5:223 marker`. */
  check: string
  ok: boolean
  /** Wall-clock start, epoch milliseconds. */
  startedAt: number
  /** From the first try's start to the last try's end, retry pauses included. */
  durationMs: number
  /** Tries made (1 when the first one passed). */
  attempts: number
  /** Every try, timed: operation `icmp.echo` or `ssh.exec`, status the exit code. */
  calls: Call[]
  failure: CheckFailure | null
}

/** The seams every check takes: clock, sleep between retries, and a hard stop. */
export interface CheckRuntime {
  clock: Clock
  sleep: Sleep
  signal?: AbortSignal
}

/** How often a check is tried: OSHM's retry counts and pauses are the defaults of each check. */
export interface RetryPolicy {
  /** Tries in all (1 = no retry). */
  attempts: number
  /** Pause between two tries. */
  delayMs: number
  /** Stop retrying once this much time has passed since the first try (OSHM: "for up to 120 s"). */
  budgetMs?: number
}

/** A failed check thrown from a scenario step; the engine keeps its `code`. */
export class ReachabilityError extends Error {
  override readonly name = 'ReachabilityError'
  readonly code: FailureCode
  readonly outcome: CheckOutcome

  constructor(outcome: CheckOutcome & { failure: CheckFailure }) {
    super(outcome.failure.message)
    this.code = outcome.failure.code
    this.outcome = outcome
  }
}

/**
 * Returns the outcome when it passed, else throws {@link ReachabilityError} — the way a scenario
 * step fails with the check's failure code.
 *
 * @example
 * { id: 'jh-ping-0', service: 'reachability', run: async () => requirePassed(await pingHost(fip, runtime)) }
 */
export function requirePassed<T extends CheckOutcome>(outcome: T): T {
  if (outcome.failure !== null) throw new ReachabilityError({ ...outcome, failure: outcome.failure })
  return outcome
}

/**
 * The outcome as a step of the result contract.
 *
 * @example
 * result.steps.push(...outcomes.map(toResultStep))
 */
export function toResultStep(outcome: CheckOutcome): Step {
  return {
    name: outcome.check,
    status: outcome.ok ? 'passed' : 'failed',
    reason: outcome.failure?.message ?? null,
    durationMs: outcome.durationMs,
  }
}

/** One try of a check: its classification and its timed call. */
export interface TryResult {
  failure: CheckFailure | null
  call: Call
  /** A failure that no retry can cure (a bad target); stops the retries. */
  final?: boolean
}

/**
 * Tries `once` under `policy` until it passes, the tries or the budget run out, or the run is
 * stopped, and folds the tries into one {@link CheckOutcome}. `once` gets the try number.
 */
export async function tryUnderPolicy<T extends TryResult>(
  check: string,
  policy: RetryPolicy,
  runtime: CheckRuntime,
  once: (attempt: number) => Promise<T>,
): Promise<CheckOutcome & { last: T }> {
  const startedAt = runtime.clock.now()
  const start = runtime.clock.monotonic()
  const calls: Call[] = []
  let attempt = 0
  let last: T
  for (;;) {
    attempt += 1
    last = await once(attempt)
    calls.push(last.call)
    const elapsed = runtime.clock.monotonic() - start
    const outOfBudget = policy.budgetMs !== undefined && elapsed + policy.delayMs >= policy.budgetMs
    if (last.failure === null || last.final || attempt >= policy.attempts || outOfBudget || runtime.signal?.aborted) break
    await runtime.sleep(policy.delayMs, runtime.signal)
  }
  const durationMs = runtime.clock.monotonic() - start
  const failure = last.failure && attempt > 1 ? { ...last.failure, message: `${last.failure.message} (after ${attempt} tries)` } : last.failure
  return { check, ok: failure === null, startedAt, durationMs, attempts: attempt, calls, failure, last }
}

/** Drops the internal `last` try from a folded outcome. */
export function outcomeOf<T extends CheckOutcome>(folded: T & { last: unknown }): CheckOutcome {
  const { check, ok, startedAt, durationMs, attempts, calls, failure } = folded
  return { check, ok, startedAt, durationMs, attempts, calls, failure }
}
