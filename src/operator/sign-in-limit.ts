/**
 * The sign-in rate limit: a token bucket per real client address that only failed sign-ins
 * drain. An empty bucket refuses every attempt from that address (429 with `Retry-After`)
 * before the token is even looked at, so guessing gains nothing. Buckets live in memory: a
 * restart forgets them (as it does the API's incoming limit).
 *
 * @module
 */
import type { Clock } from '../core/index.js'

interface Bucket {
  tokens: number
  at: number
  /** Whether a refusal was already reported since the bucket ran empty. */
  reported: boolean
}

/** Past this many addresses, those whose bucket has refilled are forgotten. */
const MAX_BUCKETS = 10_000

/** The limiter of one server. */
export interface SignInLimiter {
  /**
   * Seconds until `client` may try again (0: now), and whether this is the first refusal since
   * its bucket ran empty — only that one is worth recording, so a flood writes one audit row.
   */
  check(client: string): { retryAfter: number; firstRefusal: boolean }
  /** Counts a failed sign-in of `client`. */
  failed(client: string): void
}

/**
 * Builds a limiter reading its limits at each use.
 *
 * @example
 * const limiter = signInLimiter(() => config.operator.signInRateLimit, systemClock)
 */
export function signInLimiter(limit: () => { perMinute: number; burst: number }, clock: Clock): SignInLimiter {
  const buckets = new Map<string, Bucket>()
  const level = (client: string, now: number) => {
    const { perMinute, burst } = limit()
    const previous = buckets.get(client)
    if (previous === undefined) return { tokens: burst, perMs: perMinute / 60_000, burst }
    return { tokens: Math.min(burst, previous.tokens + Math.max(0, now - previous.at) * (perMinute / 60_000)), perMs: perMinute / 60_000, burst }
  }
  return {
    check(client) {
      const { tokens, perMs } = level(client, clock.now())
      if (tokens >= 1) return { retryAfter: 0, firstRefusal: false }
      const bucket = buckets.get(client)!
      const firstRefusal = !bucket.reported
      bucket.reported = true
      return { retryAfter: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)), firstRefusal }
    },
    failed(client) {
      const now = clock.now()
      const { tokens, perMs, burst } = level(client, now)
      buckets.set(client, { tokens: Math.max(0, tokens - 1), at: now, reported: false })
      if (buckets.size > MAX_BUCKETS) {
        for (const [key, bucket] of buckets) if (bucket.tokens + (now - bucket.at) * perMs >= burst) buckets.delete(key)
      }
    },
  }
}
