/**
 * The http probe kind.
 *
 * @module
 */
export { closeSharedAgents } from './agents.js'
export { httpProbe } from './http-probe.js'
export { timedConnector } from './connector.js'
export type { ConnectorSettings, TimedConnector } from './connector.js'
export type { RunAgent } from './agents.js'
export { exchange } from './exchange.js'
export type { HopEnv, HopRequest, HopResult } from './exchange.js'
