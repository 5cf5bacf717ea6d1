/**
 * A fake OpenStack for tests and benchmarks: a Hono app on 127.0.0.1 (random port) with
 * Keystone, the catalog, version documents and minimal lists, per-operation fault injection
 * (latency, error statuses with Retry-After, hangs, garbage JSON, missing fields), token
 * expiry and pagination.
 *
 * @example
 * const fake = await startFakeOpenStack()
 * fake.fault('compute.flavors.list', { status: 503, times: 1 })
 * const client = new OpenStackClient({ cloud: fake.cloud() })
 * await fake.close()
 *
 * @module
 */
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { ResolvedCloud } from '../../../src/openstack/clouds-config/types.js'
import { fakeOpenStackApp } from './app.js'
import { items } from './state.js'
import type { FakeFault, FakeState, SeenRequest } from './state.js'

export type { FakeFault, SeenRequest } from './state.js'

/** A running fake OpenStack. */
export interface FakeOpenStack {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** Keystone v3: `<url>/identity/v3` */
  authUrl: string
  projectId: string
  state: FakeState
  /** A resolved cloud for the fake's user (password auth), with `overrides` applied. */
  cloud(overrides?: Partial<ResolvedCloud>): ResolvedCloud
  /** Makes `operation` misbehave (replaces an earlier fault of it). */
  fault(operation: string, fault: FakeFault): void
  clearFaults(): void
  /** Lifetime of tokens issued from now on. */
  setTokenTtl(ms: number): void
  /** Invalidates every token issued so far (a token expiring mid-run). */
  revokeTokens(): void
  /** Requests served so far, optionally only those of one operation. */
  requests(operation?: string): SeenRequest[]
  close(): Promise<void>
}

/** The fake's user's password; tests use it as a canary. */
export const FAKE_PASSWORD = 'fake-canary-password-7c1d'
/** The fake's application credential secret; also a canary. */
export const FAKE_APP_SECRET = 'fake-canary-appcred-secret-93ab'

/**
 * Starts a fake OpenStack on 127.0.0.1 with a random port.
 *
 * @example
 * const fake = await startFakeOpenStack({ collections: { servers: 5 } })
 */
export async function startFakeOpenStack(options: { collections?: Record<string, number> } = {}): Promise<FakeOpenStack> {
  const state: FakeState = {
    baseUrl: '',
    projectId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    userId: 'u-demo-0001',
    username: 'demo',
    password: FAKE_PASSWORD,
    applicationCredential: { id: 'ac-0001', name: 'monitor', secret: FAKE_APP_SECRET },
    tokens: new Map(),
    tokenTtlMs: 3_600_000,
    faults: new Map(),
    seen: [],
    collections: Object.fromEntries(
      Object.entries({ servers: 5, networks: 5, images: 5, zones: 3, ...options.collections }).map(([key, count]) => [key, items(key.replace(/s$/, ''), count)]),
    ),
  }
  const app = fakeOpenStackApp(state)
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server))
    started.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  state.baseUrl = `http://127.0.0.1:${port}`
  const authUrl = `${state.baseUrl}/identity/v3`
  return {
    url: state.baseUrl,
    authUrl,
    projectId: state.projectId,
    state,
    cloud: (overrides = {}) => ({
      name: 'fake',
      region: 'RegionOne',
      authType: 'password',
      auth: { authUrl, username: 'demo', password: FAKE_PASSWORD, projectName: 'demo', userDomainName: 'Default', projectDomainName: 'Default' },
      interface: 'public',
      verify: true,
      endpointOverrides: {},
      apiVersions: {},
      extra: {},
      source: { file: null, secureFile: null },
      secrets: [FAKE_PASSWORD],
      warnings: [],
      ...overrides,
    }),
    fault: (operation, fault) => void state.faults.set(operation, { ...fault }),
    clearFaults: () => state.faults.clear(),
    setTokenTtl: (ms) => void (state.tokenTtlMs = ms),
    revokeTokens: () => state.tokens.clear(),
    requests: (operation) => (operation === undefined ? [...state.seen] : state.seen.filter((seen) => seen.operation === operation)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
