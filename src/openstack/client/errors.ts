/**
 * The one error the OpenStack client throws: a classified failure with a stable code.
 *
 * @module
 */
import type { FailureCode } from '../../core/failure.js'

/** What an {@link OpenStackError} carries besides its message. */
export interface OpenStackErrorDetails {
  code: FailureCode
  /** The operation template (`compute.servers.list`). */
  operation: string
  /** HTTP status of the last attempt, or null when no answer arrived. */
  status: number | null
  requestId: string | null
  /** Attempts made (each recorded as its own call). */
  attempts: number
}

/**
 * A call that failed after its retries, or a client that cannot make it (no such service in
 * the catalog, auth settings incomplete). The message is safe to show: secrets are redacted.
 *
 * @example
 * try { await client.get(…) } catch (error) { if (error instanceof OpenStackError && error.code === 'not_found') … }
 */
export class OpenStackError extends Error implements OpenStackErrorDetails {
  override readonly name = 'OpenStackError'
  readonly code: FailureCode
  readonly operation: string
  readonly status: number | null
  readonly requestId: string | null
  readonly attempts: number

  constructor(message: string, details: OpenStackErrorDetails) {
    super(message)
    this.code = details.code
    this.operation = details.operation
    this.status = details.status
    this.requestId = details.requestId
    this.attempts = details.attempts
  }
}
