/**
 * SCS `GET /components` without `at` — the SCS web client's busiest call — answered from one
 * encoding per status snapshot: the JSON is built and gzipped once, served with an ETag, and
 * offered to the server's fast path. Its freshness is the status snapshot's: a new one is read
 * after every API write at once, after new measurements within the status reader's minimum age,
 * and at the latest after its maximum age (5 s), which also bounds how late a maintenance window
 * that starts by the clock shows.
 *
 * @module
 */
import type { Context } from 'hono'
import type { HotResponses } from '../../server/hot-responses.js'
import type { StatusReader, StatusSnapshot } from '../../status/index.js'
import { acceptsGzip, encodePage, type EncodedPage } from '../../web/encoded-page.js'
import { PUBLIC_CACHE_CONTROL } from '../statuspage/public-cache.js'

/** What the cache needs: the snapshot that dates an answer, and the fast path with the full path it serves. */
export interface CurrentComponentsCache {
  status: StatusReader
  hot?: HotResponses | undefined
  /** The request target of the route, e.g. `/scs/components`. */
  path: string
}

interface Encoded extends EncodedPage {
  etag: string
}

/**
 * Returns the handler of the cached route; `build` makes the response body.
 *
 * @example
 * const answer = currentComponentsHandler(cache, async () => ({ data: await listComponents() }))
 * app.get('/components', (c) => answer(c))
 */
export function currentComponentsHandler(cache: CurrentComponentsCache, build: () => Promise<unknown>): (c: Context) => Promise<Response> {
  const encodings = new WeakMap<StatusSnapshot, Promise<Encoded>>()
  let built = 0
  cache.hot?.route(cache.path, () => '')
  const encodingOf = (snapshot: StatusSnapshot): Promise<Encoded> => {
    let encoding = encodings.get(snapshot)
    if (encoding === undefined) {
      const etag = `W/"${snapshot.generatedAt.toString(36)}.${(built += 1).toString(36)}"`
      encoding = build().then(async (body) => ({ ...(await encodePage(JSON.stringify(body))), etag }))
      encodings.set(snapshot, encoding)
      encoding.catch(() => encodings.delete(snapshot))
    }
    return encoding
  }
  return async (c) => {
    const snapshot = await cache.status.current()
    const encoded = await encodingOf(snapshot)
    const headers = { 'content-type': 'application/json', etag: encoded.etag, vary: 'accept-encoding', 'cache-control': PUBLIC_CACHE_CONTROL }
    cache.hot?.offer(cache.path, '', { headers, etag: encoded.etag, plain: encoded.plain, gzip: encoded.gzip, isCurrent: () => cache.status.isCurrent(snapshot) })
    if (c.req.header('if-none-match') === encoded.etag) return c.body(null, 304, headers)
    if (acceptsGzip(c.req.header('accept-encoding'))) return c.body(encoded.gzip, 200, { ...headers, 'content-encoding': 'gzip' })
    return c.body(encoded.plain, 200, headers)
  }
}
