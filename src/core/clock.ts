/**
 * The clock seam: everything that reads time takes a {@link Clock}, so tests can use a fake one.
 *
 * @module
 */

/** Wall time for records, monotonic time for measuring. */
export interface Clock {
  /** Epoch milliseconds (wall clock), for what is stored and shown. */
  now(): number
  /** Monotonic milliseconds with sub-millisecond resolution, for what is measured. */
  monotonic(): number
}

/** The real clock: `Date.now()` and `performance.now()`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
}
