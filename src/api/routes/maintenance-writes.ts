/**
 * Writes to maintenance windows through `/api/v1` (scope `operator`): schedule and cancel. The
 * maintenance service validates (end after start, known components), applies and audits them
 * (actor = the token's name) in one transaction.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { IncidentService } from '../../incidents/index.js'
import { needsScope } from '../auth/index.js'
import { jsonContent } from '../schemas.js'
import { maintenanceToApi, MaintenanceSchema, mapped } from './incidents.js'
import { isoInstant, toMs, writeProblems, writerOf } from './write-common.js'

const NewMaintenanceBody = z
  .strictObject({
    title: z.string().openapi({ example: 'Database upgrade' }),
    description: z.string().optional(),
    components: z
      .array(z.strictObject({ component: z.string(), locations: z.array(z.string()).optional().openapi({ description: 'default every location' }) }))
      .openapi({ example: [{ component: 'compute', locations: ['RegionOne'] }] }),
    start: isoInstant.openapi({ description: 'may lie in the future' }),
    end: isoInstant.openapi({ description: 'after start' }),
  })
  .openapi('NewMaintenance')

const operator = needsScope('operator')

const createMaintenance = createRoute({
  method: 'post', path: '/maintenance', tags: ['incidents'], summary: 'Schedule a maintenance window', ...operator,
  request: { body: { content: { 'application/json': { schema: NewMaintenanceBody } }, required: true } },
  responses: { 201: jsonContent(MaintenanceSchema, 'The new window'), ...writeProblems },
})

const cancelMaintenance = createRoute({
  method: 'post', path: '/maintenance/{id}/cancel', tags: ['incidents'], summary: 'Cancel a window that has not completed', ...operator,
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonContent(MaintenanceSchema, 'The cancelled window'), ...writeProblems },
})

/** Registers the maintenance writes. */
export function registerMaintenanceWriteRoutes(app: OpenAPIHono, maintenance: IncidentService): void {
  app.openapi(createMaintenance, async (c) => {
    const body = c.req.valid('json')
    const input = {
      title: body.title,
      ...(body.description === undefined ? {} : { description: body.description }),
      components: body.components.map((target) => (target.locations === undefined ? { component: target.component } : { component: target.component, locations: target.locations })),
      start: toMs(body.start),
      end: toMs(body.end),
    }
    const created = await mapped(() => maintenance.createMaintenance(input, writerOf(c)))
    c.header('location', `/api/v1/maintenance/${created.id}`)
    return c.json(maintenanceToApi(created), 201)
  })
  app.openapi(cancelMaintenance, async (c) => {
    const cancelled = await mapped(() => maintenance.cancelMaintenance(c.req.valid('param').id, writerOf(c)))
    return c.json(maintenanceToApi(cancelled), 200)
  })
}
