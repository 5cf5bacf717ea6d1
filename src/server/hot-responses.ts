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

/** An answer's headers as flat name, value lists, built once: `writeHead` takes them as they are. */
interface HeaderLists {
  notModified: string[]
  plain: string[]
  gzip: string[]
}

const headerLists = new WeakMap<HotResponse, HeaderLists>()

function headerListsOf(answer: HotResponse): HeaderLists {
  const common = Object.entries(answer.headers).flat()
  const lists = {
    notModified: common,
    plain: [...common, 'content-length', String(answer.plain.byteLength)],
    gzip: [...common, 'content-encoding', 'gzip', 'content-length', String(answer.gzip.byteLength)],
  }
  headerLists.set(answer, lists)
  return lists
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
      if (request.headers['if-none-match'] === answer.etag) {
        response.writeHead(304, [...headers.notModified, 'x-request-id', newId()]).end()
        return true
      }
      const gzip = acceptsGzip(request.headers['accept-encoding'])
      response.writeHead(200, [...(gzip ? headers.gzip : headers.plain), 'x-request-id', newId()]).end(gzip ? answer.gzip : answer.plain)
      return true
    },
  }
}
