/**
 * The iteration's result: the probe contract's result (ok, steps, calls, classified failure)
 * plus the waits, the deletions and a summary like OSHM's per-iteration line.
 *
 * @module
 */
import type { Failure, ProbeResult, Step } from '../../core/result.js'
import type { OpenStackCall } from '../../openstack/index.js'
import { apiErrors, toCall } from '../../openstack/index.js'
import type { DeletionRecord, GraphRun, StepRecord } from '../engine/index.js'
import type { WaitRecord } from '../waits/index.js'
import { StepSkipped } from './env.js'

/** OSHM's per-iteration summary line, as data. */
export interface ScenarioSummary {
  vmsOk: number
  vmsTotal: number
  /** Calls made (every attempt, token issuance included). */
  calls: number
  /** Failed attempts, also those a retry got past. */
  apiErrors: number
  durationMs: number
  budgetMs: number | null
  /** Duration ÷ budget in percent; null without a plan. */
  budgetPercent: number | null
  /** Deletions that did not succeed (what the teardown left). */
  leftovers: number
}

/** What one iteration produced. */
export interface ScenarioResult extends ProbeResult {
  runId: string
  /** The name prefix of everything this iteration created. */
  prefix: string
  /** True when the cloud is the simulator: never published as availability. */
  simulated: boolean
  waits: WaitRecord[]
  deletions: DeletionRecord[]
  summary: ScenarioSummary
}

/**
 * The records of a run as result steps; a step whose value is {@link StepSkipped} chose not to
 * run and is `skipped` with its reason (never passed).
 *
 * @example
 * scenarioSteps(run.records, run.outputs)
 */
export function scenarioSteps(records: readonly StepRecord[], outputs: ReadonlyMap<string, unknown>): Step[] {
  return records.map((record) => {
    const value = outputs.get(record.id)
    if (record.status === 'passed' && value instanceof StepSkipped) return { name: record.id, status: 'skipped', reason: value.reason, durationMs: 0, service: record.service }
    const code = record.status === 'failed' && record.failureCode !== null && record.failureCode !== undefined ? { code: record.failureCode } : {}
    return { name: record.id, status: record.status, reason: record.reason, durationMs: record.durationMs, ...code, service: record.service }
  })
}

/**
 * The step recording the teardown: passed when every deletion succeeded.
 *
 * @example
 * teardownStep(deletions) // { name: 'teardown', status: 'passed', … }
 */
export function teardownStep(deletions: readonly DeletionRecord[], durationMs: number): Step {
  const left = deletions.filter((deletion) => deletion.status !== 'deleted')
  const reason = left.length === 0 ? null : `${left.length} not deleted: ${left.map((deletion) => `${deletion.name} (${deletion.reason ?? deletion.status})`).join('; ')}`
  return { name: 'teardown', status: left.length === 0 ? 'passed' : 'failed', reason, durationMs }
}

/**
 * The failure of the iteration: the first step that failed (its code), else leftovers
 * (`leaked`), else `slow` when over budget; null when it went well.
 *
 * @example
 * classify([discovery, resources], deletions, { durationMs, budgetMs })
 */
export function classify(runs: ReadonlyArray<Pick<GraphRun, 'records'>>, deletions: readonly DeletionRecord[], time: { durationMs: number; budgetMs: number | null }): Failure | null {
  const failed = runs.flatMap((run) => run.records).filter((record) => record.status === 'failed')
  const first = failed.sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0))[0]
  if (first) return { code: first.failureCode ?? 'internal', message: `${first.id}: ${first.reason ?? 'failed'}` }
  const left = deletions.filter((deletion) => deletion.status !== 'deleted')
  if (left.length > 0) return { code: 'leaked', message: `the teardown left ${left.length} resource(s): ${left.map((deletion) => deletion.name).join(', ')}` }
  if (time.budgetMs !== null && time.durationMs > time.budgetMs) return { code: 'slow', message: `the iteration took ${Math.round(time.durationMs / 1000)} s, over its budget of ${Math.round(time.budgetMs / 1000)} s` }
  return null
}

/**
 * The summary line's numbers.
 *
 * @example
 * summarize({ records, calls: session.calls, deletions, durationMs, budgetMs, vmsTotal: 12 })
 */
export function summarize(input: { records: readonly StepRecord[]; calls: readonly OpenStackCall[]; deletions: readonly DeletionRecord[]; durationMs: number; budgetMs: number | null; vmsTotal: number }): ScenarioSummary {
  const vmsOk = input.records.filter((record) => /^vm-\d+-active$/.test(record.id) && record.status === 'passed').length
  return {
    vmsOk,
    vmsTotal: input.vmsTotal,
    calls: input.calls.length,
    apiErrors: apiErrors(input.calls).length,
    durationMs: input.durationMs,
    budgetMs: input.budgetMs,
    budgetPercent: input.budgetMs === null ? null : Math.round((input.durationMs / input.budgetMs) * 1000) / 10,
    leftovers: input.deletions.filter((deletion) => deletion.status !== 'deleted').length,
  }
}

/** The calls in the result contract's form. */
export const resultCalls = (calls: readonly OpenStackCall[]) => calls.map(toCall)
