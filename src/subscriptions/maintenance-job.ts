/**
 * The maintenance job: a periodic pass that queues the reminder (default 1 h before the start),
 * the start and the completion of every announced window. Each event's id is derived from the
 * window, the kind and the start, so a pass repeated after a restart queues nothing twice; a
 * cancelled window gets no further event (its cancellation comes from the cancel itself). Only
 * windows announced to subscribers (not written silently) are followed.
 *
 * @module
 */
import type { Clock } from '../core/index.js'
import { createPeriodicJob } from '../scheduler/index.js'
import type { MaintenanceRow, NewOutboxMessage, Store } from '../store/index.js'
import { eventMessage, windowEvent } from './events.js'

/** Starts and completions older than this are not sent late (after a long outage of Glasshouse). */
export const LATE_LIMIT_MS = 6 * 3_600_000

/** What {@link createMaintenanceJob} needs. */
export interface MaintenanceJobOptions {
  store: Store
  clock: Clock
  log: { error(object: object, message?: string): void }
  /** How long before the start the reminder goes out, read at each pass. */
  reminderBefore: () => number
  everyMs: number
  /** Whether passes run (config `subscriptions.enabled`, read at each pass); default always. */
  active?: () => boolean
  /** Called after a pass queued messages (wakes the outbox worker). */
  onQueued?: () => void
}

/** The running job. */
export interface MaintenanceJob {
  /** Runs a pass now; resolves to the number of events queued. */
  runNow(): Promise<number>
  start(): void
  stop(): Promise<void>
}

async function dueEvents(store: Store, row: MaintenanceRow, now: number, reminderBefore: number): Promise<NewOutboxMessage[]> {
  if (row.cancelledAt !== null || row.archivedAt !== null) return []
  const announcement = await store.outbox.get(windowEvent(row, 'announced', now).id)
  if (announcement === null) return []
  const due: NewOutboxMessage[] = []
  const remindAt = row.start - reminderBefore
  // A window announced inside the reminder period was just announced: no reminder on top.
  if (now >= remindAt && now < row.start && announcement.createdAt < remindAt) due.push(eventMessage(windowEvent(row, 'reminder', now)))
  if (now >= row.start && now < row.end && now - row.start <= LATE_LIMIT_MS) due.push(eventMessage(windowEvent(row, 'started', now)))
  if (now >= row.end && now - row.end <= LATE_LIMIT_MS) due.push(eventMessage(windowEvent(row, 'completed', now)))
  return due
}

/**
 * Creates the job.
 *
 * @example
 * const job = createMaintenanceJob({ store, clock, log, reminderBefore: () => 3_600_000, everyMs: 30_000 })
 * job.start()
 */
export function createMaintenanceJob(options: MaintenanceJobOptions): MaintenanceJob {
  const { store, clock } = options
  async function pass(): Promise<number> {
    if (options.active?.() === false) return 0
    const now = clock.now()
    const reminderBefore = options.reminderBefore()
    const windows = await store.maintenance.list({ from: now - LATE_LIMIT_MS, to: now + reminderBefore + 1, limit: 1_000 })
    const due = (await Promise.all(windows.map((row) => dueEvents(store, row, now, reminderBefore)))).flat()
    if (due.length === 0) return 0
    const before = await Promise.all(due.map((message) => store.outbox.get(message.id!)))
    const fresh = due.filter((_, index) => before[index] === null)
    if (fresh.length === 0) return 0
    await store.outbox.enqueue(fresh, now)
    options.onQueued?.()
    return fresh.length
  }
  const job = createPeriodicJob(pass, options.everyMs, (error) => options.log.error({ err: error }, 'subscriber maintenance pass failed; retrying'))
  return { runNow: () => job.runNow(), start: () => job.start(), stop: () => job.stop() }
}
