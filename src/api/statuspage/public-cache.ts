/**
 * The caching headers of every live public read (issue 8 item 6): a strong ETag over the body,
 * `Cache-Control: public, max-age=15, stale-while-revalidate=60, stale-if-error=86400`, and
 * 304 for a matching `If-None-Match`.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Context } from 'hono'

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
