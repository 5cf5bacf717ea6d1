/**
 * One HTTP POST of a message: acknowledged only by a 2xx answer within the timeout; redirects are
 * not followed (a receiver that moved is a configuration error to see, not to guess).
 *
 * @module
 */
import { request } from 'undici'

/** A send that was not acknowledged; the message says why (the caller redacts it). */
export class SendError extends Error {
  override readonly name = 'SendError'
}

/**
 * POSTs `body` to `url` and resolves when the receiver answered 2xx; throws {@link SendError}
 * otherwise (status, refused connection, timeout).
 *
 * @example
 * await postJson('http://127.0.0.1:9093/api/v2/alerts', JSON.stringify(alerts), {}, 10_000)
 */
export async function postJson(url: string, body: string, headers: Readonly<Record<string, string>>, timeoutMs: number): Promise<void> {
  let status: number
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'glasshouse-notify', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
    status = response.statusCode
    await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined)
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describe(error)
    throw new SendError(reason)
  }
  if (status < 200 || status > 299) throw new SendError(`the receiver answered HTTP ${status}`)
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${cause}`
}
