/**
 * SCS `/incidents`: the model's incidents and maintenance windows (a window is an SCS incident
 * whose impacts have severity 0). A body whose every impact has severity 0 creates a window;
 * anything else an incident through the one service layer.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { maintenanceStatus, PAGE_LIMITS, type IncidentSummary, type MaintenanceView } from '../../incidents/index.js'
import { ApiError } from '../problem.js'
import { DateParam, IdParam, IncidentBody, jsonBody, parseOr400, toMs } from './bodies.js'
import type { ScsContext } from './context.js'
import { badRequest, notFound, retractionReason, scsMapped } from './errors.js'
import { resolveIncident, type ResolvedIncident } from './incident-input.js'
import { readCatalog, scsIncident, scsMaintenance, type ScsCatalog, type ScsIncident } from './projection.js'

async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | undefined
  do {
    const next = await page(cursor)
    items.push(...next.items)
    cursor = next.nextCursor ?? undefined
  } while (cursor !== undefined)
  return items
}

async function incidentsBetween(scs: ScsContext, catalog: ScsCatalog, from: number, to: number): Promise<ScsIncident[]> {
  const limit = PAGE_LIMITS.max
  const incidents = await allPages<IncidentSummary>((cursor) => scs.incidents.incidents({ from, to, limit, ...(cursor === undefined ? {} : { cursor }) }))
  const windows = await allPages<MaintenanceView>((cursor) => scs.incidents.maintenance({ from, to, limit, ...(cursor === undefined ? {} : { cursor }) }))
  const projected = await Promise.all(incidents.map(async (incident) => scsIncident(catalog, incident, await scs.store.incidents.updates(incident.id))))
  const maintenance = windows.filter((window) => window.status !== 'cancelled').map((window) => scsMaintenance(catalog, window))
  return [...projected, ...maintenance].sort((a, b) => (b.beganAt ?? '').localeCompare(a.beganAt ?? ''))
}

/** A window that is not cancelled, with its status now; null when there is none. */
async function liveWindow(scs: ScsContext, id: string): Promise<MaintenanceView | null> {
  const row = await scs.store.maintenance.get(id)
  if (row === null || row.cancelledAt !== null) return null
  return { ...row, status: maintenanceStatus(row, scs.clock.now()) }
}

async function create(scs: ScsContext, c: Context): Promise<string> {
  const writer = await scs.writerOf(c)
  const body = parseOr400(IncidentBody, await jsonBody(c), 'body')
  const catalog = await readCatalog(scs.store)
  const input = await resolveIncident(catalog, body, (generation) => scs.store.catalog.phases(generation), null)
  if (input.title === undefined) throw badRequest('body.displayName: required')
  const description = input.description?.trim() || undefined
  const impacts = input.impacts ?? []
  if (impacts.length > 0 && impacts.every((impact) => impact.severity === 0)) {
    const components = [...new Set(impacts.map((impact) => impact.component))].map((component) => ({ component }))
    const window = { title: input.title, ...(description === undefined ? {} : { description }), components, start: input.beganAt ?? scs.clock.now(), end: input.endedAt! }
    return (await scsMapped(() => scs.incidents.createMaintenance(window, writer))).id
  }
  const ended = input.endedAt ?? null
  const created = await scsMapped(() =>
    scs.incidents.createIncident(
      {
        title: input.title!, ...(description === undefined ? {} : { description }), text: description ?? input.title!, impacts,
        phase: ended !== null ? 'resolved' : (input.phase?.native ?? 'investigating'),
        ...(input.beganAt == null ? {} : { beganAt: input.beganAt }), ...(ended === null ? {} : { at: ended }),
      },
      writer,
    ),
  )
  return created.id
}

function revisionOf(catalog: ScsCatalog, input: ResolvedIncident, stored: { beganAt: number; endedAt: number | null }) {
  if (input.beganAt !== undefined && input.beganAt !== stored.beganAt) throw badRequest('body.beganAt: the begin of a published incident does not move; open a new incident')
  if (input.endedAt === null && stored.endedAt !== null) throw new ApiError(409, 'state-conflict', 'StateConflictError', 'a resolved incident stays resolved; open a new incident instead')
  const description = input.description === undefined ? undefined : input.description.trim() || null
  const closing = input.endedAt !== undefined && input.endedAt !== null
  const updateText = input.phase?.name ?? (closing ? (catalog.phases.phases.at(-1)?.name ?? 'Resolved') : 'Phase changed')
  return {
    ...(input.title === undefined ? {} : { title: input.title }), ...(description === undefined ? {} : { description }),
    ...(input.impacts === undefined ? {} : { impacts: input.impacts }), ...(input.phase === undefined ? {} : { phase: input.phase.native }),
    ...(closing ? { endedAt: input.endedAt! } : {}), updateText,
  }
}

async function patch(scs: ScsContext, c: Context, id: string): Promise<void> {
  const writer = await scs.writerOf(c)
  const body = parseOr400(IncidentBody, await jsonBody(c), 'body')
  const incident = await scs.incidents.incident(id)
  if (incident === null) {
    if ((await liveWindow(scs, id)) === null) throw notFound(`no incident ${id}`)
    throw new ApiError(409, 'state-conflict', 'StateConflictError', 'a maintenance window is not edited; DELETE cancels it, then create a new one')
  }
  const catalog = await readCatalog(scs.store)
  const hasMaintenanceImpact = incident.impacts.some((impact) => impact.to === null && impact.severity === 0)
  const input = await resolveIncident(catalog, body, (generation) => scs.store.catalog.phases(generation), { beganAt: incident.beganAt, endedAt: incident.endedAt, hasMaintenanceImpact })
  await scsMapped(() => scs.revise(id, revisionOf(catalog, input, incident), writer))
}

/** Registers the incident routes of the SCS API. */
export function registerIncidentRoutes(app: Hono, scs: ScsContext): void {
  app.get('/incidents', async (c) => {
    const start = toMs(parseOr400(DateParam, c.req.query('start'), 'query.start'))
    const end = toMs(parseOr400(DateParam, c.req.query('end'), 'query.end'))
    if (end < start) throw badRequest('query.end: must not be before start')
    return c.json({ data: await incidentsBetween(scs, await readCatalog(scs.store), start, end) }, 200)
  })
  app.post('/incidents', async (c) => c.json({ id: await create(scs, c) }, 201))
  app.get('/incidents/:incidentId', async (c) => {
    const id = parseOr400(IdParam, c.req.param('incidentId'), 'path.incidentId')
    const catalog = await readCatalog(scs.store)
    const incident = await scs.incidents.incident(id)
    if (incident !== null) return c.json({ data: scsIncident(catalog, incident, incident.updates) }, 200)
    const window = await liveWindow(scs, id)
    if (window === null) throw notFound(`no incident ${id}`)
    return c.json({ data: scsMaintenance(catalog, window) }, 200)
  })
  app.patch('/incidents/:incidentId', async (c) => {
    await patch(scs, c, parseOr400(IdParam, c.req.param('incidentId'), 'path.incidentId'))
    return c.body(null, 204)
  })
  app.delete('/incidents/:incidentId', async (c) => {
    const writer = await scs.writerOf(c)
    const id = parseOr400(IdParam, c.req.param('incidentId'), 'path.incidentId')
    if ((await liveWindow(scs, id)) !== null) {
      await scsMapped(() => scs.incidents.cancelMaintenance(id, writer))
      return c.body(null, 204)
    }
    await scsMapped(() => scs.incidents.retractIncident(id, retractionReason(c), writer))
    return c.body(null, 204)
  })
}
