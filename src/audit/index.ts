/**
 * The audit trail for operators: chain verification and exports (JSON Lines, CSV).
 *
 * @module
 */
export { verifyAuditChain, type ChainVerdict } from './verify.js'
export { AUDIT_EXPORT_FORMATS, auditExportLines, type AuditExportFormat } from './export.js'
