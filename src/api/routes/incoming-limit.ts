/**
 * The rate limit of incoming machine reports (heartbeats, beacons): a token bucket per API token,
 * so one noisy reporter cannot flood the results table; 429 with `Retry-After` beyond it.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../../core/index.js'
import { ApiError, problemResponse } from '../problem.js'

/** How many reports a token may send: `perMinute` on average, `burst` at once. */
export interface IncomingRateLimit {
  perMinute: number
  burst: number
}

/** The default: a beat a second on average, 20 at once. */
export const DEFAULT_INCOMING_RATE_LIMIT: IncomingRateLimit = { perMinute: 60, burst: 20 }

interface Bucket {
  tokens: number
  at: number
}

/** Past this many buckets, those that have refilled completely are forgotten (a full bucket is the default). */
const MAX_BUCKETS = 10_000

/**
 * A middleware that admits a request when the caller's bucket holds a token. Runs after the
 * scope check, so the key is always a known token's id.
 *
 * @example
 * createRoute({ …, middleware: [requireScope('reporter'), incomingRateLimit(() => limits, clock)] })
 */
export function incomingRateLimit(limit: () => IncomingRateLimit, clock: Clock): MiddlewareHandler {
  const buckets = new Map<string, Bucket>()
  return async (c, next) => {
    const key = c.get('principal')?.tokenId ?? 'anonymous'
    const { perMinute, burst } = limit()
    const perMs = perMinute / 60_000
    const now = clock.now()
    const previous = buckets.get(key) ?? { tokens: burst, at: now }
    const tokens = Math.min(burst, previous.tokens + Math.max(0, now - previous.at) * perMs)
    if (tokens < 1) {
      buckets.set(key, { tokens, at: now })
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000))
      c.header('Retry-After', String(retryAfter))
      return problemResponse(c, new ApiError(429, 'rate-limited', 'Too many requests', `this token may send ${perMinute} reports a minute (bursts of ${burst}); retry after ${retryAfter} s`))
    }
    buckets.set(key, { tokens: tokens - 1, at: now })
    if (buckets.size > MAX_BUCKETS) forgetFull(buckets, now, perMs, burst)
    return next()
  }
}

function forgetFull(buckets: Map<string, Bucket>, now: number, perMs: number, burst: number): void {
  for (const [key, bucket] of buckets) if (bucket.tokens + (now - bucket.at) * perMs >= burst) buckets.delete(key)
}
