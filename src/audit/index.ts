/**
 * The audit trail for operators: the entries of writes outside the declared model (sign-ins,
 * tokens, subscriptions, config loads — what they keep and never keep), chain verification and
 * exports (JSON Lines, CSV).
 *
 * @module
 */
export { describeAnchor, verifyAuditChain, type ChainVerdict } from './verify.js'
export { signInEntry, signInFailedEntry, signOutEntry, type NewAuditEntry, type SessionTokenRef } from './session-entries.js'
export { SUBSCRIBER_ACTOR, subscriptionEntry, subscriptionSnapshot, type SubscriptionAction } from './subscription-entries.js'
export {
  configFingerprint,
  configReloadEntry,
  lastConfigFingerprint,
  recordConfigLoad,
  summarizeConfigChange,
  type ConfigChangeSummary,
  type ConfigFingerprint,
  type ConfigTrigger,
} from './config-entry.js'
export { AUDIT_EXPORT_FORMATS, auditExportLines, auditExportStream, auditExportType, type AuditExportFormat } from './export.js'
