/**
 * How the sweep deletes: in batches of a few hundred rows, each its own short write transaction,
 * with a yield to the event loop between batches.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'

/** Rows per delete transaction: a few ms of write lock on SQLite. */
export const ROWS_PER_BATCH = 500

/**
 * Runs `batch` until it deletes fewer than {@link ROWS_PER_BATCH} rows, yielding between runs;
 * resolves to the total.
 *
 * @example
 * const deleted = await drain(() => store.retention.deleteRollups(scope, key, 'minute', cutoff, ROWS_PER_BATCH))
 */
export async function drain(batch: () => Promise<number>): Promise<number> {
  let total = 0
  for (;;) {
    const deleted = await batch()
    total += deleted
    await yieldToLoop()
    if (deleted < ROWS_PER_BATCH) return total
  }
}
