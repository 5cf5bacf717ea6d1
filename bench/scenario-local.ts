/**
 * The scenario benchmark's real-cloud row: one iteration on the local OpenStack (cloud `demo`
 * of /etc/oslocal/clouds.yaml, reachability skipped), or the reason it could not run. Whatever
 * the iteration leaves is removed afterwards with the cleanup, so the benchmark never leaks.
 *
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCloud, OpenStackClient } from '../src/openstack/index.js'
import type { ResolvedCloud } from '../src/openstack/index.js'
import { cleanupLeftovers } from '../src/scenario/cleanup/index.js'
import { DOCUMENTED_SHAPE, runScenarioIteration, scaledTimeouts } from '../src/scenario/oshm/index.js'
import { openStore } from '../src/store/index.js'

/** Where the local cloud is configured (written by ../shared/openstack-local/setup.sh). */
export const LOCAL_CLOUDS_FILE = '/etc/oslocal/clouds.yaml'
const CLOUD = 'demo'
const OWNER = 'benchlocal'

/** The local cloud's iteration, or why there is none. */
export type LocalRun =
  | { ran: true; ok: boolean; failure: string | null; wallMs: number; creationWallMs: number; teardownWallMs: number; calls: number; vms: string; leftAfterCleanup: number }
  | { ran: false; reason: string }

/**
 * Runs the documented shape once on the local cloud (its own AZs), with `--skip-reachability`
 * and OSHM's `-t 2` timeouts.
 *
 * @example
 * const local = await localIteration()
 * if (local.ran) console.log(local.wallMs)
 */
export async function localIteration(): Promise<LocalRun> {
  const cloud = await answeringCloud()
  if (typeof cloud === 'string') return { ran: false, reason: cloud }
  const dataDir = await mkdtemp(join(tmpdir(), 'gh-bench-scenario-local-'))
  const store = await openStore({ dataDir })
  const client = new OpenStackClient({ cloud, timeouts: scaledTimeouts(2) })
  const session = client.iteration({ signal: AbortSignal.timeout(20 * 60_000) })
  try {
    await store.migrate()
    const result = await runScenarioIteration(
      { session, ledger: store.ledger, owner: OWNER, cloud: { name: CLOUD, region: cloud.region ?? 'RegionOne', simulated: false } },
      { ...DOCUMENTED_SHAPE, skipReachability: true, timeoutScale: 2 },
    )
    const cleanupSession = client.iteration({ signal: AbortSignal.timeout(10 * 60_000) })
    const cleanup = await cleanupLeftovers({ store, session: cleanupSession, cloud: CLOUD, owner: OWNER }).finally(() => cleanupSession.close())
    const teardownWallMs = result.steps.find((step) => step.name === 'teardown')?.durationMs ?? 0
    return {
      ran: true,
      ok: result.ok,
      failure: result.failure === null ? null : `${result.failure.code}: ${result.failure.message}`,
      wallMs: result.durationMs,
      creationWallMs: result.durationMs - teardownWallMs,
      teardownWallMs,
      calls: result.summary.calls,
      vms: `${result.summary.vmsOk}/${result.summary.vmsTotal}`,
      leftAfterCleanup: cleanup.remaining,
    }
  } finally {
    await session.close()
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** The cloud when it answers a token request within 15 s, else why not. */
async function answeringCloud(): Promise<ResolvedCloud | string> {
  let cloud: ResolvedCloud
  try {
    cloud = await loadCloud({ cloud: CLOUD, env: { OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE } })
  } catch (error) {
    return `cloud ${CLOUD} not configured (${error instanceof Error ? error.message : String(error)}) — bash ../shared/openstack-local/setup.sh all`
  }
  const session = new OpenStackClient({ cloud }).iteration({ signal: AbortSignal.timeout(15_000) })
  try {
    await session.token()
    return cloud
  } catch (error) {
    return `cloud ${CLOUD} does not answer (${error instanceof Error ? error.message : String(error)})`
  } finally {
    await session.close()
  }
}
