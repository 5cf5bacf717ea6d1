/**
 * The teardown's budget: how long an iteration's teardown may take in all before it stops
 * waiting and leaves the rest in the ledger, and the failure it then reports.
 *
 * @module
 */
import { formatDuration } from '../../core/duration.js'
import type { Failure } from '../../core/result.js'
import type { DeletionRecord, GraphRun } from '../engine/index.js'
import type { ScenarioOptions } from './options.js'

/** Time for the deletions after the longest wait (ports, networks, router), before scaling. */
const AFTER_LONGEST_WAIT_MS = 60_000

/**
 * The default teardown budget: the longest wait timeout (a server, volume or load balancer
 * deletion: 12 min by default) plus one minute for what follows it, times `timeoutScale`.
 * A deletion stuck for longer (an Octavia LB in PENDING_DELETE) no longer holds the loop.
 *
 * @example
 * defaultTeardownBudgetMs(scenarioOptions.parse({})) // 780_000
 */
export function defaultTeardownBudgetMs(options: Pick<ScenarioOptions, 'waitTimeoutsMs' | 'timeoutScale'>): number {
  const { server, volume, loadBalancer } = options.waitTimeoutsMs
  return Math.round((Math.max(server, volume, loadBalancer) + AFTER_LONGEST_WAIT_MS) * options.timeoutScale)
}

/**
 * The iteration's failure when its teardown ran out of budget: `timeout`, naming what was left
 * in the ledger — unless a step failed first, whose failure stays the iteration's (null here).
 *
 * @example
 * overBudgetFailure(runs, deletions, 780_000) // { code: 'timeout', message: 'the teardown ran out of its budget of 13m; …' }
 */
export function overBudgetFailure(runs: ReadonlyArray<Pick<GraphRun, 'records'>>, deletions: readonly DeletionRecord[], budgetMs: number): Failure | null {
  if (runs.some((run) => run.records.some((record) => record.status === 'failed'))) return null
  const left = deletions.filter((deletion) => deletion.status !== 'deleted').map((deletion) => deletion.name)
  const message = `the teardown ran out of its budget of ${formatDuration(budgetMs)}; ${left.length} resource(s) left in the ledger for the next run's cleanup: ${left.join(', ')}`
  return { code: 'timeout', message }
}
