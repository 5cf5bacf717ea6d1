/**
 * The caching headers of every live public read (issue 8 item 6): a strong ETag over the body,
 * `Cache-Control: public, max-age=15, stale-while-revalidate=60, stale-if-error=86400`, and
 * 304 for a matching `If-None-Match`.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'

/** The Cache-Control of live public reads. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=15, stale-while-revalidate=60, stale-if-error=86400'

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag === etag || tag === `W/${etag}`
  })
}

/**
 * Answers `body` with its ETag and the public cache headers, or 304 when the client has it.
 *
 * @example
 * return cachedResponse(c, JSON.stringify(document), 'application/json; charset=UTF-8')
 */
export function cachedResponse(c: Context, body: string, contentType: string, extra: Record<string, string> = {}): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  const headers: Record<string, string> = { etag, 'cache-control': PUBLIC_CACHE_CONTROL, ...extra }
  if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
  return c.body(body, 200, { ...headers, 'content-type': contentType })
}

/**
 * The same policy for routes that render their own answers (the HTML pages): after the route, a
 * 200 whose Cache-Control is public (or unset) and that sets no cookie gets {@link PUBLIC_CACHE_CONTROL}, a strong ETag
 * over its body unless it carries one, and becomes a 304 for a matching `If-None-Match`. Private
 * and `no-store` answers (a bad query) stay as they are; one that sets a cookie (the language
 * switch) becomes private.
 *
 * @example
 * app.use('/history', publicCaching())
 */
export function publicCaching(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.res.status !== 200) return
    const control = c.res.headers.get('cache-control')
    if (control !== null && !control.startsWith('public')) return
    const headers = new Headers(c.res.headers)
    if (headers.has('set-cookie')) {
      // An answer that sets a cookie (the language switch) is this client's alone.
      c.res.headers.set('cache-control', 'private, max-age=5')
      return
    }
    let etag = headers.get('etag')
    if (control === PUBLIC_CACHE_CONTROL && etag !== null && !matches(c.req.header('if-none-match'), etag)) return
    headers.set('cache-control', PUBLIC_CACHE_CONTROL)
    const body = new Uint8Array(await c.res.arrayBuffer())
    if (etag === null) {
      etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
      headers.set('etag', etag)
    }
    const notModified = matches(c.req.header('if-none-match'), etag)
    if (notModified) for (const name of ['content-type', 'content-length', 'content-encoding']) headers.delete(name)
    // Assigning over a response merges the old headers back in; clear it first so ours stand.
    c.res = undefined
    c.res = notModified ? new Response(null, { status: 304, headers }) : new Response(body, { status: 200, headers })
  }
}
