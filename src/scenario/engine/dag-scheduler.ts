/**
 * The one scheduler under the executor and the teardown: runs tasks of a DAG as soon as their
 * dependencies are done, highest priority first, within a global concurrency and per-class
 * in-flight limits, and stops starting tasks when asked.
 *
 * @module
 */

/** One task: what it waits for and which limit classes it holds a slot of while it runs. */
export interface DagTask {
  id: string
  deps: readonly string[]
  limits: readonly string[]
}

/** How a task ended. `blocked`: a dependency failed or was blocked; `stopped`: never started after the stop. */
export type DagStatus = 'ok' | 'failed' | 'blocked' | 'stopped'

/** A task's end, with the dependency that blocked it. */
export interface DagEnd {
  status: DagStatus
  blockedBy: string | null
}

/** How {@link runDag} schedules. */
export interface DagOptions {
  /** In-flight slots of a limit class. */
  limitOf(limitClass: string): number
  /** Tasks running at once, in all. */
  concurrency: number
  /** Lower runs first among ready tasks. */
  rank(id: string): number
  /** Start nothing new once aborted; running tasks finish. */
  stop?: AbortSignal
  /** Whether a failure blocks the dependents (executor) or counts as done (teardown). */
  propagateFailure: boolean
  /** Runs one task; resolves true when it succeeded. Must not reject. */
  run(id: string): Promise<boolean>
  /** Called when a task is blocked, as it happens (live progress). */
  onBlocked?(id: string, by: string): void
}

/**
 * Runs every task once its dependencies ended and returns how each ended. Tasks must form a DAG
 * (checked by the caller); dependencies outside `tasks` count as done.
 *
 * @example
 * const ends = await runDag(tasks, { limitOf: () => 4, concurrency: Infinity, rank: (id) => order.indexOf(id), propagateFailure: true, run })
 */
export function runDag(tasks: readonly DagTask[], options: DagOptions): Promise<Map<string, DagEnd>> {
  const ids = new Set(tasks.map((task) => task.id))
  const waiting = new Map<string, number>()
  const dependents = new Map<string, string[]>()
  for (const task of tasks) {
    const deps = [...new Set(task.deps)].filter((dep) => ids.has(dep))
    waiting.set(task.id, deps.length)
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), task.id])
  }
  const byId = new Map(tasks.map((task) => [task.id, task]))
  const ends = new Map<string, DagEnd>()
  const inFlight = new Map<string, number>()
  let ready = tasks.filter((task) => waiting.get(task.id) === 0).map((task) => task.id)
  let running = 0

  return new Promise((resolve) => {
    const block = (id: string, by: string): void => {
      if (ends.has(id)) return
      ends.set(id, { status: 'blocked', blockedBy: by })
      options.onBlocked?.(id, by)
      for (const next of dependents.get(id) ?? []) block(next, id)
    }
    const release = (id: string): void => {
      for (const next of dependents.get(id) ?? []) {
        const left = waiting.get(next)! - 1
        waiting.set(next, left)
        if (left === 0 && !ends.has(next)) ready.push(next)
      }
    }
    const fits = (task: DagTask): boolean => task.limits.every((name) => (inFlight.get(name) ?? 0) < options.limitOf(name))
    const finish = (task: DagTask, ok: boolean): void => {
      running--
      for (const name of task.limits) inFlight.set(name, inFlight.get(name)! - 1)
      ends.set(task.id, { status: ok ? 'ok' : 'failed', blockedBy: null })
      if (ok || !options.propagateFailure) release(task.id)
      else for (const next of dependents.get(task.id) ?? []) block(next, task.id)
      pump()
    }
    const start = (task: DagTask): void => {
      running++
      for (const name of task.limits) inFlight.set(name, (inFlight.get(name) ?? 0) + 1)
      ready = ready.filter((id) => id !== task.id)
      options.run(task.id).then(
        (ok) => finish(task, ok),
        () => finish(task, false),
      )
    }
    const stopAll = (): void => {
      for (const task of tasks) if (!ends.has(task.id) && !isRunning(task.id)) ends.set(task.id, { status: 'stopped', blockedBy: null })
      ready = []
    }
    const started = new Set<string>()
    const isRunning = (id: string): boolean => started.has(id) && !ends.has(id)
    const pump = (): void => {
      if (options.stop?.aborted) stopAll()
      ready.sort((a, b) => options.rank(a) - options.rank(b))
      for (const id of [...ready]) {
        if (running >= options.concurrency) break
        const task = byId.get(id)!
        if (!fits(task)) continue
        started.add(id)
        start(task)
      }
      if (running === 0 && ready.length === 0) resolve(ends)
    }
    pump()
  })
}
