/**
 * Shared pieces of the cleanup suites on the simulated cloud: a simulator with fast
 * transitions, a session on it, the resources it holds beyond its seed, and cleanup settings
 * that poll every 20 ms.
 *
 * @module
 */
import { OpenStackClient } from '../../src/openstack/index.js'
import type { OpenStackSession } from '../../src/openstack/index.js'
import { startSimulatedCloud, uniformProfile } from '../../src/openstack/simulator/index.js'
import type { SimulatedCloud, SimulatorHooks } from '../../src/openstack/simulator/index.js'

/** The resource tables a run may leave something in. */
export const TABLES = ['loadbalancers', 'listeners', 'pools', 'members', 'healthmonitors', 'floatingips', 'servers', 'volumes', 'ports', 'routers', 'subnets', 'networks', 'security_groups', 'security_group_rules', 'keypairs'] as const

/** A simulator whose transitions take 20 ms, and a way to see what it holds beyond its seed. */
export interface TestCloud {
  sim: SimulatedCloud
  /** Empties the cloud back to its seed. */
  reset(): void
  session(): OpenStackSession
  /** `table: name` of every row not in the seed. */
  extra(): string[]
  close(): Promise<void>
}

/**
 * Starts the simulated cloud for a suite.
 *
 * @example
 * const cloud = await testCloud()
 * assert.deepEqual(cloud.extra(), [])
 */
export async function testCloud(options: { password?: string; hooks?: SimulatorHooks } = {}): Promise<TestCloud> {
  const sim = await startSimulatedCloud({ profile: uniformProfile(20), seed: 4, ...(options.hooks ? { hooks: options.hooks } : {}), ...(options.password ? { identity: { password: options.password } } : {}) })
  const seeded = () => new Set(TABLES.flatMap((table) => [...sim.resources(table).keys()].map((id) => `${table}:${id}`)))
  let seed = seeded()
  const client = new OpenStackClient({ cloud: sim.cloud, retry: { backoffMs: [10, 20], conflictDelayMs: 10, maxRetryAfterMs: 1_000 } })
  const sessions: OpenStackSession[] = []
  return {
    sim,
    reset: () => {
      sim.reset()
      seed = seeded()
    },
    session: () => {
      const session = client.iteration()
      sessions.push(session)
      return session
    },
    extra: () =>
      TABLES.flatMap((table) => [...sim.resources(table).values()].filter((row) => !seed.has(`${table}:${row.id}`)).map((row) => `${table}: ${String(row.name ?? row.description ?? row.id)}`)),
    close: async () => {
      await Promise.all(sessions.map((session) => session.close()))
      await sim.close()
    },
  }
}

/** Cleanup settings for the simulator: fast polls and retries. */
export const FAST = { pollIntervalMs: 20, retryDelayMs: 20, waitTimeoutMs: 15_000 } as const
