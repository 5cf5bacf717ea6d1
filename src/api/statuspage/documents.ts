/**
 * The documents of the Statuspage-compatible API, read once per status snapshot from stored data
 * and shaped per request (only the absolute links depend on the request).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Clock } from '../../core/clock.js'
import { seriesId } from '../../core/series.js'
import { createIncidentService, type MaintenanceStatus, type MaintenanceView } from '../../incidents/index.js'
import type { StatusReader, StatusSnapshot } from '../../status/index.js'
import type { Store } from '../../store/index.js'
import { isSimulated, statuspageComponents, statuspageStatus, visibleComponents, type StatuspageComponent, type StatuspageStatus } from './components.js'
import { statuspageIncident, statuspageMaintenance, type IncidentInput, type ProjectionContext, type StatuspageIncident } from './incidents.js'

/** The `page` object every document starts with. */
export interface StatuspagePage {
  id: string
  name: string
  url: string
  time_zone: string
  updated_at: string
}

/** Everything the eight documents are cut from. */
export interface StatuspageDocuments {
  page: StatuspagePage
  status: StatuspageStatus
  components: StatuspageComponent[]
  /** The 50 newest incidents, newest first. */
  incidents: StatuspageIncident[]
  unresolved: StatuspageIncident[]
  /** The 50 newest maintenance windows (by start), not cancelled. */
  maintenances: StatuspageIncident[]
  upcoming: StatuspageIncident[]
  active: StatuspageIncident[]
}

/** How many incidents and maintenances the lists carry, as Statuspage does. */
export const LIST_LENGTH = 50

/** Stored data of one snapshot. */
interface Stored {
  snapshot: StatusSnapshot
  created: Map<string, number>
  recent: IncidentInput[]
  open: IncidentInput[]
  windows: (MaintenanceView & { status: Exclude<MaintenanceStatus, 'cancelled'> })[]
  hidden: Set<string>
}

/** Reads the documents. */
export interface StatuspageReader {
  /** The documents with links under `base` (the public page's URL, no trailing slash). */
  documents(base: string): Promise<StatuspageDocuments>
}

/** What the reader reads. */
export interface StatuspageDeps {
  store: Store
  status: StatusReader
  clock: Clock
  /** The page's name (`page.name`, else `server.title`), read at each use. */
  name: () => string
  /** The records' time zone (`page.time_zone`). */
  timeZone: () => string
}

async function readStored(deps: StatuspageDeps, snapshot: StatusSnapshot): Promise<Stored> {
  const service = createIncidentService({ store: deps.store, clock: deps.clock })
  const [rows, recent, open, windows] = await Promise.all([
    deps.store.components.list(),
    service.incidents({ limit: LIST_LENGTH }),
    service.openIncidents(),
    service.maintenance({ limit: 200 }),
  ])
  const withUpdates = await Promise.all(recent.items.map(async (incident) => ({ ...incident, updates: await deps.store.incidents.updates(incident.id) })))
  const hidden = new Set(snapshot.components.flatMap((component) => component.locations.filter(isSimulated).map((location) => seriesId({ component: component.name, location: location.location }))))
  return {
    snapshot,
    created: new Map(rows.map((row) => [row.name, row.createdAt])),
    recent: withUpdates,
    open,
    windows: windows.items.filter((window): window is Stored['windows'][number] => window.status !== 'cancelled' && !windowOnlySimulated(window, snapshot, hidden)),
    hidden,
  }
}

/** True when every impact of the incident lies on a simulated series (it would only describe the demonstration). */
function onlySimulated(incident: IncidentInput, hidden: ReadonlySet<string>): boolean {
  return incident.impacts.length > 0 && incident.impacts.every((impact) => hidden.has(seriesId(impact)))
}

/** True when a window covers simulated series only. */
function windowOnlySimulated(window: MaintenanceView, snapshot: StatusSnapshot, hidden: ReadonlySet<string>): boolean {
  const covered = window.targets.flatMap((target) => {
    const locations = target.locations ?? snapshot.components.find((component) => component.name === target.component)?.locations.map((location) => location.location) ?? []
    return locations.map((location) => seriesId({ component: target.component, location }))
  })
  return covered.length > 0 && covered.every((key) => hidden.has(key))
}

/** A stable page id: the page's name hashed (Statuspage ids are short opaque strings). */
function pageIdOf(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 12)
}

function shape(stored: Stored, deps: StatuspageDeps, base: string): StatuspageDocuments {
  const name = deps.name()
  const pageId = pageIdOf(name)
  const shown = visibleComponents(stored.snapshot)
  const components = statuspageComponents(shown, pageId, stored.created)
  const context: ProjectionContext = { pageId, base, componentsById: new Map(components.map((component) => [component.id, component])) }
  const incidentsOf = (list: readonly IncidentInput[]) => list.filter((incident) => !onlySimulated(incident, stored.hidden)).map((incident) => statuspageIncident(incident, context))
  const incidents = incidentsOf(stored.recent)
  const unresolved = incidentsOf([...stored.open].sort((a, b) => b.beganAt - a.beganAt))
  const maintenances = stored.windows.map((window) => statuspageMaintenance(window, context))
  const times = [...components, ...incidents, ...unresolved, ...maintenances].map((item) => Date.parse(item.updated_at))
  const updatedAt = times.length === 0 ? stored.snapshot.generatedAt : Math.max(...times)
  return {
    page: { id: pageId, name, url: base, time_zone: deps.timeZone(), updated_at: new Date(updatedAt).toISOString() },
    status: statuspageStatus(shown),
    components,
    incidents,
    unresolved,
    maintenances: maintenances.slice(0, LIST_LENGTH),
    upcoming: maintenances.filter((window) => window.status === 'scheduled').reverse(),
    active: maintenances.filter((window) => window.status === 'in_progress'),
  }
}

/**
 * Creates the reader: stored data is read once per status snapshot (the status reader's cache
 * bounds how often), the shape per call.
 *
 * @example
 * const reader = createStatuspageReader({ store, status, clock, name: () => 'Example Cloud', timeZone: () => 'UTC' })
 * const { status } = await reader.documents('https://status.example.com')
 */
export function createStatuspageReader(deps: StatuspageDeps): StatuspageReader {
  const read = new WeakMap<StatusSnapshot, Promise<Stored>>()
  return {
    async documents(base) {
      const snapshot = await deps.status.current()
      let stored = read.get(snapshot)
      if (stored === undefined) {
        stored = readStored(deps, snapshot)
        read.set(snapshot, stored)
        stored.catch(() => read.delete(snapshot))
      }
      return shape(await stored, deps, base)
    },
  }
}
