/**
 * One API call with its retries: each attempt sent through the iteration's connections, timed,
 * classified and recorded as its own {@link OpenStackCall}.
 *
 * @module
 */
import type { Dispatcher } from 'undici'
import type { Clock } from '../../core/clock.js'
import { exchange } from '../../probes/http/index.js'
import type { HopResult } from '../../probes/http/index.js'
import type { CallFailure, OpenStackCall } from './call.js'
import { classifyAnswer } from './classify.js'
import type { AnswerFailure } from './classify.js'
import type { ConnectionPool } from './pool.js'
import { retryDelayMs } from './retry.js'
import type { RetryPolicy } from './retry.js'

/** An answer that arrived. */
export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string | null
  requestId: string | null
}

/** Turns an accepted answer into a value, or says why it is malformed. */
export type AcceptAnswer<T> = (answer: Answer) => { ok: true; value: T } | { ok: false; failure: CallFailure }

/** What to send and how to judge the answer. */
export interface CallSpec<T> {
  service: string
  operation: string
  method: Dispatcher.HttpMethod
  url: URL
  urlTemplate: string
  headers: Record<string, string>
  body?: string | Uint8Array
  timeoutMs: number
  /** Default: true for GET and HEAD. */
  idempotent?: boolean
  /** Statuses that count as success; default any 2xx. */
  expect?: readonly number[]
  accept: AcceptAnswer<T>
  /** The attempt number of the first try (a call repeated after a token renewal continues the count). */
  firstAttempt?: number
}

/** The iteration a call runs in. */
export interface CallEnv {
  pool: ConnectionPool
  clock: Clock
  signal: AbortSignal
  policy: RetryPolicy
  maxBodyBytes: number
  record(call: OpenStackCall): void
}

/** The last attempt's verdict; every attempt was recorded on the way. */
export type CallOutcome<T> =
  | { ok: true; value: T; answer: Answer; attempts: number }
  | { ok: false; failure: AnswerFailure; answer: Answer | null; attempts: number }

/**
 * Sends the call, retrying per the policy. Never rejects for anything the network or the
 * server does.
 *
 * @example
 * const outcome = await performCall({ service: 'compute', operation: 'compute.flavors.list', method: 'GET', url, urlTemplate: '/flavors', headers, timeoutMs: 28000, accept }, env)
 */
export async function performCall<T>(spec: CallSpec<T>, env: CallEnv): Promise<CallOutcome<T>> {
  const idempotent = spec.idempotent ?? (spec.method === 'GET' || spec.method === 'HEAD')
  for (let attempt = spec.firstAttempt ?? 1; ; attempt++) {
    const { outcome, call } = await attemptOnce(spec, env, attempt)
    env.record(call)
    if (outcome.ok) return outcome
    const delay = env.signal.aborted ? null : retryDelayMs(outcome.failure, attempt, idempotent, env.policy)
    if (delay === null || !(await pause(delay, env.signal))) return outcome
  }
}

async function attemptOnce<T>(spec: CallSpec<T>, env: CallEnv, attempt: number): Promise<{ outcome: CallOutcome<T>; call: OpenStackCall }> {
  const startedAt = env.clock.now()
  const signal = AbortSignal.any([env.signal, AbortSignal.timeout(spec.timeoutMs)])
  const origin = spec.url.origin
  const run = await env.pool.acquire(origin)
  let hop: HopResult
  try {
    hop = await exchange(
      { url: spec.url, method: spec.method, headers: spec.headers, body: spec.body },
      { run, clock: env.clock, signal, timeoutMs: spec.timeoutMs, maxBodyBytes: env.maxBodyBytes, attempt },
    )
  } finally {
    env.pool.release(origin, run)
  }
  const outcome = judge(spec, hop, attempt)
  const call: OpenStackCall = {
    operation: spec.operation,
    service: spec.service,
    method: spec.method,
    urlTemplate: spec.urlTemplate,
    status: hop.status,
    phases: hop.call.phases,
    durationMs: hop.call.durationMs,
    bytes: hop.body === null ? 0 : Buffer.byteLength(hop.body),
    requestId: hop.call.requestId,
    attempt,
    startedAt,
    failure: outcome.ok ? null : { code: outcome.failure.code, message: outcome.failure.message },
  }
  return { outcome, call }
}

function judge<T>(spec: CallSpec<T>, hop: HopResult, attempt: number): CallOutcome<T> {
  if (hop.error !== null || hop.status === null) {
    const error = hop.error ?? { code: 'connect' as const, message: 'no answer' }
    return { ok: false, failure: { ...error, retryAfterMs: null }, answer: null, attempts: attempt }
  }
  const answer: Answer = { status: hop.status, headers: hop.headers, body: hop.body, requestId: hop.call.requestId }
  const expected = spec.expect ? spec.expect.includes(hop.status) : hop.status >= 200 && hop.status < 300
  if (!expected) return { ok: false, failure: classifyAnswer(hop.status, hop.headers, hop.body), answer, attempts: attempt }
  const accepted = spec.accept(answer)
  if (!accepted.ok) return { ok: false, failure: { ...accepted.failure, retryAfterMs: null }, answer, attempts: attempt }
  return { ok: true, value: accepted.value, answer, attempts: attempt }
}

function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false)
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
