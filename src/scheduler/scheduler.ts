/**
 * When things run: each job on its own interval at a stable offset, one run per job at a time,
 * with the lateness of every start (drift) reported.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { nextSlot, stableOffset } from './offset.js'

/** A job the scheduler runs. `key` identifies it across `set` calls. */
export interface Job {
  key: string
  intervalMs: number
  /** Called at each planned start; must settle. `signal` aborts when the scheduler stops. */
  run(plannedAt: number, signal: AbortSignal): Promise<void>
}

/** What the scheduler tells its owner (metrics, logs). */
export interface SchedulerEvents {
  /** A run started `driftMs` after its planned start. */
  started?(key: string, driftMs: number): void
  /** A planned start was dropped because the previous run of the job had not finished. */
  overrun?(key: string): void
  /** A run rejected (jobs should not; the scheduler keeps going). */
  failed?(key: string, error: unknown): void
}

interface Slot {
  job: Job
  offsetMs: number
  timer: NodeJS.Timeout | null
  running: Promise<void> | null
}

/** Runs jobs on their schedules. */
export interface Scheduler {
  /** Makes the job set exactly `jobs`: new ones start, missing ones stop, `replaced` ones restart. */
  set(jobs: readonly Job[], replaced?: ReadonlySet<string>): void
  /** Keys of the jobs being scheduled. */
  keys(): string[]
  /** Stops planning, aborts nothing already running unless `abort`, and waits for running jobs. */
  stop(options?: { abort?: boolean }): Promise<void>
}

/**
 * Creates a scheduler on the given clock.
 *
 * @example
 * const scheduler = createScheduler(systemClock, { started: (key, drift) => drifts.observe(drift / 1000) })
 * scheduler.set([{ key: 'api', intervalMs: 30_000, run: async () => { … } }])
 */
export function createScheduler(clock: Clock, events: SchedulerEvents = {}): Scheduler {
  const slots = new Map<string, Slot>()
  const stopping = new AbortController()

  function plan(slot: Slot, after: number): void {
    if (stopping.signal.aborted) return
    const planned = nextSlot(after, slot.job.intervalMs, slot.offsetMs)
    arm(slot, planned)
  }

  function arm(slot: Slot, planned: number): void {
    slot.timer = setTimeout(() => fire(slot, planned), Math.max(0, planned - clock.now()))
  }

  function fire(slot: Slot, planned: number): void {
    slot.timer = null
    if (slots.get(slot.job.key) !== slot) return
    // Timers may fire a little early; a run never starts before its planned instant.
    if (clock.now() < planned) return arm(slot, planned)
    plan(slot, Math.max(planned, clock.now()))
    if (slot.running) {
      events.overrun?.(slot.job.key)
      return
    }
    events.started?.(slot.job.key, clock.now() - planned)
    track(
      slot,
      slot.job.run(planned, stopping.signal).catch((error: unknown) => events.failed?.(slot.job.key, error)),
    )
  }

  function track(slot: Slot, running: Promise<void>): void {
    slot.running = running
    void running.finally(() => {
      if (slot.running === running) slot.running = null
    })
  }

  function remove(key: string): Slot | undefined {
    const slot = slots.get(key)
    if (slot?.timer) clearTimeout(slot.timer)
    slots.delete(key)
    return slot
  }

  return {
    set(jobs, replaced = new Set()) {
      const wanted = new Set(jobs.map((job) => job.key))
      const stillRunning = new Map<string, Promise<void>>()
      for (const key of [...slots.keys()]) {
        if (wanted.has(key) && !replaced.has(key)) continue
        const old = remove(key)
        if (old?.running) stillRunning.set(key, old.running)
      }
      for (const job of jobs) {
        if (slots.has(job.key)) continue
        const slot: Slot = { job, offsetMs: stableOffset(job.key, job.intervalMs), timer: null, running: null }
        const previous = stillRunning.get(job.key)
        if (previous) track(slot, previous)
        slots.set(job.key, slot)
        plan(slot, clock.now())
      }
    },
    keys: () => [...slots.keys()],
    async stop({ abort = false } = {}) {
      const running = [...slots.values()].flatMap((slot) => (slot.running ? [slot.running] : []))
      for (const key of [...slots.keys()]) remove(key)
      if (abort) stopping.abort()
      await Promise.allSettled(running)
      stopping.abort()
    },
  }
}
