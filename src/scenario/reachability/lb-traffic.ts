/**
 * The load balancer's traffic check, as OSHM's `curl -m4 http://<LB-FIP>/hostname` loop: a
 * number of requests, one after the other and each on a new connection, to the load balancer's
 * floating IP. Every backend answers with its own name, so the answers show the round robin.
 * It passes when no request failed and exactly the expected number of backends answered — and
 * none of those that must be silent (after the failover test stopped them).
 *
 * @module
 */
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import type { Call } from '../../core/result.js'
import type { CheckFailure, CheckOutcome, CheckRuntime } from './outcome.js'
import { runtimeWith } from './ping.js'
import { invalidPort, invalidTarget } from './targets.js'

/** What the backends serve their name at (OSHM's user-data: `hostname` under `python3 -m http.server 80`). */
export const BACKEND_NAME_PATH = '/hostname'
/** OSHM's `curl -m4`: one request may take this long. */
export const LB_REQUEST_TIMEOUT_MS = 4_000
/** An answer longer than this is not a backend's name. */
const MAX_NAME_LENGTH = 200

/** Where the traffic goes. */
export interface LbTrafficTarget {
  /** The load balancer's floating IP. */
  address: string
  /** The listener's port; default 80. */
  port?: number
  /** `HTTP`: a GET per request; `TCP`: connect, send the same GET as bytes, read until the backend closes. */
  protocol: 'HTTP' | 'TCP'
}

/** What the answers must show. */
export interface LbTrafficExpectation {
  /** Requests to send (OSHM: one per VM, plus one). */
  requests: number
  /** How many different backends must answer, each at least once. */
  backends: number
  /** Backend names that must not answer (the stopped ones). */
  silent?: readonly string[]
  /** Per request; default {@link LB_REQUEST_TIMEOUT_MS}. */
  timeoutMs?: number
}

/** One request: when it started, how long it took, who answered or why it failed. */
export interface LbRequestRecord {
  /** Epoch ms. */
  startedAt: number
  durationMs: number
  /** The answering backend's name; null when the request failed. */
  backend: string | null
  failure: CheckFailure | null
}

/** The traffic check's outcome: per-backend counts and every request, besides the usual fields. */
export interface LbTrafficOutcome extends CheckOutcome {
  /** Backend name → requests it answered. */
  counts: Record<string, number>
  requests: LbRequestRecord[]
}

/**
 * Sends `expectation.requests` requests through the load balancer and judges the answers.
 * Never rejects.
 *
 * @example
 * const outcome = await checkLbTraffic({ address: '203.0.113.9', protocol: 'HTTP' }, { requests: 4, backends: 3 })
 * outcome.counts // { 'gh-mon1-k3x9-vm-vm1': 2, 'gh-mon1-k3x9-vm-vm2': 1, 'gh-mon1-k3x9-vm-vm3': 1 }
 */
export async function checkLbTraffic(target: LbTrafficTarget, expectation: LbTrafficExpectation, runtime: Partial<CheckRuntime> = {}): Promise<LbTrafficOutcome> {
  const { clock, signal } = runtimeWith(runtime)
  const port = target.port ?? 80
  const check = `${target.protocol.toLowerCase()} ${target.address}:${port}${BACKEND_NAME_PATH} ×${expectation.requests}`
  const startedAt = clock.now()
  const begin = clock.monotonic()
  const bad = invalidTarget(target.address) ?? invalidPort(port) ?? (Number.isInteger(expectation.requests) && expectation.requests > 0 ? null : `not a request count: ${expectation.requests}`)
  const requests: LbRequestRecord[] = []
  const calls: Call[] = []
  if (bad === null) {
    for (let index = 0; index < expectation.requests && !signal?.aborted; index += 1) {
      const sentAt = clock.now()
      const sent = clock.monotonic()
      const answer = await askBackend(target.address, port, target.protocol, expectation.timeoutMs ?? LB_REQUEST_TIMEOUT_MS)
      const durationMs = clock.monotonic() - sent
      requests.push({ startedAt: sentAt, durationMs, backend: answer.backend, failure: answer.failure })
      calls.push({ operation: target.protocol === 'HTTP' ? `GET ${BACKEND_NAME_PATH}` : 'tcp.read', status: answer.status, durationMs, phases: {}, requestId: null, attempt: index + 1 })
    }
  }
  const counts = countAnswers(requests)
  const failure = bad === null ? judge(`LB ${target.address}:${port}`, requests, counts, expectation) : { code: 'internal' as const, message: bad }
  return { check, ok: failure === null, startedAt, durationMs: clock.monotonic() - begin, attempts: 1, calls, failure, counts, requests }
}

/**
 * A short line of the answers, for step reasons and logs.
 *
 * @example
 * describeAnswers({ a: 2, b: 1 }) // 'a ×2, b ×1'
 */
export function describeAnswers(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))
  return entries.length === 0 ? 'no answers' : entries.map(([name, count]) => `${name} ×${count}`).join(', ')
}

function countAnswers(requests: readonly LbRequestRecord[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { backend } of requests) if (backend !== null) counts[backend] = (counts[backend] ?? 0) + 1
  return counts
}

function judge(where: string, requests: readonly LbRequestRecord[], counts: Record<string, number>, expectation: LbTrafficExpectation): CheckFailure | null {
  const failed = requests.filter((request) => request.failure !== null)
  const answers = describeAnswers(counts)
  if (requests.length < expectation.requests) return { code: 'internal', message: `${where}: stopped after ${requests.length} of ${expectation.requests} requests` }
  if (failed.length > 0) return { code: failed[0]!.failure!.code, message: `${where}: ${failed.length} of ${requests.length} requests failed (first: ${failed[0]!.failure!.message}); answers: ${answers}` }
  const loud = (expectation.silent ?? []).filter((name) => counts[name] !== undefined)
  if (loud.length > 0) return { code: 'assertion', message: `${where}: stopped backends still answered (${loud.join(', ')}); answers: ${answers}` }
  const distinct = Object.keys(counts).length
  if (distinct !== expectation.backends) return { code: 'assertion', message: `${where}: ${distinct} backends answered, expected ${expectation.backends} (round robin); answers: ${answers}` }
  return null
}

interface Answer {
  backend: string | null
  status: number | null
  failure: CheckFailure | null
}

function askBackend(address: string, port: number, protocol: 'HTTP' | 'TCP', timeoutMs: number): Promise<Answer> {
  return protocol === 'HTTP' ? askOverHttp(address, port, timeoutMs) : askOverTcp(address, port, timeoutMs)
}

function askOverHttp(address: string, port: number, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const request = httpRequest({ host: address, port, path: BACKEND_NAME_PATH, agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', (error) => resolve(failed(error, null, timeoutMs)))
      response.on('end', () => {
        const status = response.statusCode ?? null
        if (status !== 200) return resolve({ backend: null, status, failure: { code: status !== null && status >= 500 ? 'http_5xx' : 'http_4xx', message: `HTTP ${status}` } })
        resolve(named(Buffer.concat(chunks).toString('utf8'), status))
      })
    })
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })))
    request.on('error', (error) => resolve(failed(error, null, timeoutMs)))
    request.end()
  })
}

function askOverTcp(address: string, port: number, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect({ host: address, port, timeout: timeoutMs })
    socket.on('connect', () => socket.end(`GET ${BACKEND_NAME_PATH} HTTP/1.0\r\nHost: ${address}\r\n\r\n`))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('timeout', () => socket.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })))
    socket.on('error', (error) => resolve(failed(error, null, timeoutMs)))
    socket.on('close', (hadError) => {
      if (hadError) return
      const text = Buffer.concat(chunks).toString('utf8')
      if (text.length === 0) return resolve({ backend: null, status: null, failure: { code: 'connect', message: 'the connection closed without an answer' } })
      const head = /^HTTP\/\d\.\d (\d{3})/.exec(text)
      if (head && head[1] !== '200') return resolve({ backend: null, status: Number(head[1]), failure: { code: Number(head[1]) >= 500 ? 'http_5xx' : 'http_4xx', message: `HTTP ${head[1]}` } })
      const body = head ? text.slice(text.indexOf('\r\n\r\n') + 4) : text
      resolve(named(body, head ? 200 : 0))
    })
  })
}

function named(body: string, status: number): Answer {
  const name = body.trim()
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || /[\r\n]/.test(name)) {
    return { backend: null, status, failure: { code: 'malformed', message: `the answer is not a backend name (${name.length} characters)` } }
  }
  return { backend: name, status, failure: null }
}

function failed(error: Error & { code?: string }, status: number | null, timeoutMs: number): Answer {
  const code = error.code ?? ''
  if (code === 'ETIMEDOUT') return { backend: null, status, failure: { code: 'timeout', message: `no answer within ${timeoutMs} ms` } }
  if (code === 'ECONNREFUSED') return { backend: null, status, failure: { code: 'connect', message: 'connection refused' } }
  if (code === 'ECONNRESET' || code === 'EPIPE') return { backend: null, status, failure: { code: 'connect', message: 'connection reset' } }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { backend: null, status, failure: { code: 'connect', message: 'no route to the load balancer' } }
  return { backend: null, status, failure: { code: 'connect', message: code || error.message } }
}
