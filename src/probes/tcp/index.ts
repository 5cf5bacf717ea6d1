/**
 * The tcp probe kind.
 *
 * @module
 */
export { tcpProbe } from './tcp-probe.js'
