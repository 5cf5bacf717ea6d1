/**
 * Running the records job to the end over a store, once: for backfills, benchmarks and tools.
 *
 * @module
 */
import { systemClock, type Clock } from '../core/clock.js'
import type { Store } from '../store/index.js'
import { passSettings, type RecordsJobOptions } from './job.js'
import { runRecordsPass, type RecordsPass } from './pass.js'
import { createFeedsReader } from './series-feeds.js'

/** What {@link catchUp} accepts: the job's options without timer and logger. */
export type CatchUpOptions = Pick<RecordsJobOptions, 'timeZone' | 'retention' | 'batchResults' | 'settleMs'> & { clock?: Clock }

/**
 * Rolls up everything stored and not yet rolled up (and anything maintenance changes made stale),
 * then returns what it did. Same records as the periodic job: it is one run of it, with no settle
 * window by default (nothing else is writing). Safe to call while the periodic job is stopped;
 * do not run both at once.
 *
 * @example
 * const pass = await catchUp(store, { timeZone: 'Europe/Berlin' })
 * console.log(`${pass.results} results → ${pass.minutes} minutes, ${pass.hours} hours, ${pass.days} days`)
 */
export async function catchUp(store: Store, options: CatchUpOptions = {}): Promise<RecordsPass> {
  const feeds = createFeedsReader(store)
  return runRecordsPass(store, options.clock ?? systemClock, passSettings({ settleMs: 0, ...options }), () => feeds.read())
}
