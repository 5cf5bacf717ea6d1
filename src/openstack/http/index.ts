/**
 * The timed HTTP layer of the OpenStack client: connections per iteration, one recorded call
 * per attempt, failure classification, retries and per-service timeouts.
 *
 * @module
 */
export { apiErrors, toCall } from './call.js'
export type { CallFailure, OpenStackCall } from './call.js'
export { classifyAnswer, headerOf, parseRetryAfter, serverMessage } from './classify.js'
export type { AnswerFailure } from './classify.js'
export { performCall } from './perform.js'
export type { AcceptAnswer, Answer, CallEnv, CallOutcome, CallSpec } from './perform.js'
export { ConnectionPool } from './pool.js'
export type { PoolSettings, PoolTls } from './pool.js'
export { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry.js'
export type { RetryPolicy } from './retry.js'
export { callTimeoutMs, DEFAULT_OPERATION_TIMEOUTS_MS, DEFAULT_SERVICE_TIMEOUTS_MS } from './timeouts.js'
export type { TimeoutSettings } from './timeouts.js'
