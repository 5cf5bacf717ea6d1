/**
 * Exact cleanup after any crash: an owner's leftovers from the scenario ledger, then the
 * janitor's sweep by the owner's name prefix and tag (including Octavia's ports on the owner's
 * networks), deleted in dependency order and reported; a leftover found is a `leaked` result.
 * docs/cleanup.md explains it.
 *
 * @example
 * import { cleanupLeftovers, leakedFailure, runPrefix } from '../scenario/cleanup/index.js'
 * const report = await cleanupLeftovers({ store, session, cloud: 'prod', owner: 'mon1' })
 * const failure = leakedFailure(report) // null, or { code: 'leaked', message }
 *
 * @module
 */
export { cleanupLeftovers } from './cleanup.js'
export type { CleanupOptions } from './cleanup.js'
export { canonicalKind, CLEANUP_KINDS } from './kinds.js'
export type { CleanupKind } from './kinds.js'
export { assertOwnerId, defaultOwner, isOwnersPrefix, OwnerIdError, ownerPrefix, ownerTag, runPrefix } from './naming.js'
export { leakedFailure } from './report.js'
export type { CleanupItem, CleanupOutcome, CleanupReport, CleanupSource } from './report.js'
export { isOctaviaPort } from './sweep.js'
