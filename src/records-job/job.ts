/**
 * The records job: finds the results stored since its last run and recomputes the minute, hour
 * and day rollups they make stale, per check and per series.
 *
 * How it finds them: every result row carries `inserted_at`, the wall time it was stored. The
 * job keeps a watermark (the newest `inserted_at` it processed, in `records_watermarks`) and
 * each run reads the rows stored after `watermark − settleMs`, in storing order, a page at a
 * time. Reading back a little keeps the one race safe: on PostgreSQL a batch stamped at t may
 * commit after a batch stamped later was already read. Re-reading a row only recomputes buckets
 * that are already right — every record is a pure function of the stored results (duplicates by
 * id count once, order does not matter), and identical records are not rewritten — so the job
 * is idempotent, survives restarts (the watermark is advanced only after a page's rollups are
 * stored), and counts a late result (an old `started_at`, a new `inserted_at`) in the minute,
 * hour and day it belongs to.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Clock } from '../core/clock.js'
import type { InsertedCursor, InsertedResult, RollupRow, Store } from '../store/index.js'
import { dayRows, daysOf, hourRows, hoursOf, minuteRows } from './recompute.js'
import { createPeriodicJob } from '../scheduler/index.js'
import { createFeedsReader } from './series-feeds.js'
import { staleTargets } from './targets.js'

/** The part of a logger the job needs (pino fits). */
export interface RecordsJobLog {
  error(object: object, message?: string): void
}

/** What {@link createRecordsJob} needs. */
export interface RecordsJobOptions {
  store: Store
  clock: Clock
  log: RecordsJobLog
  /** The IANA zone of calendar days (config `timeZone`); default UTC. */
  timeZone?: string
  /** Time between the end of one run and the start of the next; default 60 s. */
  everyMs?: number
  /** How far before the watermark each run reads again; default 60 s. */
  settleMs?: number
  /** Results read per page; default 2 000. */
  pageSize?: number
}

/** What one run did. */
export interface RecordsPass {
  /** Result rows read (including those read again inside the settle window). */
  results: number
  minutes: number
  hours: number
  days: number
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

/** The name of the job's row in `records_watermarks`. */
export const RESULTS_WATERMARK = 'rollups'

const DEFAULTS = { timeZone: 'UTC', everyMs: 60_000, settleMs: 60_000, pageSize: 2_000 }

/**
 * Creates the records job.
 *
 * @example
 * const records = createRecordsJob({ store, clock, log, timeZone: config.timeZone })
 * records.start()
 * // on shutdown
 * await records.stop()
 */
export function createRecordsJob(options: RecordsJobOptions): RecordsJob {
  const { store, clock, log } = options
  const timeZone = options.timeZone ?? DEFAULTS.timeZone
  const everyMs = options.everyMs ?? DEFAULTS.everyMs
  const settleMs = options.settleMs ?? DEFAULTS.settleMs
  const pageSize = options.pageSize ?? DEFAULTS.pageSize
  const feedsReader = createFeedsReader(store)

  async function processPage(page: readonly InsertedResult[], pass: RecordsPass): Promise<void> {
    const snapshot = await feedsReader.read()
    const targets = staleTargets(page, snapshot)
    const write = async (rows: RollupRow[]): Promise<number> => {
      await store.rollups.upsert(rows, clock.now())
      return rows.length
    }
    const minutes: RollupRow[] = []
    for (const target of targets) minutes.push(...(await minuteRows(store, target, snapshot.intervals)))
    pass.minutes += await write(minutes)
    const hours: RollupRow[] = []
    for (const target of targets) hours.push(...(await hourRows(store, target, hoursOf(target.minutes))))
    pass.hours += await write(hours)
    const days: RollupRow[] = []
    for (const target of targets) days.push(...(await dayRows(store, target, daysOf(hoursOf(target.minutes), timeZone))))
    pass.days += await write(days)
  }

  async function run(): Promise<RecordsPass> {
    const pass: RecordsPass = { results: 0, minutes: 0, hours: 0, days: 0 }
    const watermark = await store.rollups.watermark(RESULTS_WATERMARK)
    let cursor: InsertedCursor = { insertedAt: watermark === null ? Number.MIN_SAFE_INTEGER : watermark - settleMs, id: null }
    for (;;) {
      const page = await store.rollups.insertedSince(cursor, pageSize)
      if (page.length === 0) break
      pass.results += page.length
      await processPage(page, pass)
      const last = page[page.length - 1]!
      if (watermark === null || last.insertedAt > watermark) await store.rollups.setWatermark(RESULTS_WATERMARK, last.insertedAt, clock.now())
      cursor = { insertedAt: last.insertedAt, id: last.id }
      await yieldToLoop()
    }
    return pass
  }

  const job = createPeriodicJob(run, everyMs, (error) => log.error({ err: error }, 'records job failed; retrying next run'))

  return {
    start: () => job.start(),
    stop: () => job.stop(),
    runNow: () => job.runNow(),
  }
}
