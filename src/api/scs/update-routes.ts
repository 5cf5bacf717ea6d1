/**
 * SCS `/incidents/{id}/updates`: the ordered updates of an incident (`order` = the update's
 * sequence number). An update's display name and description are its text's title line and body;
 * `createdAt` is the stated time (validated by the service: not in the future, not before the
 * incident began or the previous update). Maintenance windows have no updates: their list is
 * empty (the SCS web client asks every incident for it), posting one is a conflict.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import type { IncidentDetail } from '../../incidents/index.js'
import { ApiError } from '../problem.js'
import { IdParam, IncidentUpdateBody, IncrementalParam, jsonBody, parseOr400, toMs } from './bodies.js'
import type { ScsContext } from './context.js'
import { badRequest, notFound, retractionReason, scsMapped } from './errors.js'
import { readCatalog, scsUpdate, updateTextOf, visibleUpdates } from './projection.js'

/** The incident of the path, or null for a live maintenance window (an SCS incident without updates). */
async function incidentOrWindow(scs: ScsContext, c: Context): Promise<IncidentDetail | null> {
  const id = parseOr400(IdParam, c.req.param('incidentId'), 'path.incidentId')
  const incident = await scs.incidents.incident(id)
  if (incident !== null) return incident
  const window = await scs.store.maintenance.get(id)
  if (window !== null && window.cancelledAt === null) return null
  throw notFound(`no incident ${id}`)
}

async function incidentOf(scs: ScsContext, c: Context): Promise<IncidentDetail> {
  const incident = await incidentOrWindow(scs, c)
  if (incident === null) throw new ApiError(409, 'state-conflict', 'StateConflictError', 'a maintenance window has no updates')
  return incident
}

async function visibleUpdate(scs: ScsContext, c: Context) {
  const incident = await incidentOf(scs, c)
  const order = parseOr400(IncrementalParam, c.req.param('updateOrder'), 'path.updateOrder')
  const update = visibleUpdates(incident, incident.updates).find((row) => row.seq === order)
  if (update === undefined) throw notFound(`incident ${incident.id} has no update ${order}`)
  return update
}

const IMMUTABLE = 'updates are never edited; post a new update, or DELETE this one to retract it'

/** Registers the update routes of the SCS API. */
export function registerUpdateRoutes(app: Hono, scs: ScsContext): void {
  app.get('/incidents/:incidentId/updates', async (c) => {
    // The SCS web client asks every incident of its ranges for updates, maintenance included.
    const incident = await incidentOrWindow(scs, c)
    if (incident === null) return c.json({ data: [] }, 200)
    const catalog = await readCatalog(scs.store)
    return c.json({ data: visibleUpdates(incident, incident.updates).map((update) => scsUpdate(catalog, update)) }, 200)
  })
  app.post('/incidents/:incidentId/updates', async (c) => {
    const writer = await scs.writerOf(c)
    const body = parseOr400(IncidentUpdateBody, await jsonBody(c), 'body')
    const incident = await incidentOf(scs, c)
    const text = updateTextOf(body.displayName, body.description)
    if (text === '') throw badRequest('body: displayName or description is required')
    const at = body.createdAt == null ? undefined : toMs(body.createdAt)
    const update = await scsMapped(() => scs.incidents.addUpdate(incident.id, { text, ...(at === undefined ? {} : { at }) }, writer))
    return c.json({ order: update.seq }, 201)
  })
  app.get('/incidents/:incidentId/updates/:updateOrder', async (c) => {
    const update = await visibleUpdate(scs, c)
    return c.json({ data: scsUpdate(await readCatalog(scs.store), update) }, 200)
  })
  app.patch('/incidents/:incidentId/updates/:updateOrder', async (c) => {
    await scs.writerOf(c)
    await visibleUpdate(scs, c)
    throw new ApiError(501, 'not-implemented', 'Not implemented', IMMUTABLE)
  })
  app.delete('/incidents/:incidentId/updates/:updateOrder', async (c) => {
    const writer = await scs.writerOf(c)
    const update = await visibleUpdate(scs, c)
    await scsMapped(() => scs.incidents.retractUpdate(update.incidentId, update.seq, retractionReason(c), writer))
    return c.body(null, 204)
  })
}
