/**
 * One iteration of calls to a cloud: its own connections (fresh per iteration), the record of
 * every attempt, and the typed `get`/`post`/`put`/`patch`/`delete` every service module uses.
 *
 * @module
 */
import type { Dispatcher } from 'undici'
import { z } from 'zod'
import { redactText } from '../../core/redact.js'
import type { ProbeLogger } from '../../probes/probe.js'
import { callTimeoutMs, ConnectionPool, performCall } from '../http/index.js'
import type { CallEnv, CallOutcome, OpenStackCall } from '../http/index.js'
import { AuthConfigError, issueToken, parseJson } from '../keystone/index.js'
import type { CatalogService, Token } from '../keystone/index.js'
import { officialServiceType } from '../service-types.js'
import { OpenStackError } from './errors.js'
import { microversionHeaders, microversionRange, negotiateMicroversion, VersionDocumentSchema } from './microversion.js'
import type { MicroversionRange } from './microversion.js'
import type { ClientState } from './state.js'
import { buildUrl, fillPath } from './url.js'
import { versionDocumentUrl } from './versions.js'
import type { QueryValue } from './url.js'

/** Everything a call may say besides service, operation and path. */
export interface RequestParams {
  /** Values for the `{name}` placeholders of the path template. */
  path?: Record<string, string>
  query?: Record<string, QueryValue>
  /** Sent as JSON. */
  body?: unknown
  /** Sent as it is, instead of `body` (object uploads: logs, archives). */
  rawBody?: { content: string | Uint8Array; contentType: string }
  /** `none`: the answer body is not JSON and is not parsed (`data` is its text). Default `json`. */
  parse?: 'json' | 'none'
  headers?: Record<string, string>
  /** Microversion for this call (else the one negotiated or configured for the service). */
  microversion?: string
  /** Statuses that count as success; default any 2xx. */
  expect?: number[]
  timeoutMs?: number
  /** Override whether the call may be retried like a GET. */
  idempotent?: boolean
  /** Send to this URL instead of the catalog endpoint (version documents at a service's root). */
  baseUrl?: string
}

/** A successful call's validated body and metadata. */
export interface ApiResponse<T> {
  data: T
  status: number
  headers: Record<string, string | string[] | undefined>
  requestId: string | null
  attempts: number
}

/** One iteration; create with `client.iteration()`, end with {@link OpenStackSession.close}. */
export class OpenStackSession {
  /** Every attempt of every call of this iteration, in order, including token issuance. */
  readonly calls: OpenStackCall[] = []
  readonly #state: ClientState
  readonly #pool: ConnectionPool
  readonly #env: CallEnv
  readonly #log: ProbeLogger

  /** @internal Use `OpenStackClient.iteration()`. */
  constructor(state: ClientState, signal: AbortSignal, log?: ProbeLogger) {
    this.#state = state
    this.#log = log ?? state.log
    this.#pool = new ConnectionPool({ clock: state.clock, tls: state.cloud, connectTimeoutMs: state.connectTimeoutMs })
    this.#env = {
      pool: this.#pool,
      clock: state.clock,
      signal,
      policy: state.policy,
      maxBodyBytes: state.maxBodyBytes,
      record: (call) => this.#record(call),
    }
  }

  /**
   * The current token, issued (a timed `identity.tokens.create` call in this iteration) when
   * there is none or it expires within the renewal margin.
   *
   * @example
   * const token = await session.token()
   */
  async token(): Promise<Token> {
    const state = this.#state
    const cached = state.token
    if (cached && state.clock.now() < cached.expiresAt - state.renewBeforeMs) return cached
    state.pendingToken ??= this.#issue().finally(() => {
      state.pendingToken = null
    })
    const outcome = await state.pendingToken
    if (!outcome.ok) throw this.#error('identity.tokens.create', outcome)
    return outcome.value
  }

  /**
   * The services of the catalog, one per official type.
   *
   * @example
   * (await session.services()).map((service) => service.type) // ['block-storage', 'compute', …]
   */
  async services(): Promise<CatalogService[]> {
    return (await this.token()).services
  }

  /**
   * The catalog entry of a service type or alias; `not_found` when the catalog lacks it.
   *
   * @example
   * (await session.endpoint('volumev3')).url // 'http://127.0.0.1:8776/v3/4f…'
   */
  async endpoint(service: string): Promise<CatalogService> {
    const type = officialServiceType(service)
    const found = (await this.services()).find((candidate) => candidate.type === type)
    if (found) return found
    const where = `${this.#state.cloud.interface} interface${this.#state.cloud.region ? ` in ${this.#state.cloud.region}` : ''}`
    throw new OpenStackError(`the catalog has no ${type} service for the ${where}`, { code: 'not_found', operation: `${type}.endpoint`, status: null, requestId: null, attempts: 0 })
  }

  /**
   * Sends one call with retries and validates the answer with `schema` (default: anything).
   * Throws {@link OpenStackError} when the call fails after its retries.
   *
   * @example
   * const { data } = await session.request('GET', 'compute', 'compute.flavors.list', '/flavors', { query: { limit: 1 } }, FlavorsSchema)
   */
  async request<T = unknown>(
    method: Dispatcher.HttpMethod,
    service: string,
    operation: string,
    pathTemplate: string,
    params: RequestParams = {},
    schema?: z.ZodType<T>,
  ): Promise<ApiResponse<T>> {
    const type = officialServiceType(service)
    let token = await this.token()
    const base = params.baseUrl ?? (await this.endpoint(type)).url
    const url = buildUrl(base, fillPath(pathTemplate, params.path), params.query)
    const send = (value: string, firstAttempt: number): Promise<CallOutcome<T>> =>
      performCall(
        {
          service: type,
          operation,
          method,
          url,
          urlTemplate: pathTemplate === '' ? '/' : pathTemplate,
          headers: this.#headers(type, value, params),
          ...(params.rawBody ? { body: params.rawBody.content } : params.body === undefined ? {} : { body: JSON.stringify(params.body) }),
          timeoutMs: params.timeoutMs ?? callTimeoutMs(type, operation, this.#state.timeouts),
          ...(params.idempotent === undefined ? {} : { idempotent: params.idempotent }),
          ...(params.expect ? { expect: params.expect } : {}),
          firstAttempt,
          accept: (answer) => {
            if (params.parse === 'none') return { ok: true, value: (answer.body ?? '') as T }
            const parsed = parseJson(answer.body, (schema ?? anything) as z.ZodType<T>)
            return parsed.ok ? parsed : { ok: false, failure: { code: 'malformed', message: `${operation}: ${parsed.message}` } }
          },
        },
        this.#env,
      )
    let outcome = await send(token.value, 1)
    if (!outcome.ok && outcome.failure.code === 'auth') {
      // The token may have been revoked or expired early: renew it once and try again.
      if (this.#state.token === token) this.#state.token = null
      token = await this.token()
      outcome = await send(token.value, outcome.attempts + 1)
    }
    if (!outcome.ok) throw this.#error(operation, outcome)
    const { answer } = outcome
    return { data: outcome.value, status: answer.status, headers: answer.headers, requestId: answer.requestId, attempts: outcome.attempts }
  }

  /** `GET`; see {@link OpenStackSession.request}. */
  get<T = unknown>(service: string, operation: string, pathTemplate: string, params?: RequestParams, schema?: z.ZodType<T>): Promise<ApiResponse<T>> {
    return this.request('GET', service, operation, pathTemplate, params, schema)
  }

  /** `POST`; never retried blindly. See {@link OpenStackSession.request}. */
  post<T = unknown>(service: string, operation: string, pathTemplate: string, params?: RequestParams, schema?: z.ZodType<T>): Promise<ApiResponse<T>> {
    return this.request('POST', service, operation, pathTemplate, params, schema)
  }

  /** `PUT`; see {@link OpenStackSession.request}. */
  put<T = unknown>(service: string, operation: string, pathTemplate: string, params?: RequestParams, schema?: z.ZodType<T>): Promise<ApiResponse<T>> {
    return this.request('PUT', service, operation, pathTemplate, params, schema)
  }

  /** `PATCH`; see {@link OpenStackSession.request}. */
  patch<T = unknown>(service: string, operation: string, pathTemplate: string, params?: RequestParams, schema?: z.ZodType<T>): Promise<ApiResponse<T>> {
    return this.request('PATCH', service, operation, pathTemplate, params, schema)
  }

  /** `DELETE`; see {@link OpenStackSession.request}. */
  delete<T = unknown>(service: string, operation: string, pathTemplate: string, params?: RequestParams, schema?: z.ZodType<T>): Promise<ApiResponse<T>> {
    return this.request('DELETE', service, operation, pathTemplate, params, schema)
  }

  /**
   * The microversion range of a service from its version document (`<type>.version.get`,
   * fetched once per client and endpoint).
   *
   * @example
   * await session.microversionRange('compute') // { min: '2.1', max: '2.93' }
   */
  async microversionRange(service: string): Promise<MicroversionRange> {
    const endpoint = await this.endpoint(service)
    const known = this.#state.ranges.get(endpoint.url)
    if (known) return known
    const baseUrl = versionDocumentUrl(endpoint, (await this.token()).projectId)
    const { data } = await this.get(endpoint.type, `${endpoint.type}.version.get`, '', { baseUrl, expect: [200, 300] }, VersionDocumentSchema)
    const range = microversionRange(data)
    this.#state.ranges.set(endpoint.url, range)
    return range
  }

  /**
   * Negotiates the highest microversion up to `wanted` that the service speaks and sends it on
   * every later call to the service (of every iteration of the client). `malformed` when the
   * service has no microversions or none in common.
   *
   * @example
   * await session.useMicroversion('compute', '2.79') // '2.79' (or the server's maximum if lower)
   */
  async useMicroversion(service: string, wanted: string): Promise<string> {
    const type = officialServiceType(service)
    const range = await this.microversionRange(type)
    const chosen = negotiateMicroversion(range, wanted)
    if (chosen === null) {
      const message = `${type} speaks microversions ${range.min ?? '?'}–${range.max ?? 'none'}, not ${wanted}`
      throw new OpenStackError(message, { code: 'malformed', operation: `${type}.version.get`, status: null, requestId: null, attempts: 0 })
    }
    this.#state.microversions.set(type, chosen)
    return chosen
  }

  /**
   * Every secret the iteration knows (the cloud's and every token issued), for redaction.
   *
   * @example
   * redactText(message, session.secrets())
   */
  secrets(): string[] {
    return [...this.#state.cloud.secrets, ...this.#state.issuedTokens]
  }

  /**
   * Replaces every secret in `text` with `***`.
   *
   * @example
   * session.redact(`failed: ${error.message}`)
   */
  redact(text: string): string {
    return redactText(text, this.secrets())
  }

  /** Closes the iteration's connections. */
  close(): Promise<void> {
    return this.#pool.close()
  }

  async #issue() {
    const state = this.#state
    let outcome
    try {
      outcome = await issueToken(state.cloud, this.#env, callTimeoutMs('identity', 'identity.tokens.create', state.timeouts))
    } catch (error) {
      if (error instanceof AuthConfigError) throw new OpenStackError(error.message, { code: 'auth', operation: 'identity.tokens.create', status: null, requestId: null, attempts: 0 })
      throw error
    }
    if (outcome.ok) {
      state.token = outcome.value
      state.issuedTokens.push(outcome.value.value)
      if (state.issuedTokens.length > 16) state.issuedTokens.shift()
    }
    return outcome
  }

  #headers(service: string, token: string, params: RequestParams): Record<string, string> {
    const microversion = params.microversion ?? this.#state.microversions.get(service)
    return {
      accept: 'application/json',
      'user-agent': 'glasshouse',
      ...(params.rawBody ? { 'content-type': params.rawBody.contentType } : params.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(microversion ? microversionHeaders(service, microversion) : {}),
      ...params.headers,
      'x-auth-token': token,
    }
  }

  #record(call: OpenStackCall): void {
    const safe = call.failure ? { ...call, failure: { ...call.failure, message: this.redact(call.failure.message) } } : call
    this.calls.push(safe)
    const { operation, status, durationMs, attempt, requestId } = safe
    this.#log.debug({ operation, status, durationMs, attempt, requestId, failure: safe.failure?.code ?? null }, 'openstack call')
  }

  #error(operation: string, outcome: CallOutcome<unknown> & { ok: false }): OpenStackError {
    return new OpenStackError(this.redact(`${operation}: ${outcome.failure.message}`), {
      code: outcome.failure.code,
      operation,
      status: outcome.answer?.status ?? null,
      requestId: outcome.answer?.requestId ?? null,
      attempts: outcome.attempts,
    })
  }
}

const anything = z.unknown()
