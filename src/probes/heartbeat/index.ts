/**
 * Push checks: heartbeats and health beacons become results through {@link pushedResult}.
 *
 * @module
 */
export { pushedResult, type PushedReport } from './beat.js'
export { heartbeatProbe } from './probe.js'
