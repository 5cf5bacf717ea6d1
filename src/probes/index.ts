/**
 * Probes: measure one target once and return a {@link ProbeResult}; never throw, never store.
 *
 * @example
 * import { runCheck } from './probes/index.js'
 * const result = await runCheck(check, { clock: systemClock, log })
 *
 * @module
 */
export { conditionsFor } from './conclude.js'
export { dnsProbe } from './dns/index.js'
export { closeSharedAgents, httpProbe } from './http/index.js'
export type { Probe, ProbeContext, ProbeLogger } from './probe.js'
export { PROBES } from './registry.js'
export type { ProbesByKind } from './registry.js'
export { runCheck } from './run-check.js'
export type { RunCheckDeps } from './run-check.js'
export { tcpProbe } from './tcp/index.js'
export { tlsProbe } from './tls/index.js'
export { operationMatcher, projectPart } from './result-part.js'
export type { OperationMatcher } from './result-part.js'
