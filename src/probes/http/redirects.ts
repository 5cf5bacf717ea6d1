/**
 * Where a redirect leads: the next URL, method and body (per the Fetch standard), and which
 * headers may follow it.
 *
 * @module
 */
import { isSecretName } from '../../core/redact.js'
import type { HopRequest } from './exchange.js'

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/**
 * Whether a status asks the client to go elsewhere.
 *
 * @example
 * isRedirect(302) // true
 */
export function isRedirect(status: number | null): boolean {
  return status !== null && REDIRECT_STATUSES.has(status)
}

/**
 * The request that follows a redirect, or an error message. 303 (and 301/302 after a POST)
 * become a GET without body; secret headers are dropped when the origin changes.
 *
 * @example
 * nextHop(current, 302, '/login', ['authorization']) // { url: …/login, method: 'GET', … }
 */
export function nextHop(current: HopRequest, status: number, location: string, redact: readonly string[]): HopRequest | string {
  let url: URL
  try {
    url = new URL(location, current.url)
  } catch {
    return 'redirect to an invalid location'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `redirect to unsupported scheme ${url.protocol}`
  const toGet = status === 303 ? current.method !== 'HEAD' : (status === 301 || status === 302) && current.method === 'POST'
  const sameOrigin = url.origin === current.url.origin
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(current.headers)) {
    if (!sameOrigin && isSecretName(name, redact)) continue
    if (toGet && /^content-(type|length)$/i.test(name)) continue
    headers[name] = value
  }
  return { url, method: toGet ? 'GET' : current.method, headers, body: toGet ? undefined : current.body }
}
