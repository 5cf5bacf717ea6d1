/**
 * The teardown: runs the undos a run registered in reverse dependency order (a step's undos
 * wait for the undos of every step that needs it), concurrent where independent, with OSHM's
 * rules: a failed deletion is retried once after 5 s with a longer timeout (+8 s), and what
 * still fails is tried again in a second pass after everything else. A budget bounds the whole
 * teardown: once it runs out nothing new starts, and what is left stays in the ledger for the next
 * run's cleanup.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { systemClock } from '../../core/clock.js'
import { formatDuration } from '../../core/duration.js'
import { systemSleep } from '../sleep.js'
import type { Sleep } from '../sleep.js'
import { runDag } from './dag-scheduler.js'
import type { DagTask } from './dag-scheduler.js'
import type { StepGraph } from './graph.js'
import { resolveLimits } from './limits.js'
import type { LimitSettings } from './limits.js'
import type { GraphRun } from './run-graph.js'
import type { Undo } from './step-context.js'

/** How one deletion ended. `skipped`: the teardown was stopped before it started. */
export interface DeletionRecord {
  step: string
  name: string
  service: string
  status: 'deleted' | 'failed' | 'skipped'
  /** Tries made in all (first pass and second pass). */
  attempts: number
  /** The pass that ended it: 1, or 2 for the second pass. */
  pass: 1 | 2
  /** The last failure's message; null when deleted or skipped. */
  reason: string | null
  /** Wall-clock start of the first try, epoch ms; null when skipped. */
  startedAt: number | null
  /** From the first try's start to the end of the last. */
  durationMs: number
}

/** Teardown settings; limits work as in `runGraph` (4 per service by default). */
export interface TeardownOptions extends LimitSettings {
  /** Start no deletion once aborted (a second SIGTERM); also handed to running undos. */
  signal?: AbortSignal
  clock?: Clock
  sleep?: Sleep
  /** Pause before the retry (OSHM: 5 s). */
  retryDelayMs?: number
  /** Added to the call timeout on the retry and in the second pass (OSHM: 8 s). */
  extraTimeoutMs?: number
  /** Called as each deletion ends. */
  onDeletion?(record: DeletionRecord): void
  /**
   * Wall-clock bound of the whole teardown, retries and second pass included (a real timer, so
   * virtual time in tests never trips it); default none. Once it runs out the teardown starts
   * nothing new, running undos get an aborted signal, and what did not end is `failed` or `skipped`.
   */
  budgetMs?: number
  /** Called once when the budget runs out (the caller then aborts its waits). */
  onBudgetExceeded?(): void
}

interface UndoSlot {
  key: string
  step: string
  undo: Undo
  service: string
}

/**
 * Deletes what `run` created and returns one record per undo, in the order they ended.
 *
 * @example
 * const deletions = await teardown(graph, run, { signal: secondSigterm.signal })
 * const left = deletions.filter((deletion) => deletion.status !== 'deleted')
 */
export async function teardown(graph: StepGraph, run: Pick<GraphRun, 'undos'>, options: TeardownOptions = {}): Promise<DeletionRecord[]> {
  const clock = options.clock ?? systemClock
  const sleep = options.sleep ?? systemSleep
  const budget = teardownBudget(options)
  const signal = options.signal ? AbortSignal.any([options.signal, budget.signal]) : budget.signal
  const retryDelayMs = options.retryDelayMs ?? 5_000
  const extraTimeoutMs = options.extraTimeoutMs ?? 8_000
  const slots = undoSlots(graph, run.undos)
  const latest = new Map<string, DeletionRecord>()
  const done: DeletionRecord[] = []
  const settle = (key: string, record: DeletionRecord): void => {
    latest.set(key, record)
    done.push(record)
    options.onDeletion?.(record)
  }

  const attempt = async (slot: UndoSlot, number: number): Promise<string | null> => {
    try {
      await slot.undo.run({ attempt: number, extraTimeoutMs: number === 1 ? 0 : extraTimeoutMs, signal })
      return null
    } catch (error) {
      return error instanceof Error ? error.message : String(error)
    }
  }

  const firstPass = async (slot: UndoSlot): Promise<void> => {
    const startedAt = clock.now()
    const begin = clock.monotonic()
    let reason = await attempt(slot, 1)
    let attempts = 1
    if (reason !== null && !signal.aborted) {
      await sleep(retryDelayMs, signal)
      if (!signal.aborted) {
        reason = await attempt(slot, 2)
        attempts = 2
      }
    }
    const status = reason === null ? 'deleted' : 'failed'
    if (reason !== null && budget.signal.aborted) reason = `${reason} (${budget.why()})`
    const record: DeletionRecord = { step: slot.step, name: slot.undo.name, service: slot.service, status, attempts, pass: 1, reason, startedAt, durationMs: clock.monotonic() - begin }
    if (status === 'deleted' || signal.aborted) settle(slot.key, record)
    else latest.set(slot.key, record)
  }

  const secondPass = async (slot: UndoSlot): Promise<void> => {
    const first = latest.get(slot.key)!
    const begin = clock.monotonic() - first.durationMs
    const failed = await attempt(slot, 3)
    const reason = failed !== null && budget.signal.aborted ? `${failed} (${budget.why()})` : failed
    settle(slot.key, { ...first, status: reason === null ? 'deleted' : 'failed', attempts: first.attempts + 1, pass: 2, reason, durationMs: clock.monotonic() - begin })
  }

  try {
    await pass(graph, slots, () => true, firstPass, options, signal)
    const deferred = new Set(slots.filter((slot) => latest.has(slot.key) && !done.includes(latest.get(slot.key)!)).map((slot) => slot.key))
    if (deferred.size > 0 && !signal.aborted) await pass(graph, slots, (slot) => deferred.has(slot.key), secondPass, options, signal)
  } finally {
    budget.clear()
  }
  for (const slot of slots) {
    const record = latest.get(slot.key)
    if (record && done.includes(record)) continue
    const reason = budget.signal.aborted ? `not started: ${budget.why()}` : 'teardown stopped before it started'
    settle(slot.key, record ?? { step: slot.step, name: slot.undo.name, service: slot.service, status: 'skipped', attempts: 0, pass: 1, reason, startedAt: null, durationMs: 0 })
  }
  return done
}

/** The budget's signal (aborted when it runs out), its reason text, and the timer's release. */
function teardownBudget(options: TeardownOptions): { signal: AbortSignal; why(): string; clear(): void } {
  const ran = new AbortController()
  const budgetMs = options.budgetMs
  if (budgetMs === undefined) return { signal: ran.signal, why: () => '', clear: () => undefined }
  const timer = setTimeout(() => {
    ran.abort()
    options.onBudgetExceeded?.()
  }, budgetMs)
  return { signal: ran.signal, why: () => `the teardown budget of ${formatDuration(budgetMs)} ran out; left in the ledger`, clear: () => clearTimeout(timer) }
}

async function pass(
  graph: StepGraph,
  slots: readonly UndoSlot[],
  include: (slot: UndoSlot) => boolean,
  work: (slot: UndoSlot) => Promise<void>,
  options: TeardownOptions,
  signal: AbortSignal,
): Promise<void> {
  const { limitOf, concurrency } = resolveLimits(options)
  const bySlot = new Map(slots.map((slot) => [slot.key, slot]))
  const tasks = reverseTasks(graph, slots, include)
  await runDag(tasks, {
    limitOf,
    concurrency,
    rank: rankByReverseOrder(graph),
    stop: signal,
    propagateFailure: false,
    run: async (key) => {
      const slot = bySlot.get(key)
      if (slot && include(slot)) await work(slot)
      return true
    },
  })
}

function undoSlots(graph: StepGraph, undos: ReadonlyMap<string, readonly Undo[]>): UndoSlot[] {
  const slots: UndoSlot[] = []
  for (const id of graph.topological) {
    const step = graph.byId.get(id)!
    const list = undos.get(id) ?? []
    list.forEach((undo, index) => slots.push({ key: `${id}#${index}`, step: id, undo, service: undo.service ?? step.service }))
  }
  return slots
}

/**
 * One task per undo plus one gate per step: a step's last-registered undo waits for the gates
 * of its dependents, its other undos for the one registered after them, its gate for its first
 * undo. Steps without undos are gates only, so ordering passes through them.
 */
function reverseTasks(graph: StepGraph, slots: readonly UndoSlot[], include: (slot: UndoSlot) => boolean): DagTask[] {
  const tasks: DagTask[] = []
  for (const id of graph.topological) {
    const own = slots.filter((slot) => slot.step === id)
    let previous = (graph.dependents.get(id) ?? []).map((dependent) => `${dependent}#gate`)
    for (const slot of [...own].reverse()) {
      tasks.push({ id: slot.key, deps: previous, limits: include(slot) ? [slot.service] : [] })
      previous = [slot.key]
    }
    tasks.push({ id: `${id}#gate`, deps: previous, limits: [] })
  }
  return tasks
}

function rankByReverseOrder(graph: StepGraph): (key: string) => number {
  const ranks = new Map(graph.topological.map((id, index) => [id, graph.topological.length - index]))
  return (key) => ranks.get(key.slice(0, key.lastIndexOf('#')))!
}
