/**
 * Audit trail exports: JSON Lines (one entry per line, `before`/`after` as JSON) or CSV (RFC 4180,
 * `before`/`after` as JSON text), in chain order, read a page at a time so a long trail never
 * sits in memory. Values are exported exactly as stored (with their hashes), so an export can be
 * checked against the chain later.
 *
 * @module
 */
import type { AuditChainReads, AuditPageQuery, ChainedAuditEvent } from '../store/index.js'

/** The export formats. */
export const AUDIT_EXPORT_FORMATS = ['jsonl', 'csv'] as const
/** One of {@link AUDIT_EXPORT_FORMATS}. */
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number]

const PAGE = 500
const CSV_COLUMNS = ['seq', 'id', 'at', 'actor', 'action', 'objectType', 'objectId', 'door', 'before', 'after', 'prevHash', 'hash'] as const

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

function csvLine(event: ChainedAuditEvent): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string> = {
    seq: String(event.seq), id: event.id, at: new Date(event.at).toISOString(), actor: event.actor, action: event.action, objectType: event.objectType,
    objectId: event.objectId, door: event.door, before: JSON.stringify(event.before), after: JSON.stringify(event.after), prevHash: event.prevHash, hash: event.hash,
  }
  return `${CSV_COLUMNS.map((column) => csvField(values[column])).join(',')}\r\n`
}

function jsonLine(event: ChainedAuditEvent): string {
  return `${JSON.stringify({ ...event, at: new Date(event.at).toISOString() })}\n`
}

/**
 * The lines of an export of the entries matching `filters` (CSV starts with its header).
 *
 * @example
 * for await (const line of auditExportLines(store.audit, 'jsonl', { from: Date.parse('2026-12-01T00:00:00Z') })) process.stdout.write(line)
 */
export async function* auditExportLines(audit: AuditChainReads, format: AuditExportFormat, filters: Omit<AuditPageQuery, 'limit' | 'afterSeq'> = {}): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`
  let afterSeq: number | undefined
  for (;;) {
    const page = await audit.page({ ...filters, limit: PAGE, ...(afterSeq === undefined ? {} : { afterSeq }) })
    for (const event of page) yield format === 'csv' ? csvLine(event) : jsonLine(event)
    if (page.length < PAGE) return
    afterSeq = page.at(-1)!.seq
  }
}

/**
 * An export as a byte stream, read from the store only as fast as the client takes it.
 *
 * @example
 * return c.body(auditExportStream(store.audit, 'csv', filters), 200, { 'content-type': 'text/csv; charset=utf-8' })
 */
export function auditExportStream(audit: AuditChainReads, format: AuditExportFormat, filters: Omit<AuditPageQuery, 'limit' | 'afterSeq'> = {}): ReadableStream<Uint8Array> {
  const lines = auditExportLines(audit, format, filters)
  const encoder = new TextEncoder()
  return new ReadableStream({
    async pull(controller) {
      const next = await lines.next()
      if (next.done === true) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await lines.return(undefined)
    },
  })
}

/** The content type of an export format. */
export function auditExportType(format: AuditExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson'
}
