/**
 * Writes to incidents through `/api/v1` (scope `operator`): open, change texts, add updates, set
 * and end impacts. Every route is a thin door to the incident service, which validates, applies
 * and audits (actor = the token's name) in one transaction.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { INCIDENT_PHASES } from '../../core/index.js'
import type { IncidentService } from '../../incidents/index.js'
import { needsScope } from '../auth/index.js'
import { jsonContent } from '../schemas.js'
import { detailToApi, IncidentDetailSchema, mapped, type PhaseNames } from './incidents.js'
import { isoInstant, toMs, writeProblems, writerOf } from './write-common.js'

const severity = z.number().int().openapi({ example: 70, description: '0–100: 0 maintenance, 1–33 operational, 34–66 limited, 67–100 broken' })

const ImpactBody = z
  .strictObject({
    component: z.string().openapi({ example: 'compute' }),
    location: z.string().optional().openapi({ example: 'RegionOne', description: 'default `global` (the component is not split)' }),
    type: z.string().optional().openapi({ example: 'Connectivity Problems', description: 'default `Unknown`' }),
    severity,
  })
  .openapi('ImpactInput')

const NewIncidentBody = z
  .strictObject({
    template: z.string().optional().openapi({ example: 'compute-boot-failures', description: 'a template (name or id) that fills the fields left out' }),
    title: z.string().optional().openapi({ example: 'Instances fail to start in RegionOne', description: 'required without a template' }),
    description: z.string().optional(),
    phase: z.enum(INCIDENT_PHASES).optional().openapi({ description: 'default investigating' }),
    beganAt: isoInstant.optional().openapi({ description: 'default now; not in the future' }),
    impacts: z.array(ImpactBody).optional(),
    text: z.string().optional().openapi({ description: 'the first update (Markdown); required without a template' }),
    at: isoInstant.optional().openapi({ description: 'time of the first update; default now; not before beganAt, not in the future' }),
    notify: z.boolean().optional().openapi({ description: 'tell subscribers (default true); false is silent' }),
  })
  .openapi('NewIncident')

const IncidentPatchBody = z
  .strictObject({ title: z.string().optional(), description: z.string().nullable().optional() })
  .openapi('IncidentPatch')

const NewUpdateBody = z
  .strictObject({
    text: z.string(),
    phase: z.enum(INCIDENT_PHASES).optional().openapi({ description: 'default the current phase; resolved is final' }),
    at: isoInstant.optional().openapi({ description: 'default now; not in the future, not before the incident began or the previous update' }),
    notify: z.boolean().optional().openapi({ description: 'tell subscribers (default true); false is silent' }),
  })
  .openapi('NewIncidentUpdate')

const idParam = z.object({ id: z.uuid() })
const operator = needsScope('operator')

const createIncident = createRoute({
  method: 'post', path: '/incidents', tags: ['incidents'], summary: 'Open an incident with its impacts and first update', ...operator,
  request: { body: { content: { 'application/json': { schema: NewIncidentBody } }, required: true } },
  responses: { 201: jsonContent(IncidentDetailSchema, 'The new incident'), ...writeProblems },
})

const patchIncident = createRoute({
  method: 'patch', path: '/incidents/{id}', tags: ['incidents'], summary: 'Change the title or description of an incident', ...operator,
  request: { params: idParam, body: { content: { 'application/json': { schema: IncidentPatchBody } }, required: true } },
  responses: { 200: jsonContent(IncidentDetailSchema, 'The changed incident'), ...writeProblems },
})

const addUpdate = createRoute({
  method: 'post', path: '/incidents/{id}/updates', tags: ['incidents'], summary: 'Add an update; its phase moves the incident (resolved ends it and its impacts)', ...operator,
  request: { params: idParam, body: { content: { 'application/json': { schema: NewUpdateBody } }, required: true } },
  responses: { 201: jsonContent(IncidentDetailSchema, 'The incident with the new update'), ...writeProblems },
})

const setImpact = createRoute({
  method: 'put', path: '/incidents/{id}/impacts', tags: ['incidents'], summary: 'Add an impact, or change its severity from now on', ...operator,
  request: { params: idParam, body: { content: { 'application/json': { schema: ImpactBody } }, required: true } },
  responses: { 200: jsonContent(IncidentDetailSchema, 'The incident with its impacts'), ...writeProblems },
})

const removeImpact = createRoute({
  method: 'delete', path: '/incidents/{id}/impacts', tags: ['incidents'], summary: 'End an impact now (it stays in the history)', ...operator,
  request: { params: idParam, query: z.object({ component: z.string(), location: z.string().optional(), type: z.string().optional() }) },
  responses: { 200: jsonContent(IncidentDetailSchema, 'The incident with its impacts'), ...writeProblems },
})

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T
}

/** Registers the incident writes; `phaseNames` gives the configured display names at each request. */
export function registerIncidentWriteRoutes(app: OpenAPIHono, incidents: IncidentService, phaseNames: () => PhaseNames = () => ({})): void {
  const answer = async (id: string) => detailToApi((await incidents.incident(id))!, phaseNames())
  app.openapi(createIncident, async (c) => {
    const body = c.req.valid('json')
    const input = withoutUndefined({ ...body, beganAt: toMs(body.beganAt), at: toMs(body.at) })
    const created = await mapped(() => incidents.createIncident(input, writerOf(c)))
    c.header('location', `/api/v1/incidents/${created.id}`)
    return c.json(detailToApi(created, phaseNames()), 201)
  })
  app.openapi(patchIncident, async (c) => {
    const changed = await mapped(() => incidents.updateIncident(c.req.valid('param').id, withoutUndefined(c.req.valid('json')), writerOf(c)))
    return c.json(detailToApi(changed, phaseNames()), 200)
  })
  app.openapi(addUpdate, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await mapped(() => incidents.addUpdate(id, withoutUndefined({ ...body, at: toMs(body.at) }), writerOf(c)))
    return c.json(await answer(id), 201)
  })
  app.openapi(setImpact, async (c) => {
    const changed = await mapped(() => incidents.setImpact(c.req.valid('param').id, withoutUndefined(c.req.valid('json')), writerOf(c)))
    return c.json(detailToApi(changed, phaseNames()), 200)
  })
  app.openapi(removeImpact, async (c) => {
    const changed = await mapped(() => incidents.removeImpact(c.req.valid('param').id, withoutUndefined(c.req.valid('query')), writerOf(c)))
    return c.json(detailToApi(changed, phaseNames()), 200)
  })
}
