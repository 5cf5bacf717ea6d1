/**
 * SCS `/components`: the model's components with the impacts active at `at` (default now) —
 * incidents' impacts and maintenance windows in progress. Without `at`, a future window does not
 * show yet (as the reference server).
 *
 * @module
 */
import type { Hono } from 'hono'
import { seriesId, STATE_TABLE } from '../../core/index.js'
import { noDataSeverityWithin, severityRanges } from '../../records/index.js'
import { derivedUuid, type ComponentRow, type ImpactRow, type MaintenanceRow } from '../../store/index.js'
import { ComponentBody, DateParam, IdParam, jsonBody, parseOr400, toMs } from './bodies.js'
import type { ScsContext } from './context.js'
import { currentComponentsHandler } from './current-components.js'
import { badRequest, notFound, scsMapped } from './errors.js'
import { MAINTENANCE_TYPE, readCatalog, scsImpacts, typeIdOf, type ScsCatalog, type ScsImpact } from './projection.js'

interface ActiveAt {
  impacts: ImpactRow[]
  windows: MaintenanceRow[]
  /** Components with a location whose measured state is no data now (empty for a past `at`). */
  silent: ReadonlySet<string>
  /** The severity of the "No data" impact: above the CSP's lowest severity range (`noDataSeverityWithin`). */
  noDataSeverity: number
}

/** The impact type the SCS projection gives "no data": a system impact, not an incident. */
const NO_DATA_TYPE = STATE_TABLE.no_data.scs.impactType!

function affectedBy(catalog: ScsCatalog, component: ComponentRow, active: ActiveAt): ScsImpact[] {
  const incidents = scsImpacts(catalog, active.impacts.filter((impact) => impact.component === component.name), (impact) => impact.incidentId)
  const type = typeIdOf(catalog, MAINTENANCE_TYPE)
  const windows = active.windows
    .filter((window) => window.targets.some((target) => target.component === component.name))
    .map((window) => ({ type, reference: window.id, severity: 0 }))
  const noData = active.silent.has(component.name)
    ? [{ type: typeIdOf(catalog, NO_DATA_TYPE), reference: derivedUuid('glasshouse:no-data:', component.id), severity: active.noDataSeverity }]
    : []
  return [...incidents, ...windows, ...noData]
}

function scsComponent(catalog: ScsCatalog, component: ComponentRow, active: ActiveAt) {
  return { id: component.id, displayName: component.displayName, labels: component.labels, activelyAffectedBy: affectedBy(catalog, component, active) }
}

async function activeAt(scs: ScsContext, rawAt: string | undefined): Promise<ActiveAt> {
  const at = rawAt === undefined ? scs.clock.now() : toMs(parseOr400(DateParam, rawAt, 'query.at'))
  const [impacts, windows, severities] = await Promise.all([scs.incidents.activeImpacts(at), scs.incidents.activeMaintenance(at), scs.store.catalog.severities()])
  const noDataSeverity = noDataSeverityWithin(severityRanges(severities), STATE_TABLE.no_data.scs.severity!)
  return { impacts, windows, silent: rawAt === undefined ? await silentComponents(scs) : new Set<string>(), noDataSeverity }
}

/** Components with a series that has no data now: its newest evaluation says so, or it has none yet. */
async function silentComponents(scs: ScsContext): Promise<Set<string>> {
  const [components, feeds, states] = await Promise.all([scs.store.components.list(), scs.store.components.feeds(), scs.store.evaluations.current()])
  const names = new Map(components.map((component) => [component.id, component.name]))
  const silent = new Set<string>()
  for (const feed of feeds) {
    const name = names.get(feed.componentId)
    if (name === undefined) continue
    const now = states.get(seriesId({ component: name, location: feed.location }))
    if (now === undefined || now.state === 'no_data') silent.add(name)
  }
  return silent
}

/** Registers the component routes of the SCS API. */
export function registerComponentRoutes(app: Hono, scs: ScsContext): void {
  const list = async (at: string | undefined) => {
    const active = await activeAt(scs, at)
    const catalog = await readCatalog(scs.store)
    const current = catalog.components.filter((component) => component.archivedAt === null)
    return { data: current.map((component) => scsComponent(catalog, component, active)) }
  }
  const listNow = scs.currentComponents === undefined ? undefined : currentComponentsHandler(scs.currentComponents, () => list(undefined))
  app.get('/components', async (c) => {
    const at = c.req.query('at')
    if (at === undefined && listNow !== undefined) return listNow(c)
    return c.json(await list(at), 200)
  })
  app.post('/components', async (c) => {
    const writer = await scs.writerOf(c)
    const body = parseOr400(ComponentBody, await jsonBody(c), 'body')
    if (body.displayName === undefined) throw badRequest('body.displayName: required')
    const id = await scsMapped(() => scs.catalog.createComponent({ displayName: body.displayName!, ...(body.labels === undefined ? {} : { labels: body.labels }) }, writer))
    return c.json({ id }, 201)
  })
  app.get('/components/:componentId', async (c) => {
    const id = parseOr400(IdParam, c.req.param('componentId'), 'path.componentId')
    const active = await activeAt(scs, c.req.query('at'))
    const catalog = await readCatalog(scs.store)
    const component = catalog.components.find((row) => row.id === id && row.archivedAt === null)
    if (component === undefined) throw notFound(`no component ${id}`)
    return c.json({ data: scsComponent(catalog, component, active) }, 200)
  })
  app.patch('/components/:componentId', async (c) => {
    const writer = await scs.writerOf(c)
    const id = parseOr400(IdParam, c.req.param('componentId'), 'path.componentId')
    const body = parseOr400(ComponentBody, await jsonBody(c), 'body')
    await scsMapped(() => scs.catalog.updateComponent(id, body, writer))
    return c.body(null, 204)
  })
  app.delete('/components/:componentId', async (c) => {
    const writer = await scs.writerOf(c)
    const id = parseOr400(IdParam, c.req.param('componentId'), 'path.componentId')
    await scsMapped(() => scs.catalog.archiveComponent(id, writer))
    return c.body(null, 204)
  })
}
