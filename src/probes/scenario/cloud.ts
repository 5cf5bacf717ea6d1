/**
 * The cloud a scenario check runs on: a cloud of clouds.yaml, or the built-in simulated cloud.
 * A simulated cloud lives as long as the process (one per distinct setting), so the leftovers
 * of one iteration are still there for the next one's pre-run cleanup.
 *
 * @module
 */
import { loadCloud } from '../../openstack/index.js'
import type { ResolvedCloud } from '../../openstack/index.js'
import { startSimulatedCloud } from '../../openstack/simulator/index.js'
import type { SimulatedCloud } from '../../openstack/simulator/index.js'
import { latencyProfile } from './schema.js'
import type { ScenarioCheckFields } from './schema.js'

/** The name a simulated cloud's results and ledger rows are filed under when the check names none. */
export const SIMULATED_CLOUD_NAME = 'simulated'

const simulators = new Map<string, Promise<SimulatedCloud>>()

/**
 * Resolves the check's cloud; throws `CloudConfigError` when clouds.yaml does not describe it.
 *
 * @example
 * const cloud = await scenarioCloud({ simulated: true, timeScale: 0.05 }, process.env)
 */
export async function scenarioCloud(check: Pick<ScenarioCheckFields, 'cloud' | 'region' | 'simulated' | 'profile' | 'timeScale'>, env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<ResolvedCloud> {
  if (check.simulated) return (await simulatedCloud(check)).cloud
  return loadCloud({ ...(check.cloud === undefined ? {} : { cloud: check.cloud }), ...(check.region === undefined ? {} : { region: check.region }), env, ...(cwd === undefined ? {} : { cwd }) })
}

/**
 * The process's simulated cloud for these settings, started on first use.
 *
 * @example
 * const sim = await simulatedCloud({ cloud: 'demo', profile: 'real', timeScale: 0.05 })
 */
export function simulatedCloud(check: Pick<ScenarioCheckFields, 'cloud' | 'profile' | 'timeScale'>): Promise<SimulatedCloud> {
  const name = check.cloud ?? SIMULATED_CLOUD_NAME
  const key = JSON.stringify([name, check.profile ?? 'real', check.timeScale ?? 1])
  let sim = simulators.get(key)
  if (sim === undefined) {
    sim = startSimulatedCloud({ name, profile: latencyProfile(check.profile), timeScale: check.timeScale ?? 1 })
    simulators.set(key, sim)
    sim.catch(() => simulators.delete(key))
  }
  return sim
}

/**
 * Stops every simulated cloud this process started (at shutdown, and between tests).
 *
 * @example
 * await closeSimulatedClouds()
 */
export async function closeSimulatedClouds(): Promise<void> {
  const running = [...simulators.values()]
  simulators.clear()
  await Promise.all(running.map(async (sim) => (await sim).close()))
}
