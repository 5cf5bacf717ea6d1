/**
 * A fake OpenStack for tests and benchmarks: the product's simulated cloud
 * (src/openstack/simulator) on 127.0.0.1 with a random port, plus per-operation fault
 * injection (latency, error statuses with Retry-After, hangs, garbage JSON, missing fields),
 * token expiry and revocation, a record of every request, and a fixture mode (stable list
 * items for the client's tests) until `fakeServices` enables the stateful services.
 *
 * @example
 * const fake = await startFakeOpenStack()
 * fake.fault('compute.flavors.list', { status: 503, times: 1 })
 * const client = new OpenStackClient({ cloud: fake.cloud() })
 * await fake.close()
 *
 * @module
 */
import type { ResolvedCloud } from '../../../src/openstack/clouds-config/types.js'
import { startSimulatedCloud, uniformProfile } from '../../../src/openstack/simulator/index.js'
import { faultHook } from './faults.js'
import { fixtureCatalog, fixtureSeed } from './fixtures.js'
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

const IDENTITY = {
  projectId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  projectName: 'demo',
  userId: 'u-demo-0001',
  username: 'demo',
  password: FAKE_PASSWORD,
  applicationCredential: { id: 'ac-0001', name: 'monitor', secret: FAKE_APP_SECRET },
}

/**
 * Starts a fake OpenStack on 127.0.0.1 with a random port.
 *
 * @example
 * const fake = await startFakeOpenStack({ collections: { servers: 5 } })
 */
export async function startFakeOpenStack(options: { collections?: Record<string, number> } = {}): Promise<FakeOpenStack> {
  const counts = { servers: 5, networks: 5, images: 5, zones: 3, ...options.collections }
  const collections = Object.fromEntries(Object.entries(counts).map(([key, count]) => [key, items(key.replace(/s$/, ''), count)]))
  let state: FakeState | undefined
  const current = (): FakeState => {
    if (!state) throw new Error('fake OpenStack not started yet')
    return state
  }
  const simulator = await startSimulatedCloud({
    name: 'fake',
    identity: IDENTITY,
    profile: uniformProfile(30),
    seed: 1,
    initial: fixtureSeed(collections),
    hooks: { request: faultHook(current), catalog: fixtureCatalog },
  })
  let tokenTtlMs = 3_600_000
  state = {
    baseUrl: simulator.url,
    projectId: IDENTITY.projectId,
    userId: IDENTITY.userId,
    username: IDENTITY.username,
    password: FAKE_PASSWORD,
    applicationCredential: IDENTITY.applicationCredential,
    tokens: simulator.tokens,
    get tokenTtlMs() {
      return tokenTtlMs
    },
    set tokenTtlMs(ms: number) {
      tokenTtlMs = ms
      simulator.setTokenTtl(ms)
    },
    faults: new Map(),
    seen: [],
    collections,
    simulator,
    servicesEnabled: false,
  }
  const fake = state
  return {
    url: simulator.url,
    authUrl: simulator.authUrl,
    projectId: IDENTITY.projectId,
    state: fake,
    cloud: (overrides = {}) => ({ ...simulator.cloud, ...overrides }),
    fault: (operation, fault) => void fake.faults.set(operation, { ...fault }),
    clearFaults: () => fake.faults.clear(),
    setTokenTtl: (ms) => void (fake.tokenTtlMs = ms),
    revokeTokens: () => fake.tokens.clear(),
    requests: (operation) => (operation === undefined ? [...fake.seen] : fake.seen.filter((seen) => seen.operation === operation)),
    close: () => simulator.close(),
  }
}
