/**
 * The rate limit of incoming machine reports (heartbeats, beacons): a token bucket per API token,
 * so one noisy reporter cannot flood the results table; 429 with `Retry-After` beyond it.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../../core/index.js'
import { ApiError, problemResponse } from '../problem.js'
import { keyedRateLimit, type RateLimit } from '../rate-limit.js'

/** How many reports a token may send: `perMinute` on average, `burst` at once. */
export type IncomingRateLimit = RateLimit

/** The default: a beat a second on average, 20 at once. */
export const DEFAULT_INCOMING_RATE_LIMIT: IncomingRateLimit = { perMinute: 60, burst: 20 }

/**
 * A middleware that admits a request when the caller's bucket holds a token. Runs after the
 * scope check, so the key is always a known token's id.
 *
 * @example
 * createRoute({ …, middleware: [requireScope('reporter'), incomingRateLimit(() => limits, clock)] })
 */
export function incomingRateLimit(limit: () => IncomingRateLimit, clock: Clock): MiddlewareHandler {
  return keyedRateLimit({
    keyOf: (c) => c.get('principal')?.tokenId ?? 'anonymous',
    limit,
    clock,
    refuse: (c, retryAfter, { perMinute, burst }) =>
      problemResponse(c, new ApiError(429, 'rate-limited', 'Too many requests', `this token may send ${perMinute} reports a minute (bursts of ${burst}); retry after ${retryAfter} s`)),
  })
}
