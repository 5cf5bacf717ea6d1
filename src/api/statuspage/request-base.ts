/**
 * The base URL of the public page for one request: `page.publicUrl`, else `server.publicUrl`,
 * else the request's own host (forwarded headers believed only from trusted proxies), as the
 * public pages decide it.
 *
 * @module
 */
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { PageConfig } from '../../config/index.js'
import { baseUrl, trustedProxies, type ProxyTrust } from '../../web/index.js'

/** Where the base URL comes from; both read at each use (a reload may change them). */
export interface BaseSettings {
  page: () => PageConfig
  serverPublicUrl?: () => string | undefined
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/**
 * A function giving the base URL (no trailing slash) of a request.
 *
 * @example
 * const base = requestBase({ page: () => config.page })
 * base(c) // 'https://status.example.com'
 */
export function requestBase(settings: BaseSettings): (c: Context) => string {
  let trust: { entries: readonly string[]; check: ProxyTrust } | null = null
  return (c) => {
    const page = settings.page()
    if (trust?.entries !== page.trustedProxies) trust = { entries: page.trustedProxies, check: trustedProxies(page.trustedProxies) }
    return baseUrl(
      { publicUrl: page.publicUrl ?? settings.serverPublicUrl?.(), trust: trust.check },
      { peer: peerAddress(c), host: c.req.header('host'), forwardedProto: c.req.header('x-forwarded-proto'), forwardedHost: c.req.header('x-forwarded-host') },
    )
  }
}
