/**
 * Public reads of the declared status model: incidents (with impacts and updates) and
 * maintenance windows. Public text only: no actors, no config locations, no operator evidence.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { INCIDENT_PHASES, phaseName, type IncidentPhase } from '../../core/index.js'
import { IncidentsError, PAGE_LIMITS, type IncidentDetail, type IncidentReadService, type IncidentSummary, type MaintenanceView, type Retraction, type RetractionService } from '../../incidents/index.js'
import type { ImpactRow } from '../../store/index.js'
import type { Context } from 'hono'
import { ApiError, problemBody } from '../problem.js'
import { jsonContent, problemContent } from '../schemas.js'

const isoTime = z.iso.datetime().openapi({ example: '2026-11-22T10:00:00.000Z' })
const iso = (ms: number) => new Date(ms).toISOString()
const phaseNameField = z.string().openapi({ example: 'Investigating', description: 'the configured display name of `phase`' })

/** Configured display names of the phases (config `phases`); missing ones use the defaults. */
export type PhaseNames = Partial<Record<IncidentPhase, string>>

const ImpactSchema = z
  .object({
    component: z.string(),
    location: z.string(),
    type: z.string().openapi({ example: 'Connectivity Problems' }),
    severity: z.number().int().min(0).max(100).openapi({ description: '0 maintenance, 1–33 operational, 34–66 limited, 67–100 broken' }),
    from: isoTime,
    to: isoTime.nullable(),
  })
  .openapi('Impact')

const UpdateSchema = z
  .object({ order: z.number().int().min(1), phase: z.enum(INCIDENT_PHASES), phaseName: phaseNameField, text: z.string(), at: isoTime, recordedAt: isoTime })
  .openapi('IncidentUpdate')

const IncidentSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    phase: z.enum(INCIDENT_PHASES).openapi({ description: 'the fixed lifecycle key' }),
    phaseName: phaseNameField,
    origin: z.enum(['human', 'system']),
    beganAt: isoTime,
    endedAt: isoTime.nullable(),
    impacts: z.array(ImpactSchema),
  })
  .openapi('Incident')

/** An incident with its updates (also the answer of incident writes). */
export const IncidentDetailSchema = IncidentSchema.extend({
  updates: z.array(UpdateSchema).openapi({ description: 'published updates; retracted ones are left out (their order numbers stay)' }),
  editedAt: z.array(isoTime).openapi({ description: 'every change after the first publication (not new updates), oldest first: the page shows "edited"' }),
}).openapi('IncidentDetail')

/** A maintenance window (also the answer of maintenance writes). */
export const MaintenanceSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    status: z.enum(['scheduled', 'in_progress', 'completed', 'cancelled']),
    components: z.array(z.object({ component: z.string(), locations: z.array(z.string()).nullable() })),
    start: isoTime,
    end: isoTime,
    cancelledAt: isoTime.nullable(),
  })
  .openapi('Maintenance')

const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })

const pageQuery = {
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMITS.max).default(PAGE_LIMITS.default),
}

const listIncidents = createRoute({
  method: 'get',
  path: '/incidents',
  tags: ['incidents'],
  summary: 'Incidents, newest first',
  request: { query: z.object({ status: z.enum(['open', 'resolved']).optional(), ...pageQuery }) },
  responses: { 200: jsonContent(pageOf(IncidentSchema), 'A page of incidents'), 422: problemContent('Not a cursor this API returned') },
})

const getIncident = createRoute({
  method: 'get',
  path: '/incidents/{id}',
  tags: ['incidents'],
  summary: 'One incident with its impacts and updates',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: jsonContent(IncidentDetailSchema, 'The incident'),
    404: problemContent('No such incident'),
    410: problemContent('Retracted: the problem carries `retractedAt` and the operator’s `reason`'),
  },
})

const listMaintenance = createRoute({
  method: 'get',
  path: '/maintenance',
  tags: ['incidents'],
  summary: 'Maintenance windows (scheduled, in progress, completed, cancelled), newest start first',
  request: { query: z.object(pageQuery) },
  responses: { 200: jsonContent(pageOf(MaintenanceSchema), 'A page of windows'), 422: problemContent('Not a cursor this API returned') },
})

function impactToApi(impact: ImpactRow): z.infer<typeof ImpactSchema> {
  return { component: impact.component, location: impact.location, type: impact.type, severity: impact.severity, from: iso(impact.from), to: impact.to === null ? null : iso(impact.to) }
}

function incidentToApi(incident: IncidentSummary, names: PhaseNames): z.infer<typeof IncidentSchema> {
  return {
    id: incident.id, title: incident.title, description: incident.description, phase: incident.phase, phaseName: phaseName(incident.phase, names), origin: incident.origin,
    beganAt: iso(incident.beganAt), endedAt: incident.endedAt === null ? null : iso(incident.endedAt), impacts: incident.impacts.map(impactToApi),
  }
}

/** An incident as the API shows it. */
export function detailToApi(incident: IncidentDetail, names: PhaseNames): z.infer<typeof IncidentDetailSchema> {
  const updates = incident.updates.map((u) => ({ order: u.seq, phase: u.phase, phaseName: phaseName(u.phase, names), text: u.text, at: iso(u.at), recordedAt: iso(u.recordedAt) }))
  return { ...incidentToApi(incident, names), updates, editedAt: incident.edits.map(iso) }
}

/** A window as the API shows it. */
export function maintenanceToApi(window: MaintenanceView): z.infer<typeof MaintenanceSchema> {
  return {
    id: window.id, title: window.title, description: window.description, status: window.status, components: window.targets,
    start: iso(window.start), end: iso(window.end), cancelledAt: window.cancelledAt === null ? null : iso(window.cancelledAt),
  }
}

/** Runs a service call, turning the service's errors into API problems (404, 409, 422). */
export async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof IncidentsError)) throw error
    const issues = 'issues' in error ? (error.issues as { path: string; message: string }[]) : undefined
    throw new ApiError(error.status, error.code.toLowerCase().replaceAll('_', '-'), error.name, error.message, issues)
  }
}

/** The 410 of a retracted incident's permalink: a problem with `retractedAt` and `reason`. */
function retractedProblem(c: Context, id: string, retraction: Retraction) {
  const retractedAt = iso(retraction.retractedAt)
  const error = new ApiError(410, 'retracted', 'Retracted', `incident ${id} was retracted at ${retractedAt}: ${retraction.reason}`)
  return { ...problemBody(c, error), retractedAt, reason: retraction.reason }
}

/** Registers the public incident and maintenance reads; `phaseNames` gives the configured display names at each request. */
export function registerIncidentRoutes(app: OpenAPIHono, incidents: IncidentReadService & Pick<RetractionService, 'retraction'>, phaseNames: () => PhaseNames = () => ({})): void {
  app.openapi(listIncidents, async (c) => {
    const { status, cursor, limit } = c.req.valid('query')
    const page = await mapped(() => incidents.incidents({ limit, ...(status === undefined ? {} : { status }), ...(cursor === undefined ? {} : { cursor }) }))
    return c.json({ items: page.items.map((incident) => incidentToApi(incident, phaseNames())), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(getIncident, async (c) => {
    const { id } = c.req.valid('param')
    const found = await incidents.incident(id)
    if (found === null) {
      const retraction = await incidents.retraction(id)
      if (retraction === null) throw new ApiError(404, 'not-found', 'Not found', `no incident with id ${id}`)
      return c.json(retractedProblem(c, id, retraction), 410, { 'content-type': 'application/problem+json' })
    }
    return c.json(detailToApi(found, phaseNames()), 200)
  })
  app.openapi(listMaintenance, async (c) => {
    const { cursor, limit } = c.req.valid('query')
    const page = await mapped(() => incidents.maintenance({ limit, ...(cursor === undefined ? {} : { cursor }) }))
    return c.json({ items: page.items.map(maintenanceToApi), nextCursor: page.nextCursor }, 200)
  })
}
