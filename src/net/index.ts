/**
 * Outgoing network safety: the SSRF guard (address ranges, policy, pinned connections) and a
 * request helper that goes through it.
 *
 * @module
 */
export { cidrContains, embeddedIpv4, parseCidr, parseIp, type Cidr, type IpAddress } from './cidr.js'
export { DEFAULT_DENIED, hostMatches, SsrfPolicySchema, type DeniedRange, type SsrfPolicy, type SsrfPolicyInput } from './ssrf-policy.js'
export { createSsrfGuard, SsrfDeniedError, systemResolver, type CheckedTarget, type Resolver, type SsrfGuard } from './ssrf-guard.js'
export { guardedRequest, GuardedRequestError, type GuardedRequest, type GuardedResponse } from './guarded-request.js'
