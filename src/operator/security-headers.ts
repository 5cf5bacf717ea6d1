/**
 * The headers every operator page carries: a CSP that allows no script and no framing, no
 * caching anywhere (pages show live state and carry CSRF tokens), no referrer leaving the site.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono'

/** The operator pages' Content-Security-Policy: own styles and images only, forms only to us. */
export const OPERATOR_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/** Sets the security headers on every operator response. */
export function operatorSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    c.res.headers.set('Content-Security-Policy', OPERATOR_CSP)
    c.res.headers.set('Cache-Control', 'no-store')
    c.res.headers.set('Referrer-Policy', 'same-origin')
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
    c.res.headers.set('X-Frame-Options', 'DENY')
  }
}
