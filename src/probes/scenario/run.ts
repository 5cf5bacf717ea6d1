/**
 * One scenario run as the scheduler and the CLI make it: a session on the cloud, the pre-run
 * cleanup of this owner's leftovers (ledger first, then the janitor), the iteration, and one
 * result that says whether it was stopped. Never throws.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { systemClock } from '../../core/clock.js'
import { redactText } from '../../core/redact.js'
import type { Failure, Step } from '../../core/result.js'
import { OpenStackClient, OpenStackError } from '../../openstack/index.js'
import type { OpenStackSession, ResolvedCloud } from '../../openstack/index.js'
import { isSimulatedCloud } from '../../openstack/simulator/index.js'
import { cleanupLeftovers, leakedFailure, ownerPrefix } from '../../scenario/cleanup/index.js'
import type { CleanupReport } from '../../scenario/cleanup/index.js'
import type { StepRecord } from '../../scenario/engine/index.js'
import { releaseRouter, runScenarioIteration, scaledTimeouts, scenarioOptions, sshReachabilityChecks } from '../../scenario/oshm/index.js'
import type { RouterReuse, ScenarioOptionsInput, ScenarioResult } from '../../scenario/oshm/index.js'
import type { LedgerRepository } from '../../store/index.js'
import type { ProbeLogger } from '../probe.js'

/** The reason the engine gives the steps a graceful stop kept from starting. */
const NOT_STARTED = 'stopped before it started'

/** What one scenario run needs. */
export interface ScenarioRunDeps {
  cloud: ResolvedCloud
  /** The store's ledger (the server's store, or the CLI's `--data-dir`). */
  ledger: LedgerRepository
  owner: string
  options: ScenarioOptionsInput
  /** Graceful stop: nothing new starts; the iteration ends at its next step boundary and is torn down. */
  stop?: AbortSignal
  /** Hard stop: the teardown starts nothing new and calls in flight are cancelled; the rest stays in the ledger. */
  teardownSignal?: AbortSignal
  /** The failure a stopped run reports; default an `internal` one (a shutdown is not the cloud's fault). */
  stopFailure?: () => Failure
  /** Called as each step ends, the pre-run cleanup included (live progress). */
  onStep?(step: Step): void
  clock?: Clock
  log?: ProbeLogger
  /** Cleanup timings (tests shorten them); default cleanup's own. */
  cleanupTimings?: { pollIntervalMs?: number; retryDelayMs?: number; waitTimeoutMs?: number }
  /** Pause before a failed deletion's retry in the teardown; default 5 s (OSHM). */
  retryDelayMs?: number
  /** Bound of the teardown; default the longest wait timeout plus a minute, scaled (see `defaultTeardownBudgetMs`). */
  teardownBudgetMs?: number
  /** Router reuse (OSHM `-r`): the loop's shared state; the pre-run cleanup leaves the kept router alone. */
  routerReuse?: RouterReuse
}

/** A scenario run's result: the iteration's plus where it ran and how the pre-run cleanup and a stop went. */
export interface ScenarioRunResult extends ScenarioResult {
  cloud: string
  region: string
  owner: string
  /** True when a stop request ended the run early (its steps that did not start are `skipped`). */
  stopped: boolean
  /** What the pre-run cleanup found of earlier runs, deleted and could not delete; null when it could not run. */
  cleanup: Pick<CleanupReport, 'found' | 'deleted' | 'remaining'> | null
}

/**
 * Cleans up the owner's leftovers, runs one iteration and tears it down.
 *
 * @example
 * const result = await runScenario({ cloud, ledger: store.ledger, owner: 'mon1', options: { vms: 2, skipReachability: true } })
 * result.steps[0] // { name: 'pre-run cleanup', status: 'passed', … }
 */
export async function runScenario(deps: ScenarioRunDeps): Promise<ScenarioRunResult> {
  const clock = deps.clock ?? systemClock
  const scale = scenarioOptions.safeParse(deps.options).data?.timeoutScale ?? 1
  const client = new OpenStackClient({ cloud: deps.cloud, timeouts: scaledTimeouts(scale) })
  const session = client.iteration({ signal: deps.teardownSignal ?? new AbortController().signal, ...(deps.log ? { log: deps.log } : {}) })
  try {
    const cleanup = await preRunCleanup(session, deps, clock)
    deps.onStep?.(cleanup.step)
    const onStep = deps.onStep ? (record: StepRecord) => deps.onStep?.({ name: record.id, status: record.status, reason: record.reason, durationMs: record.durationMs }) : undefined
    const iteration = await runScenarioIteration(
      {
        session,
        ledger: deps.ledger,
        owner: deps.owner,
        cloud: { name: deps.cloud.name, region: deps.cloud.region ?? '', simulated: isSimulatedCloud(deps.cloud) },
        ...(deps.stop ? { stop: deps.stop } : {}),
        ...(deps.teardownSignal ? { teardownSignal: deps.teardownSignal } : {}),
        ...(onStep ? { onStep } : {}),
        ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
        ...(deps.teardownBudgetMs === undefined ? {} : { teardownBudgetMs: deps.teardownBudgetMs }),
        ...(deps.routerReuse ? { routerReuse: deps.routerReuse } : {}),
        reachability: sshReachabilityChecks(),
        clock,
      },
      deps.options,
    )
    return combine(deps, cleanup, iteration, session)
  } finally {
    await session.close()
  }
}

/**
 * Deletes the router a reuse loop still keeps when the loop ends (a stop while pacing, exit on
 * error, an iteration that broke before its router step) and closes its ledger row.
 *
 * @example
 * if (reuse.kept) await releaseKeptRouter(cloud, store.ledger, reuse)
 */
export async function releaseKeptRouter(cloud: ResolvedCloud, ledger: LedgerRepository, reuse: RouterReuse, clock: Clock = systemClock): Promise<void> {
  const session = new OpenStackClient({ cloud }).iteration({ signal: AbortSignal.timeout(120_000) })
  try {
    await releaseRouter(session, ledger, reuse, clock)
  } finally {
    await session.close()
  }
}

interface PreRun {
  step: Step
  report: CleanupReport | null
  failure: Failure | null
}

async function preRunCleanup(session: OpenStackSession, deps: ScenarioRunDeps, clock: Clock): Promise<PreRun> {
  const started = clock.monotonic()
  const durationMs = () => clock.monotonic() - started
  const base = scenarioOptions.safeParse(deps.options).data?.prefix ?? 'gh'
  try {
    const { projectId } = await session.token()
    const report = await cleanupLeftovers({
      store: { ledger: deps.ledger },
      session,
      cloud: deps.cloud.name,
      owner: deps.owner,
      prefix: ownerPrefix(deps.owner, base),
      region: deps.cloud.region,
      projects: [projectId, deps.cloud.auth.projectId, deps.cloud.auth.projectName].filter((value): value is string => typeof value === 'string' && value !== ''),
      clock,
      ...(deps.teardownSignal ? { signal: deps.teardownSignal } : {}),
      ...deps.cleanupTimings,
      ...(deps.routerReuse?.kept ? { keep: [deps.routerReuse.kept.id] } : {}),
    })
    const failure = leakedFailure(report)
    const reason = failure === null ? null : failure.message
    return { step: { name: 'pre-run cleanup', status: failure === null ? 'passed' : 'failed', reason, durationMs: durationMs(), ...(failure ? { code: failure.code } : {}) }, report, failure }
  } catch (error) {
    const code = error instanceof OpenStackError ? error.code : 'internal'
    const message = `pre-run cleanup: ${error instanceof Error ? error.message : String(error)}`
    return { step: { name: 'pre-run cleanup', status: 'failed', reason: message, durationMs: durationMs(), code }, report: null, failure: { code, message } }
  }
}

function combine(deps: ScenarioRunDeps, cleanup: PreRun, iteration: ScenarioResult, session: OpenStackSession): ScenarioRunResult {
  const hardStop = deps.teardownSignal?.aborted === true
  const stopped = deps.stop?.aborted === true && (hardStop || iteration.steps.length === 0 || iteration.steps.some((step) => step.reason === NOT_STARTED))
  const stopFailure = stopped ? (deps.stopFailure?.() ?? { code: 'internal' as const, message: 'stopped by a shutdown request before the iteration ended' }) : null
  // A stop skips steps, and a hard stop cancels calls and the teardown on purpose: that is not the cloud's failure, leak or slowness.
  const ownFailure = stopped && (hardStop || iteration.failure?.code === 'leaked' || iteration.failure?.code === 'slow') ? null : iteration.failure
  const failure = cleanup.failure ?? ownFailure ?? stopFailure
  const secrets = session.secrets()
  return {
    ...iteration,
    ok: failure === null,
    failure: failure === null ? null : { ...failure, message: redactText(failure.message, secrets) },
    steps: [cleanup.step, ...iteration.steps].map((step) => (step.reason === null ? step : { ...step, reason: redactText(step.reason, secrets) })),
    cloud: deps.cloud.name,
    region: deps.cloud.region ?? '',
    owner: deps.owner,
    stopped,
    cleanup: cleanup.report === null ? null : { found: cleanup.report.found, deleted: cleanup.report.deleted, remaining: cleanup.report.remaining },
  }
}
