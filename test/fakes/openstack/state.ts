/**
 * The state of a fake OpenStack: the simulator under it, faults and what was asked of it.
 *
 * @module
 */
import type { SimulatedCloud, SimToken } from '../../../src/openstack/simulator/index.js'

/** What goes wrong with an operation, and how often. */
export interface FakeFault {
  /** Delay before answering (or before the fault below). */
  latencyMs?: number
  /** Answer with this status (and an OpenStack-style error body). */
  status?: number
  /** `Retry-After` header value to send with `status`. */
  retryAfter?: string
  /** Never answer. */
  hang?: boolean
  /** Answer 200 with a body that is not JSON. */
  garbage?: boolean
  /** Answer 200 with `{}` (every field missing). */
  missingFields?: boolean
  /** A custom error message (default `fake fault`). */
  message?: string
  /** Affect only the next n requests of the operation; default all. */
  times?: number
}

/** A token the fake issued. */
export type FakeToken = SimToken

/** One request the fake served (no credentials recorded). */
export interface SeenRequest {
  operation: string
  method: string
  path: string
  /** The microversion header (`OpenStack-API-Version`) as sent, if any. */
  microversion: string | null
  /** Query string as sent. */
  query: string
}

/** Mutable state behind the fake. */
export interface FakeState {
  baseUrl: string
  projectId: string
  userId: string
  username: string
  password: string
  applicationCredential: { id: string; name: string; secret: string }
  /** The simulator's tokens (deleting one revokes it). */
  tokens: Map<string, FakeToken>
  /** Lifetime of tokens issued from now on (setting it reaches the simulator). */
  tokenTtlMs: number
  faults: Map<string, FakeFault>
  seen: SeenRequest[]
  /** Items of each paginated fixture collection (servers, networks, images, …). */
  collections: Record<string, Array<{ id: string; name: string }>>
  /** The simulated cloud answering the fake's requests. */
  simulator: SimulatedCloud
  /** Whether the stateful services answer (`fakeServices`), or only the fixture routes. */
  servicesEnabled: boolean
}

/**
 * The fault that applies to the next request of `operation`, consuming one of its `times`.
 *
 * @example
 * takeFault(state, 'compute.flavors.list') // { status: 503 } or undefined
 */
export function takeFault(state: FakeState, operation: string): FakeFault | undefined {
  const fault = state.faults.get(operation)
  if (!fault) return undefined
  if (fault.times !== undefined) {
    if (fault.times <= 0) return undefined
    fault.times -= 1
  }
  return fault
}

/**
 * Items named `<prefix>-0` … with stable ids.
 *
 * @example
 * items('server', 3)[0] // { id: 'server-0000', name: 'server-0' }
 */
export function items(prefix: string, count: number): Array<{ id: string; name: string }> {
  return Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${String(index).padStart(4, '0')}`, name: `${prefix}-${index}` }))
}
