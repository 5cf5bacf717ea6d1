/**
 * The simulated cloud's state and routes, without a listening socket: Keystone, version
 * documents, Nova, Neutron, Glance, Cinder, Swift, Designate and Octavia in one Hono app.
 *
 * @module
 */
import { Hono } from 'hono'
import { registerCompute } from './compute.js'
import { registerIdentity } from './keystone.js'
import { registerLoadBalancer } from './load-balancer.js'
import { registerNetwork } from './network.js'
import type { LatencyProfile } from './profile.js'
import { SeededRandom } from './random.js'
import type { Seeder } from './seed.js'
import type { Sim, SimIdentity, SimulatorHooks } from './state.js'
import { insert } from './state.js'
import { registerStorage } from './storage.js'
import { registerVersions } from './versions.js'

/** What {@link createSim} needs. */
export interface SimSettings {
  identity: SimIdentity
  profile: LatencyProfile
  timeScale: number
  seed: number | string
  zones: string[]
  tokenTtlMs: number
  hooks: SimulatorHooks
  initial: Seeder
}

/**
 * A fresh simulated cloud's state, filled by `settings.initial`.
 *
 * @example
 * const sim = createSim(settings)
 */
export function createSim(settings: SimSettings): Sim {
  const sim: Sim = {
    baseUrl: '',
    identity: settings.identity,
    tokens: new Map(),
    tokenTtlMs: settings.tokenTtlMs,
    profile: settings.profile,
    timeScale: settings.timeScale,
    random: new SeededRandom(settings.seed),
    hooks: settings.hooks,
    zones: settings.zones,
    tables: new Map(),
    pending: new Map(),
    nextHost: new Map(),
  }
  fill(sim, settings.initial)
  return sim
}

/**
 * Empties the cloud's resources (tokens stay valid) and fills it again with `initial`.
 *
 * @example
 * fill(sim, seedDefaultCloud)
 */
export function fill(sim: Sim, initial: Seeder): void {
  sim.tables.clear()
  sim.pending.clear()
  sim.nextHost.clear()
  initial((kind, fields) => insert(sim, kind, fields))
}

/**
 * The Hono app serving `sim`.
 *
 * @example
 * serve({ fetch: simulatorApp(sim).fetch, hostname: '127.0.0.1', port: 0 })
 */
export function simulatorApp(sim: Sim): Hono {
  const app = new Hono({ strict: false })
  registerIdentity(app, sim)
  registerVersions(app, sim)
  registerCompute(app, sim)
  registerNetwork(app, sim)
  registerStorage(app, sim)
  registerLoadBalancer(app, sim)
  return app
}
