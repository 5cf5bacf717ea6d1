/**
 * One iteration of the customer-eye scenario: discovery, the resource graph sized by what it
 * found, the teardown, and the result. Never throws: a broken iteration is a failed result.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { systemClock } from '../../core/clock.js'
import { newId } from '../../core/ids.js'
import { redactText } from '../../core/redact.js'
import type { OpenStackSession } from '../../openstack/index.js'
import { redactResult } from '../../probes/redact-result.js'
import type { LedgerRepository } from '../../store/index.js'
import { defineGraph, runGraph, teardown } from '../engine/index.js'
import type { DeletionRecord, GraphRun, RunGraphOptions, StepRecord } from '../engine/index.js'
import { RunLedger } from '../ledger/index.js'
import { runPrefix } from '../cleanup/index.js'
import { systemSleep } from '../sleep.js'
import type { Sleep } from '../sleep.js'
import { StepSkipped, type Runtime, type ScenarioEnv } from './env.js'
import { oshmOrder, resourceGraph } from './graph.js'
import { scenarioOptions, withImplications } from './options.js'
import type { ScenarioOptions, ScenarioOptionsInput } from './options.js'
import { planIteration } from './plan.js'
import type { ReachabilityChecks } from './reachability-hook.js'
import type { RouterReuse } from './router-reuse.js'
import { classify, resultCalls, scenarioSteps, summarize, teardownStep } from './result.js'
import type { ScenarioResult } from './result.js'
import { withFailureDetails } from './failure-details.js'
import { generateSshKey } from './ssh-key.js'
import { defaultTeardownBudgetMs, overBudgetFailure } from './teardown-budget.js'
import { discovered, discoverySteps } from './steps/discovery.js'
import { iterationTags } from './steps/tags.js'
import { IterationWaits } from './waits.js'

/** What an iteration needs besides its options. */
export interface ScenarioDeps {
  /** The iteration's session (its calls become the result's calls). */
  session: OpenStackSession
  /** `store.ledger`: intent before every create, id after it. */
  ledger: LedgerRepository
  /** The monitor instance (part of every name, so two monitors never touch each other's resources). */
  owner: string
  cloud: { name: string; region: string; simulated: boolean }
  /** The reachability checks; absent: their steps are skipped ("reachability not available"). */
  reachability?: ReachabilityChecks
  /** Router reuse (OSHM `-r`): the loop's shared state; the iteration uses and updates it. */
  routerReuse?: RouterReuse
  /** Graceful stop: no new step starts; the teardown still runs. */
  stop?: AbortSignal
  /** Hard stop of the teardown (a second SIGTERM): what did not run stays in the ledger. */
  teardownSignal?: AbortSignal
  clock?: Clock
  sleep?: Sleep
  /** Called as each step ends (live progress); a step that chose to skip itself is reported `skipped`. */
  onStep?(record: StepRecord): void
  /** Pause before a failed deletion's retry; default 5 s (OSHM). */
  retryDelayMs?: number
  /** Bound of the whole teardown; default {@link defaultTeardownBudgetMs}. Past it the rest stays in the ledger. */
  teardownBudgetMs?: number
}

/**
 * Runs one iteration and tears it down.
 *
 * @example
 * const result = await runScenarioIteration({ session, ledger: store.ledger, owner: 'mon1', cloud: { name: 'demo', region: 'RegionOne', simulated: false } }, { vms: 2, skipReachability: true })
 * result.summary // { vmsOk: 2, vmsTotal: 2, calls: 97, … }
 */
export async function runScenarioIteration(deps: ScenarioDeps, input: ScenarioOptionsInput): Promise<ScenarioResult> {
  const clock = deps.clock ?? systemClock
  const startedAt = clock.now()
  const begin = clock.monotonic()
  const runId = newId()
  const parsed = scenarioOptions.safeParse(input)
  const base = { runId, simulated: deps.cloud.simulated, startedAt }
  if (!parsed.success) {
    const message = `invalid scenario options: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`
    return finish(deps, { ...base, prefix: '', steps: [], runs: [], deletions: [], failure: { code: 'internal', message }, budgetMs: null, vmsTotal: 0, begin })
  }
  try {
    return await iterate(deps, withImplications(parsed.data), { ...base, begin })
  } catch (error) {
    const message = `the iteration broke inside the monitor: ${error instanceof Error ? error.message : String(error)}`
    return finish(deps, { ...base, prefix: '', steps: [], runs: [], deletions: [], failure: { code: 'internal', message }, budgetMs: null, vmsTotal: 0, begin })
  }
}

async function iterate(deps: ScenarioDeps, options: ScenarioOptions, base: Pick<Ending, 'runId' | 'simulated' | 'startedAt' | 'begin'>): Promise<ScenarioResult> {
  const clock = deps.clock ?? systemClock
  const { runId, begin } = base
  const prefix = namePrefix(options.prefix, deps.owner, runId)
  const limits: RunGraphOptions = { defaultLimit: options.defaultLimit, limits: options.limits, ...(options.concurrency ? { concurrency: options.concurrency } : {}), clock, ...(deps.stop ? { stop: deps.stop } : {}) }
  const report = deps.onStep
  const onStep = report
    ? (record: StepRecord, output: unknown) =>
        report(record.status === 'passed' && output instanceof StepSkipped ? { ...record, status: 'skipped', reason: output.reason } : record)
    : undefined

  const discovery = discoverySteps(options, () => deps.session)
  const discoveryGraph = defineGraph(discovery)
  const found = await runGraph(discoveryGraph, { ...limits, order: oshmOrder(discovery), ...(onStep ? { onStep } : {}) })
  if (found.records.some((record) => record.status !== 'passed')) {
    return finish(deps, { ...base, prefix, steps: scenarioSteps(found.records, found.outputs), runs: [found], deletions: [], failure: null, budgetMs: null, vmsTotal: options.vms })
  }

  const plan = planIteration(options, discovered(found.outputs, options), prefix)
  const rt = await runtime(deps, options, prefix, runId, clock)
  const env: ScenarioEnv = { options, plan, rt }
  const graph = resourceGraph(discovery, found.outputs, env)
  const replayed = new Set(discovery.map((shape) => shape.id))
  const resources = await runGraph(graph, { ...limits, order: oshmOrder(graph.steps), ...(onStep ? { onStep: (record: StepRecord, output: unknown) => replayed.has(record.id) || onStep(record, output) } : {}) })
  const resourceRecords = resources.records.filter((record) => !replayed.has(record.id))
  const pausedMs = await waitBeforeTeardown(options, resourceRecords, deps, rt)
  // A stop request ends the loop: the router is not kept for an iteration that will not come.
  if (deps.routerReuse && deps.stop?.aborted) deps.routerReuse.keep = false
  const tornDown = clock.monotonic()
  const teardownBudgetMs = deps.teardownBudgetMs ?? defaultTeardownBudgetMs(options)
  let overBudget = false
  const deletions = await teardown(graph, resources, {
    budgetMs: teardownBudgetMs,
    onBudgetExceeded: () => {
      overBudget = true
      rt.waits.abort()
    },
    defaultLimit: options.defaultLimit,
    limits: options.limits,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    clock,
    sleep: rt.sleep,
    ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
    ...(deps.teardownSignal ? { signal: deps.teardownSignal } : {}),
  })
  const steps = [...scenarioSteps(found.records, found.outputs), ...scenarioSteps(resourceRecords, resources.outputs), teardownStep(deletions, clock.monotonic() - tornDown)]
  const runs: GraphRun[] = [found, { ...resources, records: resourceRecords }]
  const failure = overBudget ? overBudgetFailure(runs, deletions, teardownBudgetMs) : null
  return finish(deps, { ...base, prefix, steps, runs, deletions, failure, budgetMs: plan.budgetMs, vmsTotal: plan.vms.length, waits: rt.waits.records, pausedMs })
}

/** OSHM `-V`: after a good iteration, pause before the teardown (a stop request ends it); the time paused. */
async function waitBeforeTeardown(options: ScenarioOptions, records: readonly StepRecord[], deps: ScenarioDeps, rt: Runtime): Promise<number> {
  if (options.waitBeforeTeardownMs === 0 || deps.stop?.aborted || records.some((record) => record.status !== 'passed')) return 0
  const begin = rt.clock.monotonic()
  await rt.sleep(options.waitBeforeTeardownMs, deps.stop)
  return rt.clock.monotonic() - begin
}

async function runtime(deps: ScenarioDeps, options: ScenarioOptions, prefix: string, runId: string, clock: Clock): Promise<Runtime> {
  const sleep = deps.sleep ?? systemSleep
  const project = (await deps.session.token()).projectId ?? ''
  const scale = options.timeoutScale
  const waitTimeouts = options.waitTimeoutsMs
  return {
    session: deps.session,
    ledger: new RunLedger(deps.ledger, { owner: deps.owner, runId, cloud: deps.cloud.name, region: deps.cloud.region, project, prefix }, clock),
    keys: { jumpHost: generateSshKey(`${prefix}Keypair_JH`), vm: generateSshKey(`${prefix}Keypair_VM`) },
    waits: new IterationWaits({
      session: deps.session,
      prefix,
      timeoutsMs: { server: waitTimeouts.server * scale, volume: waitTimeouts.volume * scale, loadBalancer: waitTimeouts.loadBalancer * scale },
      intervalMs: options.pollIntervalMs,
      clock,
      sleep,
      signal: deps.teardownSignal ?? new AbortController().signal,
    }),
    reachability: deps.reachability ? withFailureDetails(deps.reachability, deps.session, prefix) : null,
    clock,
    sleep,
    loadBalancerChildren: [],
    ruleEntries: new Map(),
    tags: options.tags ? iterationTags(deps.owner, prefix) : [],
    disassociateFloatingIps: options.disassociateFloatingIps,
    routerReuse: deps.routerReuse ?? null,
  }
}

/**
 * The iteration's name prefix: the owner's prefix (what the janitor sweeps, see
 * `src/scenario/cleanup`) and the last 6 hex digits of the run id. Throws for an owner id that
 * is not 1–24 lowercase letters and digits.
 *
 * @example
 * namePrefix('gh', 'monitor1', '0190f0e2-…-3f9a2c') // 'gh-monitor1-3f9a2c-'
 */
export function namePrefix(prefix: string, owner: string, runId: string): string {
  return runPrefix(owner, runId.replace(/-/g, '').slice(-6).toLowerCase(), prefix)
}

interface Ending {
  runId: string
  prefix: string
  simulated: boolean
  startedAt: number
  begin: number
  steps: ScenarioResult['steps']
  runs: ReadonlyArray<Pick<GraphRun, 'records'>>
  deletions: DeletionRecord[]
  failure: ScenarioResult['failure']
  budgetMs: number | null
  vmsTotal: number
  waits?: ScenarioResult['waits']
  /** The wait before teardown: not counted against the budget (OSHM subtracts it too). */
  pausedMs?: number
}

function finish(deps: ScenarioDeps, ending: Ending): ScenarioResult {
  const clock = deps.clock ?? systemClock
  const durationMs = clock.monotonic() - ending.begin
  const calls = deps.session.calls
  const countedMs = durationMs - (ending.pausedMs ?? 0)
  const failure = ending.failure ?? classify(ending.runs, ending.deletions, { durationMs: countedMs, budgetMs: ending.budgetMs })
  const records = ending.runs.flatMap((run) => run.records)
  const secrets = deps.session.secrets()
  const base = redactResult({ ok: failure === null, startedAt: ending.startedAt, durationMs, steps: ending.steps, calls: resultCalls(calls), conditions: [], failure }, secrets)
  const deletions = ending.deletions.map((deletion) => ({ ...deletion, reason: deletion.reason === null ? null : redactText(deletion.reason, secrets) }))
  return {
    ...base,
    runId: ending.runId,
    prefix: ending.prefix,
    simulated: ending.simulated,
    waits: ending.waits ?? [],
    deletions,
    summary: summarize({ records, calls, deletions, durationMs: countedMs, budgetMs: ending.budgetMs, vmsTotal: ending.vmsTotal }),
  }
}
