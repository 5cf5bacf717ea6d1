/**
 * The executor: runs a step graph concurrently within in-flight limits, skips the dependents of
 * a failed step, stops starting steps on a graceful stop, and records every step with timings.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { systemClock } from '../../core/clock.js'
import { FAILURE_CODES } from '../../core/failure.js'
import type { FailureCode } from '../../core/failure.js'
import type { Step } from '../../core/result.js'
import { runDag } from './dag-scheduler.js'
import type { DagEnd } from './dag-scheduler.js'
import { needIds } from './graph.js'
import type { StepDefinition, StepGraph } from './graph.js'
import { resolveLimits } from './limits.js'
import type { LimitSettings } from './limits.js'
import type { StepContext, Undo } from './step-context.js'

/** How one step ended. A skipped step never ran. */
export interface StepRecord {
  id: string
  service: string
  status: 'passed' | 'failed' | 'skipped'
  /** Why it failed or was skipped; null when it passed. */
  reason: string | null
  /** The failure's code (from the error's `code`, else `internal`); null unless failed. */
  failureCode: FailureCode | null
  /** Wall-clock start, epoch ms; null when skipped. */
  startedAt: number | null
  durationMs: number
}

/** What {@link runGraph} needs besides the graph. */
export interface RunGraphOptions extends LimitSettings {
  /** Reference order (OSHM's): ready steps start in this order; unlisted steps follow in graph order. */
  order?: readonly string[]
  /** Graceful stop: once aborted, no step starts; running steps finish. */
  stop?: AbortSignal
  /** Hard stop, handed to every step as `ctx.signal`; it also stops starting steps. */
  signal?: AbortSignal
  clock?: Clock
  /** Called as each step ends (live progress), with the value a passed step returned. */
  onStep?(record: StepRecord, output: unknown): void
}

/** A finished run: every step's record (graph order), their values, their undos. */
export interface GraphRun {
  records: StepRecord[]
  outputs: ReadonlyMap<string, unknown>
  /** Step id → undos in registration order. */
  undos: ReadonlyMap<string, readonly Undo[]>
  /** Whether the graceful stop left steps unstarted. */
  stopped: boolean
}

/**
 * Runs `graph` to the end (every step passed, failed or skipped) and never rejects.
 *
 * @example
 * const run = await runGraph(graph, { limits: { compute: 4 }, stop: shutdown.signal })
 * const failed = run.records.filter((record) => record.status === 'failed')
 * await teardown(graph, run)
 */
export async function runGraph(graph: StepGraph, options: RunGraphOptions = {}): Promise<GraphRun> {
  const { limitOf, concurrency } = resolveLimits(options)
  const clock = options.clock ?? systemClock
  const signal = options.signal ?? new AbortController().signal
  const rank = rankOf(graph, options.order)
  const outputs = new Map<string, unknown>()
  const undos = new Map<string, Undo[]>()
  const records = new Map<string, StepRecord>()
  const keep = (record: StepRecord): void => {
    records.set(record.id, record)
    options.onStep?.(record, outputs.get(record.id))
  }

  const run = async (id: string): Promise<boolean> => {
    const step = graph.byId.get(id)!
    const startedAt = clock.now()
    const begin = clock.monotonic()
    const ended = (): number => Math.max(0, clock.monotonic() - begin)
    try {
      outputs.set(id, await step.run(contextFor(step, signal, outputs, undos)))
      keep({ id, service: step.service, status: 'passed', reason: null, failureCode: null, startedAt, durationMs: ended() })
      return true
    } catch (error) {
      keep({ id, service: step.service, status: 'failed', reason: messageOf(error), failureCode: codeOf(error), startedAt, durationMs: ended() })
      return false
    }
  }

  const tasks = graph.steps.map((step) => ({ id: step.id, deps: needIds(step), limits: step.limits ?? [step.service] }))
  const onBlocked = (id: string, by: string): void => keep(skipped(graph.byId.get(id)!, { status: 'blocked', blockedBy: by }, records))
  const ends = await runDag(tasks, { limitOf, concurrency, rank, stop: options.stop ? AbortSignal.any([options.stop, signal]) : signal, propagateFailure: true, run, onBlocked })
  let stopped = false
  for (const id of graph.topological) {
    const end = ends.get(id)!
    if (end.status === 'stopped') stopped = true
    if (end.status === 'stopped') keep(skipped(graph.byId.get(id)!, end, records))
  }
  return { records: graph.topological.map((id) => records.get(id)!), outputs, undos, stopped }
}

/**
 * The records as the result contract's steps (name, status, reason, duration).
 *
 * @example
 * result.steps = toResultSteps(run.records)
 */
export function toResultSteps(records: readonly StepRecord[]): Step[] {
  return records.map((record) => ({ name: record.id, status: record.status, reason: record.reason, durationMs: record.durationMs }))
}

function contextFor(step: StepDefinition, signal: AbortSignal, outputs: ReadonlyMap<string, unknown>, undos: Map<string, Undo[]>): StepContext {
  const allowed = new Set(needIds(step))
  return {
    id: step.id,
    signal,
    need<T>(stepId: string): T {
      if (!allowed.has(stepId)) throw new Error(`step ${step.id} reads ${stepId} without naming it in needs`)
      return outputs.get(stepId) as T
    },
    undo(undo) {
      undos.set(step.id, [...(undos.get(step.id) ?? []), undo])
    },
  }
}

function skipped(step: StepDefinition, end: DagEnd, records: ReadonlyMap<string, StepRecord>): StepRecord {
  const by = end.blockedBy === null ? null : records.get(end.blockedBy)
  const reason = end.status === 'stopped' ? 'stopped before it started' : `needs ${end.blockedBy}, which ${by?.status === 'failed' ? 'failed' : 'was skipped'}`
  return { id: step.id, service: step.service, status: 'skipped', reason, failureCode: null, startedAt: null, durationMs: 0 }
}

function rankOf(graph: StepGraph, order: readonly string[] = []): (id: string) => number {
  for (const id of order) if (!graph.byId.has(id)) throw new RangeError(`the reference order names unknown step ${id}`)
  const ranks = new Map<string, number>()
  order.forEach((id, index) => ranks.has(id) || ranks.set(id, index))
  graph.topological.forEach((id, index) => ranks.has(id) || ranks.set(id, order.length + index))
  return (id) => ranks.get(id)!
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function codeOf(error: unknown): FailureCode {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (FAILURE_CODES as readonly string[]).includes(code) ? (code as FailureCode) : 'internal'
}
