/**
 * The audit trail in the v1 API (scope `admin`): `GET /audit` pages through entries in chain
 * order with filters by object, actor and time; `GET /audit/export` returns JSON Lines or CSV.
 * Reads only — no route edits or deletes an entry.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { needsScope } from '../api/auth/index.js'
import { decodeCursor, encodeCursor, pageQueryFields, pageSchema } from '../api/pagination.js'
import { jsonContent, problemContent } from '../api/schemas.js'
import { isoInstant, toMs, writeProblems } from '../api/routes/write-common.js'
import type { AuditChainReads, AuditPageQuery, ChainedAuditEvent } from '../store/index.js'
import { AUDIT_EXPORT_FORMATS, auditExportStream, auditExportType } from './export.js'

const AuditEntrySchema = z
  .object({
    seq: z.number().int().openapi({ description: 'position in the hash chain' }),
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z.string().openapi({ description: 'the token name (or CLI user, `config`, `system`); never a secret' }),
    action: z.string().openapi({ example: 'incident.update' }),
    objectType: z.string(),
    objectId: z.string(),
    door: z.enum(['api', 'cli', 'config', 'system']),
    before: z.unknown(),
    after: z.unknown(),
    prevHash: z.string().openapi({ description: 'SHA-256 (hex) of the previous entry' }),
    hash: z.string().openapi({ description: 'SHA-256 (hex) of this entry’s canonical form and prevHash' }),
  })
  .openapi('AuditEntry')

const filterFields = {
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  from: isoInstant.optional().openapi({ description: 'entries at or after' }),
  to: isoInstant.optional().openapi({ description: 'entries before' }),
}

const admin = needsScope('admin')
const readProblems = { 400: problemContent('A malformed parameter'), 401: writeProblems[401], 403: writeProblems[403] }

const listAudit = createRoute({
  method: 'get', path: '/audit', tags: ['audit'], summary: 'The audit trail, oldest first (chain order)', ...admin,
  request: { query: z.object({ ...filterFields, ...pageQueryFields }) },
  responses: { 200: jsonContent(pageSchema(AuditEntrySchema).openapi('AuditPage'), 'A page of entries'), ...readProblems, 422: problemContent('Not a cursor this API returned') },
})

const exportAudit = createRoute({
  method: 'get', path: '/audit/export', tags: ['audit'], summary: 'The audit trail as JSON Lines or CSV, oldest first', ...admin,
  request: { query: z.object({ ...filterFields, format: z.enum(AUDIT_EXPORT_FORMATS).default('jsonl') }) },
  responses: {
    200: { content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() } }, description: 'One entry per line (CSV with a header)' },
    ...readProblems,
  },
})

function filtersOf(query: z.infer<z.ZodObject<typeof filterFields>>): Omit<AuditPageQuery, 'limit' | 'afterSeq'> {
  const filters: Omit<AuditPageQuery, 'limit' | 'afterSeq'> = {}
  if (query.objectType !== undefined) filters.objectType = query.objectType
  if (query.objectId !== undefined) filters.objectId = query.objectId
  if (query.actor !== undefined) filters.actor = query.actor
  if (query.from !== undefined) filters.from = toMs(query.from)
  if (query.to !== undefined) filters.to = toMs(query.to)
  return filters
}

function toApi(event: ChainedAuditEvent): z.infer<typeof AuditEntrySchema> {
  return { ...event, at: new Date(event.at).toISOString() }
}

/** Registers the audit routes. */
export function registerAuditRoutes(app: OpenAPIHono, audit: AuditChainReads): void {
  app.openapi(listAudit, async (c) => {
    const query = c.req.valid('query')
    const cursor = decodeCursor(query.cursor, 'audit', ['n'])
    const rows = await audit.page({ ...filtersOf(query), limit: query.limit + 1, ...(cursor === null ? {} : { afterSeq: cursor[0] as number }) })
    const page = rows.slice(0, query.limit)
    const nextCursor = rows.length > query.limit ? encodeCursor('audit', [page.at(-1)!.seq]) : null
    c.header('cache-control', 'no-store')
    return c.json({ items: page.map(toApi), nextCursor }, 200)
  })
  app.openapi(exportAudit, async (c) => {
    const query = c.req.valid('query')
    const body = auditExportStream(audit, query.format, filtersOf(query))
    return c.body(body, 200, { 'content-type': auditExportType(query.format), 'cache-control': 'no-store', 'content-disposition': `attachment; filename="audit.${query.format}"` })
  })
}
