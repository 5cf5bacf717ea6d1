/**
 * Retraction through `/api/v1` (scope `operator`): `DELETE /incidents/{id}` and
 * `DELETE /incidents/{id}/updates/{order}` withdraw the incident or the update from every list,
 * feed and bar with a public `reason` (in the body or the query); the content stays in the store
 * and the audit trail, and the incident's permalink answers 410.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { IncidentService } from '../../incidents/index.js'
import { needsScope } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { jsonContent, problemContent } from '../schemas.js'
import { mapped } from './incidents.js'
import { writeProblems, writerOf } from './write-common.js'

/** What a retraction answers, and the extra members of the 410 problem of a retracted permalink. */
export const RetractionSchema = z
  .object({
    retractedAt: z.iso.datetime().openapi({ example: '2026-12-06T10:00:00.000Z' }),
    reason: z.string().openapi({ example: 'Posted for the wrong region' }),
  })
  .openapi('Retraction')

const reasonField = z.string().max(1000).optional().openapi({ description: 'the public reason (required here or in the body)', example: 'Posted for the wrong region' })
const reasonBody = { content: { 'application/json': { schema: z.strictObject({ reason: reasonField }).openapi('RetractionRequest') } }, required: false }
const idParam = z.object({ id: z.uuid() })
const responses = { 200: jsonContent(RetractionSchema, 'Retracted: gone from lists, feeds and bars; the permalink answers 410'), ...writeProblems, 410: problemContent('Already retracted') }

const retractIncident = createRoute({
  method: 'delete', path: '/incidents/{id}', tags: ['incidents'], summary: 'Retract an incident (never erased: its permalink answers 410 with the reason)', ...needsScope('operator'),
  request: { params: idParam, query: z.object({ reason: reasonField }), body: reasonBody },
  responses,
})

const retractUpdate = createRoute({
  method: 'delete', path: '/incidents/{id}/updates/{order}', tags: ['incidents'], summary: 'Retract one update of an incident (never erased; the incident shows "edited")', ...needsScope('operator'),
  request: { params: idParam.extend({ order: z.coerce.number().int().min(1) }), query: z.object({ reason: reasonField }), body: reasonBody },
  responses,
})

async function reasonOf(c: Context, query: string | undefined): Promise<string> {
  if (query !== undefined) return query
  const type = c.req.header('content-type') ?? ''
  const body = type.startsWith('application/json') ? ((await c.req.json().catch(() => ({}))) as { reason?: unknown }) : {}
  if (typeof body.reason === 'string') return body.reason
  throw new ApiError(422, 'invalid-input', 'InvalidInputError', 'reason: a reason is required: it is shown where the incident was', [{ path: 'reason', message: 'required (in the body or the query)' }])
}

const toApi = (retraction: { retractedAt: number; reason: string }) => ({ retractedAt: new Date(retraction.retractedAt).toISOString(), reason: retraction.reason })

/** Registers the retraction routes. */
export function registerRetractionRoutes(app: OpenAPIHono, incidents: IncidentService): void {
  app.openapi(retractIncident, async (c) => {
    const reason = await reasonOf(c, c.req.valid('query').reason)
    return c.json(toApi(await mapped(() => incidents.retractIncident(c.req.valid('param').id, reason, writerOf(c)))), 200)
  })
  app.openapi(retractUpdate, async (c) => {
    const { id, order } = c.req.valid('param')
    const reason = await reasonOf(c, c.req.valid('query').reason)
    return c.json(toApi(await mapped(() => incidents.retractUpdate(id, order, reason, writerOf(c)))), 200)
  })
}
