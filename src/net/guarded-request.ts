/**
 * One outgoing request through the SSRF guard: checked, pinned to the checked address, never
 * following a redirect (a 3xx answer is a failure: following it would reach an unchecked target).
 *
 * @module
 */
import { request } from 'undici'
import type { SsrfGuard } from './ssrf-guard.js'

/** What a guarded request sends. */
export interface GuardedRequest {
  method?: 'POST' | 'PUT' | 'GET'
  body?: string
  headers?: Readonly<Record<string, string>>
  timeoutMs: number
}

/** The answer of a guarded request (2xx only; the body is read up to 64 KiB). */
export interface GuardedResponse {
  status: number
  body: string
}

/** A guarded request that was sent but not answered with 2xx (or not answered at all). */
export class GuardedRequestError extends Error {
  override readonly name = 'GuardedRequestError'
  constructor(message: string, readonly status: number | null) {
    super(message)
  }
}

/**
 * Sends `init` to `url` if the guard allows it (undici.request follows no redirect without an
 * interceptor); rejects with `SsrfDeniedError` (refused before
 * any connection) or {@link GuardedRequestError} (a 3xx, 4xx, 5xx, or no answer).
 *
 * @example
 * await guardedRequest(guard, 'https://hooks.example.com/x', { method: 'POST', body, timeoutMs: 10_000 })
 */
export async function guardedRequest(guard: SsrfGuard, url: string, init: GuardedRequest): Promise<GuardedResponse> {
  const target = await guard.check(url)
  const dispatcher = guard.dispatcher(target)
  try {
    const response = await request(target.url, {
      method: init.method ?? 'POST',
      dispatcher,
      headers: { 'user-agent': 'glasshouse', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      signal: AbortSignal.timeout(init.timeoutMs),
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs,
      ...(init.body === undefined ? {} : { body: init.body }),
    }).catch((error: unknown) => {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${init.timeoutMs} ms` : error instanceof Error ? error.message : String(error)
      throw new GuardedRequestError(reason, null)
    })
    const text = await readCapped(response.body, 64 * 1024)
    const status = response.statusCode
    if (status >= 300 && status < 400) throw new GuardedRequestError(`the target answered HTTP ${status} (redirect to ${response.headers.location ?? 'nowhere'}); redirects are not followed`, status)
    if (status < 200 || status > 299) throw new GuardedRequestError(`the target answered HTTP ${status}`, status)
    return { status, body: text }
  } finally {
    await dispatcher.close().catch(() => undefined)
  }
}

async function readCapped(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    if (size < limit) chunks.push(chunk.subarray(0, limit - size))
    size += chunk.length
  }
  return Buffer.concat(chunks).toString('utf8')
}

