/**
 * The retention job: a sweep at start and then once a day.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { createPeriodicJob } from '../scheduler/index.js'
import type { Store } from '../store/index.js'
import { DEFAULT_RETENTION, type RetentionPolicy } from './policy.js'
import { sweep, type SweepCounts } from './sweep.js'

/** The part of a logger the job needs (pino fits). */
export interface RetentionJobLog {
  info(object: object, message?: string): void
  error(object: object, message?: string): void
}

/** What {@link createRetentionJob} needs. */
export interface RetentionJobOptions {
  store: Store
  clock: Clock
  log: RetentionJobLog
  /** Default {@link DEFAULT_RETENTION}: raw 30 d, minutes 30 d, hours 730 d, days forever, audit forever, subscriber data 30 d, delivery logs 90 d. */
  policy?: RetentionPolicy
  /** The records job's settle window; default 60 s (as the job's). */
  settleMs?: number
  /** Time between sweeps; default one day. */
  everyMs?: number
}

/** Keeps the database within its retention; start, stop, or sweep now. */
export interface RetentionJob {
  /** Sweeps now and then every `everyMs`; a second call does nothing. */
  start(): void
  /** Stops the timer and waits for a running sweep. */
  stop(): Promise<void>
  /** Sweeps once after any running sweep. */
  runNow(): Promise<SweepCounts>
}

/**
 * Creates the retention job.
 *
 * @example
 * const retention = createRetentionJob({ store, clock, log, policy: retentionPolicy(config.records.retention) })
 * retention.start()
 */
export function createRetentionJob(options: RetentionJobOptions): RetentionJob {
  const { store, clock, log } = options
  const policy = options.policy ?? DEFAULT_RETENTION
  const job = createPeriodicJob(
    async () => {
      const counts = await sweep(store, policy, clock.now(), options.settleMs)
      log.info({ deleted: counts }, 'retention sweep done')
      return counts
    },
    options.everyMs ?? 86_400_000,
    (error) => log.error({ err: error }, 'retention sweep failed; retrying at the next sweep'),
  )
  return { start: () => job.start(), stop: () => job.stop(), runNow: () => job.runNow() }
}
