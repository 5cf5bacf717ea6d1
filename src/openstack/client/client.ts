/**
 * The OpenStack client of one cloud: holds the token and what was learned about the cloud
 * across iterations, and opens iterations (sessions) that make the calls.
 *
 * @module
 */
import { systemClock } from '../../core/clock.js'
import type { Clock } from '../../core/clock.js'
import type { ProbeLogger } from '../../probes/probe.js'
import type { ResolvedCloud } from '../clouds-config/types.js'
import { DEFAULT_RETRY_POLICY } from '../http/index.js'
import type { RetryPolicy, TimeoutSettings } from '../http/index.js'
import { TOKEN_RENEW_BEFORE_MS } from '../keystone/index.js'
import { officialServiceType } from '../service-types.js'
import { OpenStackSession } from './session.js'
import { MICROVERSION_SERVICES } from './state.js'
import type { ClientState } from './state.js'

/** How a client is built; everything but the cloud has a default. */
export interface OpenStackClientOptions {
  cloud: ResolvedCloud
  clock?: Clock
  log?: ProbeLogger
  /** Per-service and per-operation timeouts; the cloud's `api_timeout` wins over them. */
  timeouts?: TimeoutSettings
  retry?: Partial<RetryPolicy>
  /** Answers longer than this fail as `malformed`; default 32 MiB. */
  maxBodyBytes?: number
  /** Deadline of opening one connection; default 10 s. */
  connectTimeoutMs?: number
  /** Renew the token this long before it expires; default 60 s. */
  renewBeforeMs?: number
}

const silent: ProbeLogger = { debug() {}, info() {}, warn() {} }

/**
 * A client for one cloud. Keep it for as long as the cloud is monitored (the token is reused
 * until shortly before it expires); open one {@link OpenStackSession} per iteration.
 *
 * @example
 * const client = new OpenStackClient({ cloud, clock: systemClock, log })
 * const session = client.iteration({ signal })
 * try {
 *   const { data } = await session.get('compute', 'compute.flavors.list', '/flavors', { query: { limit: 1 } })
 * } finally {
 *   await session.close()
 * }
 */
export class OpenStackClient {
  readonly #state: ClientState

  constructor(options: OpenStackClientOptions) {
    const { cloud } = options
    this.#state = {
      cloud,
      clock: options.clock ?? systemClock,
      log: options.log ?? silent,
      timeouts: { ...options.timeouts, ...(cloud.apiTimeoutMs === undefined ? {} : { allMs: cloud.apiTimeoutMs }) },
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      renewBeforeMs: options.renewBeforeMs ?? TOKEN_RENEW_BEFORE_MS,
      token: null,
      pendingToken: null,
      issuedTokens: [],
      ranges: new Map(),
      microversions: configuredMicroversions(cloud.apiVersions),
    }
  }

  /** The cloud this client talks to. */
  get cloud(): ResolvedCloud {
    return this.#state.cloud
  }

  /**
   * Opens an iteration: fresh connections (so the first call to each host measures dns,
   * connect and tls), reused within it. `signal` bounds every call and wait of the iteration;
   * `log` replaces the client's logger for it.
   *
   * @example
   * const session = client.iteration({ signal: AbortSignal.timeout(60_000) })
   */
  iteration(options: { signal?: AbortSignal; log?: ProbeLogger } = {}): OpenStackSession {
    return new OpenStackSession(this.#state, options.signal ?? new AbortController().signal, options.log)
  }

  /** Forgets the token, so the next call authenticates again. */
  forgetToken(): void {
    this.#state.token = null
  }
}

function configuredMicroversions(apiVersions: Readonly<Record<string, string>>): Map<string, string> {
  const chosen = new Map<string, string>()
  for (const [key, version] of Object.entries(apiVersions)) {
    const type = officialServiceType(key)
    if (MICROVERSION_SERVICES.has(type) && /^\d+\.\d+$/.test(version)) chosen.set(type, version)
  }
  return chosen
}
