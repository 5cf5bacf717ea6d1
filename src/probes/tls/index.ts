/**
 * The tls probe kind.
 *
 * @module
 */
export { tlsProbe } from './tls-probe.js'
