/**
 * Writes to maintenance windows through `/api/v1` (scope `operator`): schedule, edit and cancel
 * (and, in `maintenance-series.ts`, recurring series). The maintenance service validates (end
 * after start, known components), applies and audits them (actor = the token's name) in one
 * transaction. A window starting sooner than the minimum notice is written, and the answer's
 * `warnings` says so.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { IncidentService } from '../../incidents/index.js'
import { needsScope } from '../auth/index.js'
import { jsonContent } from '../schemas.js'
import { maintenanceToApi, MaintenanceSchema, mapped } from './incidents.js'
import { isoInstant, toMs, writeProblems, writerOf } from './write-common.js'
import { registerMaintenanceSeriesRoutes } from './maintenance-series.js'

const components = z
  .array(z.strictObject({ component: z.string(), locations: z.array(z.string()).optional().openapi({ description: 'default every location' }) }))
  .openapi({ example: [{ component: 'compute', locations: ['RegionOne'] }] })

/** A written window: the window, and the minimum-notice warnings (empty when the notice suffices). */
const WrittenMaintenance = MaintenanceSchema.extend({
  warnings: z.array(z.string()).openapi({ example: ['notice is only 5 h, the policy is 36 h'] }),
}).openapi('WrittenMaintenance')

const NewMaintenanceBody = z
  .strictObject({
    title: z.string().openapi({ example: 'Database upgrade' }),
    description: z.string().optional(),
    components,
    start: isoInstant.openapi({ description: 'may lie in the future' }),
    end: isoInstant.openapi({ description: 'after start' }),
    notify: z.boolean().optional().openapi({ description: 'tell subscribers (default true); false is silent' }),
  })
  .openapi('NewMaintenance')

const MaintenancePatchBody = z
  .strictObject({
    title: z.string().optional(),
    description: z.string().nullable().optional(),
    components: components.optional(),
    start: isoInstant.optional().openapi({ description: 'only before the window started' }),
    end: isoInstant.optional(),
    notify: z.boolean().optional().openapi({ description: 'announce a moved window to subscribers again (default true)' }),
  })
  .openapi('MaintenancePatch')

const operator = needsScope('operator')

const toTargets = (list: z.infer<typeof components>) =>
  list.map((target) => (target.locations === undefined ? { component: target.component } : { component: target.component, locations: target.locations }))

const createMaintenance = createRoute({
  method: 'post', path: '/maintenance', tags: ['incidents'], summary: 'Schedule a maintenance window', ...operator,
  request: { body: { content: { 'application/json': { schema: NewMaintenanceBody } }, required: true } },
  responses: { 201: jsonContent(WrittenMaintenance, 'The new window, with warnings when it leaves less notice than the policy'), ...writeProblems },
})

const updateMaintenance = createRoute({
  method: 'patch', path: '/maintenance/{id}', tags: ['incidents'], summary: 'Edit a window that has not completed', ...operator,
  request: { params: z.object({ id: z.uuid() }), body: { content: { 'application/json': { schema: MaintenancePatchBody } }, required: true } },
  responses: { 200: jsonContent(WrittenMaintenance, 'The edited window, with warnings when a moved start leaves less notice than the policy'), ...writeProblems },
})

const cancelMaintenance = createRoute({
  method: 'post', path: '/maintenance/{id}/cancel', tags: ['incidents'], summary: 'Cancel a window that has not completed', ...operator,
  request: { params: z.object({ id: z.uuid() }), query: z.object({ notify: z.enum(['true', 'false']).optional().openapi({ description: 'tell subscribers (default true); false is silent' }) }) },
  responses: { 200: jsonContent(MaintenanceSchema, 'The cancelled window'), ...writeProblems },
})

/** Registers the maintenance writes. */
export function registerMaintenanceWriteRoutes(app: OpenAPIHono, maintenance: IncidentService): void {
  app.openapi(createMaintenance, async (c) => {
    const body = c.req.valid('json')
    const input = {
      title: body.title,
      ...(body.description === undefined ? {} : { description: body.description }),
      components: toTargets(body.components),
      start: toMs(body.start),
      end: toMs(body.end),
      ...(body.notify === undefined ? {} : { notify: body.notify }),
    }
    const created = await mapped(() => maintenance.createMaintenance(input, writerOf(c)))
    c.header('location', `/api/v1/maintenance/${created.id}`)
    return c.json({ ...maintenanceToApi(created), warnings: created.warnings }, 201)
  })
  app.openapi(updateMaintenance, async (c) => {
    const { components: targets, start, end, notify, ...texts } = c.req.valid('json')
    const patch = {
      ...texts,
      ...(targets === undefined ? {} : { components: toTargets(targets) }),
      ...(start === undefined ? {} : { start: toMs(start) }),
      ...(end === undefined ? {} : { end: toMs(end) }),
    }
    const edited = await mapped(() => maintenance.updateMaintenance(c.req.valid('param').id, patch, writerOf(c), notify === undefined ? {} : { notify }))
    return c.json({ ...maintenanceToApi(edited), warnings: edited.warnings }, 200)
  })
  app.openapi(cancelMaintenance, async (c) => {
    const cancelled = await mapped(() => maintenance.cancelMaintenance(c.req.valid('param').id, writerOf(c), { notify: c.req.valid('query').notify !== 'false' }))
    return c.json(maintenanceToApi(cancelled), 200)
  })
  registerMaintenanceSeriesRoutes(app, maintenance)
}
