/**
 * The part of a stored result that state and availability code reads.
 *
 * @module
 */

/** One result reduced to its outcome and timing. */
export interface ResultOutcome {
  ok: boolean
  startedAt: number
  durationMs: number
}
