/**
 * Shared pieces of the scenario suites on the simulator: a time-scaled simulated cloud, a
 * throw-away store, one iteration with fast polls, and a count of what the run left behind.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenStackClient } from '../../src/openstack/index.js'
import { REAL_CLOUD_PROFILE, startSimulatedCloud } from '../../src/openstack/simulator/index.js'
import type { SimulatedCloud, SimulatorHooks } from '../../src/openstack/simulator/index.js'
import { runScenarioIteration } from '../../src/scenario/oshm/index.js'
import type { ScenarioDeps, ScenarioOptionsInput, ScenarioResult } from '../../src/scenario/oshm/index.js'
import { openStore } from '../../src/store/index.js'
import type { Store } from '../../src/store/index.js'

/** A simulated cloud at 1/100 of a real cloud's times, and a store. */
export interface SimBench {
  sim: SimulatedCloud
  store: Store
  close(): Promise<void>
}

/** Starts a simulated cloud (two AZs unless told) and a SQLite store in a temp dir. */
export async function simBench(options: { zones?: string[]; hooks?: SimulatorHooks; timeScale?: number } = {}): Promise<SimBench> {
  const sim = await startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: options.timeScale ?? 0.01, seed: 4, zones: options.zones ?? ['az1', 'az2'], ...(options.hooks ? { hooks: options.hooks } : {}) })
  const dataDir = mkdtempSync(join(tmpdir(), 'glasshouse-oshm-'))
  const store = await openStore({ dataDir })
  await store.migrate()
  return {
    sim,
    store,
    async close() {
      await store.close()
      await sim.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Options that keep a simulated iteration fast: 20 ms polls. */
export const FAST: ScenarioOptionsInput = { pollIntervalMs: 20 }

/** Runs one iteration on the bench with a fresh session. */
export async function iterate(bench: SimBench, options: ScenarioOptionsInput, extra: Partial<ScenarioDeps> = {}): Promise<ScenarioResult> {
  const client = new OpenStackClient({ cloud: bench.sim.cloud })
  const session = client.iteration({ signal: AbortSignal.timeout(120_000) })
  try {
    return await runScenarioIteration(
      { session, ledger: bench.store.ledger, owner: 'simmonitor', cloud: { name: 'simulated', region: 'RegionOne', simulated: true }, retryDelayMs: 50, ...extra },
      { ...FAST, ...options },
    )
  } finally {
    await session.close()
  }
}

const KINDS = ['servers', 'volumes', 'ports', 'floatingips', 'security_groups', 'keypairs', 'routers', 'subnets', 'networks', 'loadbalancers', 'pools', 'listeners', 'members']

/** Rows of every resource kind whose name (or description) starts with `prefix`, plus ports on no seeded network. */
export function leftovers(sim: SimulatedCloud, prefix: string): string[] {
  const left: string[] = []
  for (const kind of KINDS) {
    for (const row of sim.resources(kind).values()) {
      const label = String(row.name ?? row.description ?? '')
      if (label.startsWith(prefix) || (kind === 'ports' && row.device_owner !== 'network:router_gateway' && row.network_id !== publicNetworkId(sim))) left.push(`${kind} ${label || row.id}`)
    }
  }
  return left
}

function publicNetworkId(sim: SimulatedCloud): string | undefined {
  return [...sim.resources('networks').values()].find((row) => row.name === 'public')?.id
}
