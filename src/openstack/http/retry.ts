/**
 * When a failed attempt is tried again. Idempotent calls (GET, HEAD) are retried with backoff
 * on transient failures; writes only when the server said it did nothing (409 once, 429 or 503
 * with Retry-After). Waits are bounded and follow the iteration's deadline.
 *
 * @module
 */
import type { FailureCode } from '../../core/failure.js'
import type { AnswerFailure } from './classify.js'

/** The retry settings of a client. */
export interface RetryPolicy {
  /** Attempts in all for an idempotent call (OSHM: 2–3). */
  maxAttempts: number
  /** Pause before retry n (index 0 = before attempt 2); the last value repeats. */
  backoffMs: readonly number[]
  /** Pause before retrying a 409 (once). */
  conflictDelayMs: number
  /** A Retry-After longer than this is not waited for: the attempt's failure stands. */
  maxRetryAfterMs: number
}

/** OSHM's behaviour: 3 attempts 2 s and 3 s apart, 409 retried once after 5 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  backoffMs: [2_000, 3_000],
  conflictDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
}

const TRANSIENT: ReadonlySet<FailureCode> = new Set(['timeout', 'connect', 'dns', 'http_5xx', 'malformed'])

/**
 * How long to wait before the next attempt, or null to stop here.
 *
 * @example
 * retryDelayMs({ code: 'http_5xx', message: '', retryAfterMs: null }, 1, true, DEFAULT_RETRY_POLICY) // 2000
 * retryDelayMs({ code: 'http_5xx', message: '', retryAfterMs: null }, 1, false, DEFAULT_RETRY_POLICY) // null
 */
export function retryDelayMs(failure: AnswerFailure, attempt: number, idempotent: boolean, policy: RetryPolicy): number | null {
  if (attempt >= policy.maxAttempts) return null
  if (failure.code === 'conflict') return attempt === 1 ? policy.conflictDelayMs : null
  if (failure.code === 'rate_limited') {
    const wait = failure.retryAfterMs ?? (idempotent ? backoff(attempt, policy) : null)
    return wait !== null && wait <= policy.maxRetryAfterMs ? wait : null
  }
  if (idempotent && TRANSIENT.has(failure.code)) return backoff(attempt, policy)
  return null
}

function backoff(attempt: number, policy: RetryPolicy): number {
  return policy.backoffMs[Math.min(attempt - 1, policy.backoffMs.length - 1)] ?? 0
}
