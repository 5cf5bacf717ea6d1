/**
 * CORS for browser clients on other origins (the SCS web client): reads (GET, HEAD and their
 * preflights) from the allowed origins, writes only from the write origins — none unless
 * configured. A preflight for a method an origin may not use gets no CORS headers, so the
 * browser blocks the call.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'

/** Which origins may read and which may write; `*` allows any. */
export interface CorsOrigins {
  allowedOrigins: readonly string[]
  writeOrigins: readonly string[]
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const READ_HEADERS = 'Accept, Accept-Language, Content-Type, If-None-Match'
const WRITE_HEADERS = 'Accept, Accept-Language, Authorization, Content-Type'

function allowedOrigin(origin: string, method: string, origins: CorsOrigins): string | null {
  const read = READ_METHODS.has(method)
  const list = read ? origins.allowedOrigins : origins.writeOrigins
  if (read && list.includes('*')) return '*'
  return list.includes('*') || list.includes(origin) ? origin : null
}

/**
 * The middleware; mount it before the routes of a public API.
 *
 * @example
 * app.use('*', corsFor({ allowedOrigins: ['*'], writeOrigins: ['https://status.example.com'] }))
 */
export function corsFor(origins: CorsOrigins): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin')
    const requested = c.req.header('access-control-request-method')?.toUpperCase()
    if (c.req.method === 'OPTIONS' && requested !== undefined) {
      const headers: Record<string, string> = { vary: 'Origin' }
      const allowed = origin === undefined ? null : allowedOrigin(origin, requested, origins)
      if (allowed !== null) {
        const read = READ_METHODS.has(requested)
        headers['access-control-allow-origin'] = allowed
        headers['access-control-allow-methods'] = read ? 'GET, HEAD, OPTIONS' : `GET, HEAD, OPTIONS, ${requested}`
        headers['access-control-allow-headers'] = read ? READ_HEADERS : WRITE_HEADERS
        headers['access-control-max-age'] = '600'
      }
      return c.body(null, 204, headers)
    }
    await next()
    if (origin === undefined) return
    const allowed = allowedOrigin(origin, c.req.method, origins)
    c.res.headers.append('vary', 'Origin')
    if (allowed !== null) {
      c.res.headers.set('access-control-allow-origin', allowed)
      c.res.headers.set('access-control-expose-headers', 'Location, X-Request-Id')
    }
  }
}
