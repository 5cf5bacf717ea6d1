/**
 * The record of one timed OpenStack API call (one attempt), and its mapping to the result
 * contract's {@link Call}.
 *
 * @module
 */
import type { FailureCode } from '../../core/failure.js'
import type { Call, Phases } from '../../core/result.js'

/** Why one attempt failed; `message` is safe to show (no secrets, no token). */
export interface CallFailure {
  code: FailureCode
  message: string
}

/** One attempt of one API call, as measured. */
export interface OpenStackCall {
  /** A template such as `compute.servers.list`, never an id. */
  operation: string
  /** The official service type (`compute`, `block-storage`, …). */
  service: string
  method: string
  /** The path template relative to the endpoint (`/servers/{server_id}`), never an id. */
  urlTemplate: string
  /** HTTP status, or null when no answer arrived. */
  status: number | null
  /** dns, connect and tls appear only on the call that opened its connection. */
  phases: Phases
  /** From sending the request to the last body byte (or the failure), in milliseconds. */
  durationMs: number
  /** Body bytes received. */
  bytes: number
  /** `x-openstack-request-id` (or `x-compute-request-id`) of the answer. */
  requestId: string | null
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number
  /** Wall-clock start, epoch milliseconds. */
  startedAt: number
  /** Why this attempt failed, or null when it succeeded. A failed attempt is an API error even when a retry succeeds. */
  failure: CallFailure | null
}

/**
 * Maps an {@link OpenStackCall} to the result contract's {@link Call}.
 *
 * @example
 * result.calls.push(...session.calls.map(toCall))
 */
export function toCall(call: OpenStackCall): Call {
  return {
    operation: call.operation,
    status: call.status,
    durationMs: call.durationMs,
    phases: call.phases,
    requestId: call.requestId,
    attempt: call.attempt,
  }
}

/**
 * The failed attempts among `calls` — what rules count as API errors, including attempts a
 * retry made good.
 *
 * @example
 * apiErrors(session.calls).length // 1 after a 503 that the retry got past
 */
export function apiErrors(calls: readonly OpenStackCall[]): OpenStackCall[] {
  return calls.filter((call) => call.failure !== null)
}
