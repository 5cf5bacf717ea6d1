/**
 * Child of the kill -9 fault tests: runs ONE scenario iteration against a cloud of a clouds.yaml,
 * with the ledger in a SQLite data dir, and reports on stdout — `step <id> <status>` as each
 * step ends, then `result <json summary>` — until the parent kills it with SIGKILL.
 *
 * Argument: one JSON {@link ChildPlan}.
 *
 * @module
 */
import { loadCloud, OpenStackClient } from '../../src/openstack/index.js'
import { runScenarioIteration, scaledTimeouts } from '../../src/scenario/oshm/index.js'
import type { ScenarioOptionsInput } from '../../src/scenario/oshm/index.js'
import { openStore } from '../../src/store/index.js'

/** What the parent tells the child. */
export interface ChildPlan {
  cloudsFile: string
  cloud: string
  dataDir: string
  owner: string
  options: ScenarioOptionsInput
  /** Pause before a failed deletion's retry (OSHM: 5 s). */
  retryDelayMs: number
  simulated: boolean
}

const plan = JSON.parse(process.argv[2]!) as ChildPlan
const cloud = await loadCloud({ cloud: plan.cloud, env: { OS_CLIENT_CONFIG_FILE: plan.cloudsFile } })
const store = await openStore({ dataDir: plan.dataDir })
await store.migrate()
const session = new OpenStackClient({ cloud, timeouts: scaledTimeouts(plan.options.timeoutScale ?? 1) }).iteration({ signal: AbortSignal.timeout(600_000) })
const result = await runScenarioIteration(
  {
    session,
    ledger: store.ledger,
    owner: plan.owner,
    cloud: { name: plan.cloud, region: cloud.region ?? 'RegionOne', simulated: plan.simulated },
    retryDelayMs: plan.retryDelayMs,
    onStep: (record) => void process.stdout.write(`step ${record.id} ${record.status}\n`),
  },
  plan.options,
)
await session.close()
await store.close()
process.stdout.write(`result ${JSON.stringify({ ok: result.ok, failure: result.failure, prefix: result.prefix, summary: result.summary })}\n`)
