/**
 * Who is on the other end of an operator request: the real client address (for the sign-in rate
 * limit and audit) and whether the browser reached us over TLS (for the cookie's `Secure`).
 * Forwarded headers count only when the direct peer is one of `page.trustedProxies`.
 *
 * @module
 */
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { ProxyTrust } from '../web/index.js'

/** The direct peer's address, or undefined when the request did not come over a socket (tests). */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/**
 * The real client address: the peer, or — when the peer is a trusted proxy — the nearest
 * `X-Forwarded-For` hop that is not itself a trusted proxy. `unknown` when there is no peer.
 *
 * @example
 * realClientAddress(c, trustedProxies(['10.0.0.1'])) // '203.0.113.9' behind the proxy
 */
export function realClientAddress(c: Context, trust: ProxyTrust): string {
  const peer = peerAddress(c)
  if (peer === undefined) return 'unknown'
  if (!trust(peer)) return peer
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter((hop) => hop !== '')
  for (let i = hops.length - 1; i >= 0; i--) if (!trust(hops[i])) return hops[i]!
  return hops[0] ?? peer
}

/**
 * Whether the browser's connection was TLS: the request URL says https (a TLS listener), or a
 * trusted proxy says `X-Forwarded-Proto: https`.
 *
 * @example
 * setCookie(c, name, value, { secure: cameOverTls(c, trust) })
 */
export function cameOverTls(c: Context, trust: ProxyTrust): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  if (!trust(peerAddress(c))) return false
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https'
}
