/**
 * The records job: keeps minute, hour and day rollups per check and per (component, location)
 * series up to date with the stored results and maintenance windows, every minute. See
 * `pass.ts` for one run, and `catchUp` for running it to the end over a store.
 *
 * How it finds new results: every result row carries `inserted_at`, the wall time it was
 * stored. The job keeps a watermark (the newest `inserted_at` it processed) and each run reads
 * the rows stored after `watermark − settleMs`. Reading back a little keeps the one race safe: on
 * PostgreSQL a batch stamped at t may commit after a batch stamped later was already read.
 * A late result (an old `started_at`, a new `inserted_at`) is counted in the minute, hour and day
 * it belongs to.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { createPeriodicJob } from '../scheduler/index.js'
import type { Store } from '../store/index.js'
import { runRecordsPass, type PassSettings, type RecordsPass, type RollupRetention } from './pass.js'
import { createFeedsReader } from './series-feeds.js'

/** The part of a logger the job needs (pino fits). */
export interface RecordsJobLog {
  error(object: object, message?: string): void
}

/** What {@link createRecordsJob} needs. */
export interface RecordsJobOptions {
  store: Store
  clock: Clock
  log: RecordsJobLog
  /** The IANA zone of calendar days (config `records.timeZone`); default UTC. Changing it rebuilds the day records. */
  timeZone?: string
  /** Minute and hour retention (config `records.retention`): older records are not created. Default 30 d and 730 d. */
  retention?: RollupRetention
  /** Time between the end of one run and the start of the next; default 60 s. */
  everyMs?: number
  /** How far before the watermark each run reads again; default 60 s. */
  settleMs?: number
  /** Results recomputed per batch; default 50 000. */
  batchResults?: number
}

/** Keeps rollups current; start, stop, or run now. */
export interface RecordsJob {
  /** Runs now and then every `everyMs`; a second call does nothing. */
  start(): void
  /** Stops the timer and waits for a running run. */
  stop(): Promise<void>
  /** Runs once after any running run (runs never overlap). */
  runNow(): Promise<RecordsPass>
}

const DAY_MS = 86_400_000

/** The job's defaults. */
export const RECORDS_DEFAULTS = {
  timeZone: 'UTC',
  everyMs: 60_000,
  settleMs: 60_000,
  batchResults: 50_000,
  retention: { minuteMs: 30 * DAY_MS, hourMs: 730 * DAY_MS } satisfies RollupRetention,
}

/**
 * The settings of a run from job options, defaults filled in.
 *
 * @example
 * passSettings({ timeZone: 'Europe/Berlin' }).batchResults // 50000
 */
export function passSettings(options: Pick<RecordsJobOptions, 'timeZone' | 'retention' | 'settleMs' | 'batchResults'>): PassSettings {
  return {
    timeZone: options.timeZone ?? RECORDS_DEFAULTS.timeZone,
    settleMs: options.settleMs ?? RECORDS_DEFAULTS.settleMs,
    batchResults: options.batchResults ?? RECORDS_DEFAULTS.batchResults,
    retention: options.retention ?? RECORDS_DEFAULTS.retention,
  }
}

/**
 * Creates the records job.
 *
 * @example
 * const records = createRecordsJob({ store, clock, log, timeZone: config.records.timeZone })
 * records.start()
 * // on shutdown
 * await records.stop()
 */
export function createRecordsJob(options: RecordsJobOptions): RecordsJob {
  const { store, clock, log } = options
  const settings = passSettings(options)
  const feeds = createFeedsReader(store)
  const job = createPeriodicJob(
    () => runRecordsPass(store, clock, settings, () => feeds.read()),
    options.everyMs ?? RECORDS_DEFAULTS.everyMs,
    (error) => log.error({ err: error }, 'records job failed; retrying next run'),
  )
  return {
    start: () => job.start(),
    stop: () => job.stop(),
    runNow: () => job.runNow(),
  }
}
