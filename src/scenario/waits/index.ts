/**
 * Waits for asynchronous resources: one list call per poll for many resources of a kind.
 *
 * @module
 */
export { ResourcePoller } from './poller.js'
export type { Observation, PollerSpec } from './poller.js'
export type { WaitOutcome, WaitRecord } from './wait-record.js'
