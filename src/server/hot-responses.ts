/**
 * Answers the busiest public reads (`/`, `/scs/components`) straight from memory on the
 * `node:http` request, before the web framework sees it. A route of the app offers its encoded
 * answer together with a test of whether that answer is still current (the status snapshot and
 * page data it was made from); while it is, an identical request gets the same bytes and headers
 * without building a framework request, reading the store or rendering. Anything the fast path
 * cannot judge — another method, a query string, an `Origin` header, an answer no longer current —
 * goes to the app as before.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { newId } from '../core/ids.js'
import { acceptsGzip } from '../web/encoded-page.js'

/** An answer encoded once, served from memory while it is current. */
export interface HotResponse {
  /** Headers of the answer except `content-encoding`, `content-length` and `x-request-id`. */
  headers: Readonly<Record<string, string>>
  /** The entity tag in `headers`, compared with `If-None-Match`. */
  etag: string
  plain: Uint8Array
  gzip: Uint8Array
  /** Whether the app would still answer exactly this now. */
  isCurrent(): boolean
}

/**
 * The variant of a request a route answers differently (e.g. the page language), or null when
 * the fast path must not answer it.
 */
export type VariantOf = (request: IncomingMessage) => string | null

/** The registry of fast-path answers, shared by the app's routes and the HTTP server. */
export interface HotResponses {
  /** Declares that the request target `path` (exact, no query) may be answered from memory. */
  route(path: string, variantOf: VariantOf): void
  /** Remembers the app's answer to `path` in `variant` (ignored for an undeclared path). */
  offer(path: string, variant: string, response: HotResponse): void
  /** Answers `request` from memory when it can; false means the app must answer it. */
  serve(request: IncomingMessage, response: ServerResponse): boolean
}

interface HotRoute {
  variantOf: VariantOf
  answers: Map<string, HotResponse>
}

/**
 * An answer's headers as flat name, value lists, built once and ending in `x-request-id`, whose
 * value is set per request: `writeHead` copies a list into the response's head at once, so one
 * list serves every request without a copy of its own.
 */
interface HeaderLists {
  notModified: string[]
  plain: string[]
  gzip: string[]
}

const headerLists = new WeakMap<HotResponse, HeaderLists>()

function headerListsOf(answer: HotResponse): HeaderLists {
  const common = Object.entries(answer.headers).flat()
  const lists = {
    notModified: [...common, 'x-request-id', ''],
    plain: [...common, 'content-length', String(answer.plain.byteLength), 'x-request-id', ''],
    gzip: [...common, 'content-encoding', 'gzip', 'content-length', String(answer.gzip.byteLength), 'x-request-id', ''],
  }
  headerLists.set(answer, lists)
  return lists
}

/** `list` with a new request id in its last value, for one synchronous `writeHead`. */
function withRequestId(list: string[]): string[] {
  list[list.length - 1] = newId()
  return list
}

/** Whether `If-None-Match` names `etag` by weak comparison (the exact header first: the common case costs one compare). */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  if (ifNoneMatch === etag) return true
  const opaque = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag.replace(/^W\//, '') === opaque
  })
}

/**
 * Creates an empty registry.
 *
 * @example
 * const hot = createHotResponses()
 * hot.route('/', () => 'en')
 * createServer((req, res) => hot.serve(req, res) || appListener(req, res))
 */
export function createHotResponses(): HotResponses {
  const routes = new Map<string, HotRoute>()
  return {
    route(path, variantOf) {
      routes.set(path, { variantOf, answers: new Map() })
    },
    offer(path, variant, response) {
      routes.get(path)?.answers.set(variant, response)
    },
    serve(request, response) {
      if (request.method !== 'GET' || request.headers.origin !== undefined) return false
      const route = routes.get(request.url ?? '')
      if (route === undefined) return false
      const variant = route.variantOf(request)
      const answer = variant === null ? undefined : route.answers.get(variant)
      if (answer === undefined || !answer.isCurrent()) return false
      const headers = headerLists.get(answer) ?? headerListsOf(answer)
      if (matchesEtag(request.headers['if-none-match'], answer.etag)) {
        response.writeHead(304, withRequestId(headers.notModified)).end()
        return true
      }
      const gzip = acceptsGzip(request.headers['accept-encoding'])
      response.writeHead(200, withRequestId(gzip ? headers.gzip : headers.plain)).end(gzip ? answer.gzip : answer.plain)
      return true
    },
  }
}
