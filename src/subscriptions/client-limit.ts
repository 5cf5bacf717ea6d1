/**
 * The rate limit of the public subscription pages, keyed on the real client address: the peer,
 * or — when the peer is a trusted proxy (`page.trustedProxies`) — the right-most address of
 * `X-Forwarded-For` that is not itself a trusted proxy. A flood answers 429 with `Retry-After`.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Clock } from '../core/index.js'
import type { ProxyTrust } from '../web/public-url.js'
import { keyedRateLimit, type RateLimit } from '../api/rate-limit.js'

/**
 * The client address of a request.
 *
 * @example
 * clientAddress(c, trustedProxies(['10.0.0.0/8'])) // '203.0.113.9' behind a proxy at 10.0.0.2
 */
export function clientAddress(c: Context, trust: ProxyTrust): string {
  let peer: string | undefined
  try {
    peer = getConnInfo(c).remote.address
  } catch {
    peer = undefined
  }
  if (!trust(peer)) return peer ?? 'unknown'
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter((hop) => hop !== '')
  for (let index = hops.length - 1; index >= 0; index -= 1) if (!trust(hops[index])) return hops[index]!
  return hops[0] ?? peer ?? 'unknown'
}

/**
 * A token bucket per client address; `render` answers a refused request (a page or a problem).
 *
 * @example
 * app.post('/subscribe', clientRateLimit(() => ({ perMinute: 10, burst: 5 }), () => trust, clock, tooMany), handler)
 */
export function clientRateLimit(
  limit: () => RateLimit,
  trust: () => ProxyTrust,
  clock: Clock,
  render: (c: Context, retryAfterSeconds: number) => Response,
): MiddlewareHandler {
  return keyedRateLimit({ keyOf: (c) => clientAddress(c, trust()), limit, clock, refuse: render })
}
