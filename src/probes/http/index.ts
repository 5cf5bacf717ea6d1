/**
 * The http probe kind.
 *
 * @module
 */
export { closeSharedAgents } from './agents.js'
export { httpProbe } from './http-probe.js'
