/**
 * A simulated OpenStack, as a product feature: Keystone v3 with a catalog, Nova, Neutron,
 * Glance, Cinder, Swift, Designate and Octavia with their state and asynchronous transitions
 * (servers BUILD → ACTIVE, volumes creating → available, load balancers PENDING_* → ACTIVE,
 * deletions that take time) in simulated time per a latency profile and time scale; ids and
 * latencies follow from a seed. It serves the offline demo (`simulated: true`), the benchmark
 * (a real cloud's profile, time-scaled) and, through test/fakes/openstack, the tests.
 * docs/simulator.md says what it simulates and what not.
 *
 * @example
 * import { startSimulatedCloud, REAL_CLOUD_PROFILE } from '../openstack/simulator/index.js'
 * const sim = await startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: 0.01, seed: 1 })
 * const session = new OpenStackClient({ cloud: sim.cloud }).iteration({ signal })
 * await sim.close()
 *
 * @module
 */
export { isSimulatedCloud, SimulatedCloudOptionsSchema, startSimulatedCloud } from './start.js'
export type { SimulatedCloud, SimulatedCloudOptions } from './start.js'
export { apiLatencyMs, LatencyProfileSchema, REAL_CLOUD_PROFILE, transitionMs, uniformProfile } from './profile.js'
export type { LatencyProfile, TransitionName } from './profile.js'
export { seedDefaultCloud } from './seed.js'
export type { AddRow, Seeder } from './seed.js'
export type { CatalogEntry, Override, Row as SimRow, SimIdentity, SimToken, SimulatorHooks } from './state.js'
