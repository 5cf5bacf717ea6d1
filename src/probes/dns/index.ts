/**
 * The dns probe kind.
 *
 * @module
 */
export { dnsProbe } from './dns-probe.js'
export { parseResolver, systemResolver } from './resolver.js'
export type { ResolverAddress } from './resolver.js'
