/**
 * One iteration of the documented scenario shape on a simulated cloud with a real cloud's
 * latency profile, time-scaled; every time in the answer is converted back to unscaled
 * (simulated) milliseconds.
 *
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenStackClient } from '../src/openstack/index.js'
import { REAL_CLOUD_PROFILE, startSimulatedCloud } from '../src/openstack/simulator/index.js'
import { DOCUMENTED_SHAPE, runScenarioIteration } from '../src/scenario/oshm/index.js'
import type { ScenarioResult } from '../src/scenario/oshm/index.js'
import { openStore } from '../src/store/index.js'
import { measureAgainstPath } from './scenario-paths.js'
import type { PathMeasure } from './scenario-paths.js'
import type { StepGraph } from '../src/scenario/engine/index.js'

/** How one simulated iteration runs. */
export interface SimRunSettings {
  /** Real time ÷ simulated time (0.05: a 30 s boot takes 1.5 s). */
  timeScale: number
  seed: number
  /** `1` replays OSHM's order; absent: the default limits. */
  concurrency?: number
}

/** The iteration in unscaled ms, and how many resources it left (cloud rows with its prefix). */
export interface SimRun extends PathMeasure {
  leftovers: number
}

const OWNER = 'benchsim'
const TABLES = ['servers', 'volumes', 'ports', 'floatingips', 'security_groups', 'keypairs', 'routers', 'subnets', 'networks', 'loadbalancers']

/**
 * Runs the documented shape (2 AZs, 2 VM networks, 3 VMs from volumes, a load balancer,
 * reachability skipped) once on a fresh simulated cloud and measures it against `graph`.
 *
 * @example
 * const run = await simulatedIteration(documentedGraph(), { timeScale: 0.05, seed: 1 })
 * run.wallMs // ≈ 100_000 (unscaled)
 */
export async function simulatedIteration(graph: StepGraph, settings: SimRunSettings): Promise<SimRun> {
  const scale = settings.timeScale
  const sim = await startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: scale, seed: settings.seed, zones: ['az1', 'az2'] })
  const dataDir = await mkdtemp(join(tmpdir(), 'gh-bench-scenario-'))
  const store = await openStore({ dataDir })
  const session = new OpenStackClient({ cloud: sim.cloud }).iteration({ signal: AbortSignal.timeout(30 * 60_000) })
  try {
    await store.migrate()
    const result = await runScenarioIteration(
      { session, ledger: store.ledger, owner: OWNER, cloud: { name: 'simulated', region: 'RegionOne', simulated: true }, retryDelayMs: 5_000 * scale },
      { ...DOCUMENTED_SHAPE, skipReachability: true, pollIntervalMs: Math.max(1, Math.round(1_000 * scale)), ...(settings.concurrency ? { concurrency: settings.concurrency } : {}) },
    )
    const measured = unscaled(measureAgainstPath(graph, result), scale)
    return { ...measured, leftovers: leftoversOf(sim, result) }
  } finally {
    await session.close()
    await store.close()
    await sim.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

function leftoversOf(sim: { resources(kind: string): Map<string, Record<string, unknown>> }, result: ScenarioResult): number {
  return TABLES.reduce((count, kind) => count + [...sim.resources(kind).values()].filter((row) => String(row.name ?? row.description ?? '').startsWith(result.prefix)).length, 0)
}

function unscaled(measure: PathMeasure, scale: number): PathMeasure {
  const back = (ms: number) => ms / scale
  return {
    ...measure,
    wallMs: back(measure.wallMs),
    creationWallMs: back(measure.creationWallMs),
    teardownWallMs: back(measure.teardownWallMs),
    creationPathMs: back(measure.creationPathMs),
    teardownPathMs: back(measure.teardownPathMs),
  }
}
