/**
 * Classifies an OpenStack answer that is not a success into the contract's failure codes, with
 * the server's own message (shortened) so operators see what the API said.
 *
 * @module
 */
import { failureCodeForHttpStatus } from '../../core/failure.js'
import type { CallFailure } from './call.js'

/** A failed answer and how long the server asked us to wait, when it did. */
export interface AnswerFailure extends CallFailure {
  retryAfterMs: number | null
}

const QUOTA = /quota|overquota|over limit|limit exceeded/i
const MAX_MESSAGE = 200

/**
 * The failure an HTTP answer stands for: 401 `auth`, 403 `forbidden`, 404 `not_found`, 409
 * `conflict`, 413 and quota messages `quota`, 429 and 503 with Retry-After `rate_limited`,
 * other 5xx `http_5xx`, other 4xx `http_4xx`.
 *
 * @example
 * classifyAnswer(503, { 'retry-after': '2' }, '') // { code: 'rate_limited', …, retryAfterMs: 2000 }
 */
export function classifyAnswer(
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string | null,
  now: number = Date.now(),
): AnswerFailure {
  const retryAfterMs = parseRetryAfter(headerOf(headers, 'retry-after'), now)
  const said = serverMessage(body)
  const message = `HTTP ${status}${said ? `: ${said}` : ''}`
  if (status === 413 || ([400, 403, 409].includes(status) && QUOTA.test(said))) return { code: 'quota', message, retryAfterMs }
  if (status === 429 || (status === 503 && retryAfterMs !== null)) return { code: 'rate_limited', message, retryAfterMs }
  return { code: failureCodeForHttpStatus(status), message, retryAfterMs }
}

/**
 * Reads `Retry-After` (seconds or an HTTP date) as milliseconds from `now`.
 *
 * @example
 * parseRetryAfter('3', Date.now()) // 3000
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/**
 * The message an OpenStack error body carries (`{"itemNotFound": {"message": …}}`,
 * `{"NeutronError": {"message": …}}`, `{"error": {"message": …}}`, `{"message": …}`, or
 * plain text), single-line and shortened.
 *
 * @example
 * serverMessage('{"computeFault": {"message": "boom", "code": 500}}') // 'boom'
 */
export function serverMessage(body: string | null): string {
  if (body === null || body.trim() === '') return ''
  let text: string = body
  try {
    text = findMessage(JSON.parse(body) as unknown) ?? body
  } catch {
    text = body.replace(/<[^>]*>/g, ' ')
  }
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line
}

function findMessage(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object' || depth > 2) return null
  const record = value as Record<string, unknown>
  for (const key of ['message', 'faultstring', 'title', 'detail', 'description']) {
    if (typeof record[key] === 'string') return record[key]
  }
  for (const nested of Object.values(record)) {
    const found = findMessage(nested, depth + 1)
    if (found !== null) return found
  }
  return null
}

/**
 * One header's first value, or null.
 *
 * @example
 * headerOf({ 'x-openstack-request-id': 'req-1' }, 'x-openstack-request-id') // 'req-1'
 */
export function headerOf(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | null {
  const value = headers[name]
  if (typeof value === 'string') return value
  return Array.isArray(value) ? (value[0] ?? null) : null
}
