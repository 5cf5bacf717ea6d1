/**
 * The record of one wait: how it ended, and when — the creation, boot or deletion time with the
 * window in which the change happened.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'

/**
 * How a wait ended: `reached` the wanted state (or gone, on deletion), `failed` (an error
 * state), `gone` (vanished while being created), `timeout`, `list_errors` (too many failed list
 * calls in a row), `aborted`.
 */
export type WaitOutcome = 'reached' | 'failed' | 'gone' | 'timeout' | 'list_errors' | 'aborted'

/** One resource's wait. */
export interface WaitRecord {
  id: string
  kind: string
  mode: 'create' | 'delete'
  outcome: WaitOutcome
  /** True exactly when `outcome` is `reached`. */
  ok: boolean
  /** Why it did not reach the state; null when it did. */
  reason: string | null
  /** The last status seen (`ACTIVE`, `ERROR`, `available`); null when never seen. */
  status: string | null
  /** When the create or delete request was sent, epoch ms. */
  requestedAt: number
  /** Request to the poll answer that showed the outcome (OSHM's creation/deletion time); to the give-up otherwise. */
  elapsedMs: number
  /**
   * How long the window is in which the change happened: from the start of the last poll that
   * still saw the old state (or the request) to the answer that showed the new one; about the
   * poll interval plus one list call. Null when the wait did not end in a state change.
   */
  resolutionMs: number | null
  /** Polls whose answer included this resource. */
  polls: number
}

/** @internal A resource being waited for. */
export interface Target {
  id: string
  requestedAt: number
  requestedMono: number
  addedMono: number
  lastPendingMono: number
  polls: number
  status: string | null
  done: Promise<WaitRecord>
  settle(record: WaitRecord): void
}

const CHANGED: ReadonlySet<WaitOutcome> = new Set(['reached', 'failed', 'gone'])

/** @internal Builds the record of a target that ended now. */
export function settleTarget(
  target: Target,
  spec: { kind: string; mode: 'create' | 'delete' },
  outcome: WaitOutcome,
  reason: string | null,
  clock: Clock,
): WaitRecord {
  const now = clock.monotonic()
  return {
    id: target.id,
    kind: spec.kind,
    mode: spec.mode,
    outcome,
    ok: outcome === 'reached',
    reason,
    status: target.status,
    requestedAt: target.requestedAt,
    elapsedMs: Math.max(0, now - target.requestedMono),
    resolutionMs: CHANGED.has(outcome) ? Math.max(0, now - target.lastPendingMono) : null,
    polls: target.polls,
  }
}
