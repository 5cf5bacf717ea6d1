/**
 * One HTTP request/response (one hop of a redirect chain): sent through the run's agent, body
 * read up to the cap, phases assembled from the connector and the diagnostics channels.
 *
 * @module
 */
import type { Dispatcher } from 'undici'
import type { Clock } from '../../core/clock.js'
import type { Call, Phases } from '../../core/result.js'
import { classifyError } from '../failures.js'
import type { ProbeError } from '../failures.js'
import { connectionInfo } from './connector.js'
import type { ConnectionInfo } from './connector.js'
import type { RunAgent } from './agents.js'
import { trackRequest } from './timings.js'
import type { RequestTiming } from './timings.js'

/** What to send. */
export interface HopRequest {
  url: URL
  method: Dispatcher.HttpMethod
  headers: Record<string, string>
  /** Text, or raw bytes (an object upload). */
  body: string | Uint8Array | undefined
}

/** What came back (or why nothing did). */
export interface HopResult {
  call: Call
  status: number | null
  headers: Record<string, string | string[] | undefined>
  body: string | null
  ip: string | null
  certificateValidTo: number | null
  error: ProbeError | null
}

/** The run-wide things a hop needs. */
export interface HopEnv {
  run: RunAgent
  clock: Clock
  signal: AbortSignal
  timeoutMs: number
  maxBodyBytes: number
  attempt: number
}

const REQUEST_ID_HEADERS = ['x-openstack-request-id', 'x-request-id', 'x-compute-request-id']

/**
 * Sends one request and reads the whole answer. Never rejects.
 *
 * @example
 * const hop = await exchange({ url, method: 'GET', headers: {}, body: undefined }, env)
 */
export async function exchange(request: HopRequest, env: HopEnv): Promise<HopResult> {
  const { clock, signal } = env
  const timing: RequestTiming = { clock }
  const started = clock.monotonic()
  let status: number | null = null
  let headers: HopResult['headers'] = {}
  let body: string | null = null
  let error: ProbeError | null = null
  let bodyEndAt: number | undefined
  try {
    const response = await trackRequest(timing, () =>
      env.run.agent.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal,
      }),
    )
    status = response.statusCode
    headers = response.headers
    const read = await readCapped(response.body, env.maxBodyBytes)
    bodyEndAt = clock.monotonic()
    if (read === null) error = { code: 'malformed', message: `body larger than ${env.maxBodyBytes} bytes` }
    else body = read
  } catch (caught) {
    error = classifyError(caught, signal, env.timeoutMs)
  }
  const ended = clock.monotonic()
  const info = connectionOf(timing, env)
  return {
    call: {
      operation: `${request.method} ${request.url.pathname}`,
      status,
      durationMs: ended - started,
      phases: phasesOf(timing, info, started, bodyEndAt),
      requestId: requestIdOf(headers),
      attempt: env.attempt,
    },
    status,
    headers,
    body,
    ip: info?.ip ?? null,
    certificateValidTo: info?.certificateValidTo ?? null,
    error,
  }
}

async function readCapped(stream: AsyncIterable<Buffer> & { destroy(): unknown }, max: number): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += chunk.length
    if (size > max) {
      stream.destroy()
      return null
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The connection the request used; a failed connect of this run's own agent counts too. */
function connectionOf(timing: RequestTiming, env: HopEnv): (ConnectionInfo & { fresh: boolean }) | null {
  const info = timing.socket ? connectionInfo(timing.socket) : env.run.fresh ? env.run.connector.latest() : undefined
  if (!info) return null
  const fresh = !info.claimed
  info.claimed = true
  return { ...info, fresh }
}

function phasesOf(
  timing: RequestTiming,
  info: (ConnectionInfo & { fresh: boolean }) | null,
  started: number,
  bodyEndAt: number | undefined,
): Phases {
  const phases: Phases = {}
  if (info?.fresh) {
    if (info.dns !== undefined) phases.dns = info.dns
    if (info.connect !== undefined) phases.connect = info.connect
    if (info.tls !== undefined) phases.tls = info.tls
  }
  const connectionMs = (phases.dns ?? 0) + (phases.connect ?? 0) + (phases.tls ?? 0)
  const sentAt = timing.sentAt ?? started + connectionMs
  if (timing.headersAt !== undefined) phases.ttfb = Math.max(0, timing.headersAt - sentAt)
  const end = timing.endAt ?? bodyEndAt
  if (timing.headersAt !== undefined && end !== undefined) phases.transfer = Math.max(0, end - timing.headersAt)
  return phases
}

function requestIdOf(headers: HopResult['headers']): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name]
    if (typeof value === 'string' && value !== '') return value
    if (Array.isArray(value) && value[0]) return value[0]
  }
  return null
}
