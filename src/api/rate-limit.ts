/**
 * The one token-bucket rate limiter of the HTTP surfaces: a bucket per key (an API token, a
 * client address), refilled at `perMinute` and holding at most `burst`. A refused request gets
 * `Retry-After` and whatever answer the caller renders (a problem, a page).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { Clock } from '../core/index.js'

/** How many requests a key may make: `perMinute` on average, `burst` at once. */
export interface RateLimit {
  perMinute: number
  burst: number
}

/** What a keyed limiter needs: whose bucket a request draws on and how a refusal reads. */
export interface KeyedRateLimitOptions {
  /** The bucket's key for a request; read per request. */
  keyOf: (c: Context) => string
  /** The limit, read per request so a config reload applies at once. */
  limit: () => RateLimit
  clock: Clock
  /** The answer to a refused request; `Retry-After` is already set. */
  refuse: (c: Context, retryAfterSeconds: number, limit: RateLimit) => Response
}

interface Bucket {
  tokens: number
  at: number
}

/** Past this many buckets, those that have refilled completely are forgotten (a full bucket is the default). */
const MAX_BUCKETS = 10_000

/**
 * A middleware that admits a request when its key's bucket holds a token, and otherwise answers
 * with `refuse` (429 by convention) and `Retry-After` in whole seconds.
 *
 * @example
 * keyedRateLimit({ keyOf: (c) => c.get('principal')?.tokenId ?? 'anonymous', limit: () => ({ perMinute: 60, burst: 20 }), clock, refuse })
 */
export function keyedRateLimit({ keyOf, limit, clock, refuse }: KeyedRateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, Bucket>()
  return async (c, next) => {
    const key = keyOf(c)
    const current = limit()
    const perMs = current.perMinute / 60_000
    const now = clock.now()
    const previous = buckets.get(key) ?? { tokens: current.burst, at: now }
    const tokens = Math.min(current.burst, previous.tokens + Math.max(0, now - previous.at) * perMs)
    if (tokens < 1) {
      buckets.set(key, { tokens, at: now })
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000))
      c.header('Retry-After', String(retryAfter))
      return refuse(c, retryAfter, current)
    }
    buckets.set(key, { tokens: tokens - 1, at: now })
    if (buckets.size > MAX_BUCKETS) forgetFull(buckets, now, perMs, current.burst)
    return next()
  }
}

function forgetFull(buckets: Map<string, Bucket>, now: number, perMs: number, burst: number): void {
  for (const [key, bucket] of buckets) if (bucket.tokens + (now - bucket.at) * perMs >= burst) buckets.delete(key)
}
