/**
 * SCS `/phases`, `/impacttypes` and `/severities`: the administered catalogue of the model.
 * Phase lists are generations — a POST creates the next one, nothing edits or deletes one.
 *
 * @module
 */
import type { Hono } from 'hono'
import { ImpactTypeBody, IdParam, IncrementalParam, jsonBody, parseOr400, PhaseListBody, SeverityBody } from './bodies.js'
import type { ScsContext } from './context.js'
import { badRequest, notFound, scsMapped } from './errors.js'
import { readCatalog } from './projection.js'

async function impactTypeById(scs: ScsContext, id: string) {
  const found = (await readCatalog(scs.store)).impactTypes.find((type) => type.id === id)
  if (found === undefined) throw notFound(`no impact type ${id}`)
  return { id: found.id, displayName: found.displayName, description: found.description ?? '' }
}

function registerPhases(app: Hono, scs: ScsContext): void {
  app.get('/phases', async (c) => {
    const raw = c.req.query('generation')
    const generation = raw === undefined ? undefined : parseOr400(IncrementalParam, raw, 'query.generation')
    const found = await scs.store.catalog.phases(generation)
    if (found === null) throw notFound(`no phase list generation ${generation ?? ''}`.trim())
    return c.json({ data: { generation: found.generation, phases: found.phases.map((phase) => phase.name) } }, 200)
  })
  app.post('/phases', async (c) => {
    const writer = await scs.writerOf(c)
    const body = parseOr400(PhaseListBody, await jsonBody(c), 'body')
    const generation = await scsMapped(() => scs.catalog.createPhaseList(body.phases, writer))
    return c.json({ generation }, 201)
  })
}

function registerImpactTypes(app: Hono, scs: ScsContext): void {
  app.get('/impacttypes', async (c) => {
    const { impactTypes } = await readCatalog(scs.store)
    return c.json({ data: impactTypes.map((type) => ({ id: type.id, displayName: type.displayName, description: type.description ?? '' })) }, 200)
  })
  app.post('/impacttypes', async (c) => {
    const writer = await scs.writerOf(c)
    const body = parseOr400(ImpactTypeBody, await jsonBody(c), 'body')
    if (body.displayName === undefined) throw badRequest('body.displayName: required')
    const id = await scsMapped(() => scs.catalog.createImpactType({ displayName: body.displayName!, description: body.description ?? null }, writer))
    return c.json({ id }, 201)
  })
  app.get('/impacttypes/:impactTypeId', async (c) => {
    const id = parseOr400(IdParam, c.req.param('impactTypeId'), 'path.impactTypeId')
    return c.json({ data: await impactTypeById(scs, id) }, 200)
  })
  app.patch('/impacttypes/:impactTypeId', async (c) => {
    const writer = await scs.writerOf(c)
    const id = parseOr400(IdParam, c.req.param('impactTypeId'), 'path.impactTypeId')
    const body = parseOr400(ImpactTypeBody, await jsonBody(c), 'body')
    await scsMapped(() => scs.catalog.updateImpactType(id, body, writer))
    return c.body(null, 204)
  })
  app.delete('/impacttypes/:impactTypeId', async (c) => {
    const writer = await scs.writerOf(c)
    const id = parseOr400(IdParam, c.req.param('impactTypeId'), 'path.impactTypeId')
    await scsMapped(() => scs.catalog.deleteImpactType(id, writer))
    return c.body(null, 204)
  })
}

function registerSeverities(app: Hono, scs: ScsContext): void {
  app.get('/severities', async (c) => {
    const levels = await scs.store.catalog.severities()
    return c.json({ data: levels.map((level) => ({ displayName: level.name, value: level.value })) }, 200)
  })
  app.post('/severities', async (c) => {
    const writer = await scs.writerOf(c)
    const body = parseOr400(SeverityBody, await jsonBody(c), 'body')
    if (body.displayName === undefined || body.value === undefined) throw badRequest('body: displayName and value are required')
    await scsMapped(() => scs.catalog.createSeverity({ displayName: body.displayName!, value: body.value! }, writer))
    return c.body(null, 204)
  })
  app.get('/severities/:severityName', async (c) => {
    const name = c.req.param('severityName')
    const found = (await scs.store.catalog.severities()).find((level) => level.name === name)
    if (found === undefined) throw notFound(`no severity named "${name}"`)
    return c.json({ data: { displayName: found.name, value: found.value } }, 200)
  })
  app.patch('/severities/:severityName', async (c) => {
    const writer = await scs.writerOf(c)
    const body = parseOr400(SeverityBody, await jsonBody(c), 'body')
    await scsMapped(() => scs.catalog.updateSeverity(c.req.param('severityName'), body, writer))
    return c.body(null, 204)
  })
  app.delete('/severities/:severityName', async (c) => {
    const writer = await scs.writerOf(c)
    await scsMapped(() => scs.catalog.deleteSeverity(c.req.param('severityName'), writer))
    return c.body(null, 204)
  })
}

/** Registers the catalogue routes of the SCS API. */
export function registerCatalogRoutes(app: Hono, scs: ScsContext): void {
  registerPhases(app, scs)
  registerImpactTypes(app, scs)
  registerSeverities(app, scs)
}
