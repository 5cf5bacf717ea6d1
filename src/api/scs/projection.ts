/**
 * The SCS view of the one status model: components, incidents (and maintenance windows, which SCS
 * models as incidents with severity-0 impacts), updates, impact types and phase references. Read
 * once per request into a {@link ScsCatalog}, so every mapping in a response agrees.
 *
 * @module
 */
import { phaseName, type IncidentPhase } from '../../core/index.js'
import { positionOfNative, type MaintenanceView } from '../../incidents/index.js'
import { impactTypeIdOf, type ComponentRow, type ImpactRow, type ImpactTypeRow, type IncidentRow, type MaintenanceRow, type PhaseGeneration, type Store, type UpdateRow } from '../../store/index.js'

/** The impact type a maintenance window's impacts carry. */
export const MAINTENANCE_TYPE = 'Maintenance'

const iso = (ms: number) => new Date(ms).toISOString()

/** SCS `Impact`. */
export interface ScsImpact {
  type: string
  reference: string
  severity: number
}

/** SCS `IncidentResponseData`. */
export interface ScsIncident {
  id: string
  displayName: string
  description: string
  beganAt: string | null
  endedAt: string | null
  phase: { generation: number; order: number }
  affects: ScsImpact[]
  updates: number[]
}

/** The catalogue a response is projected with. */
export interface ScsCatalog {
  components: ComponentRow[]
  impactTypes: ImpactTypeRow[]
  phases: PhaseGeneration
}

/** Reads the catalogue: every component (archived ones too), every impact type, the newest phase list. */
export async function readCatalog(store: Store): Promise<ScsCatalog> {
  const [components, rows, used, phases] = await Promise.all([
    store.components.list({ includeArchived: true }),
    store.catalog.impactTypes(),
    store.catalog.usedImpactTypeNames(),
    store.catalog.phases(),
  ])
  const named = new Set(rows.map((row) => row.displayName))
  const derived = used.filter((name) => !named.has(name)).map((name) => ({ id: impactTypeIdOf(name), displayName: name, description: null }))
  return { components, impactTypes: [...rows, ...derived], phases: phases ?? { generation: 1, phases: [] } }
}

/** The id of the impact type named `name` (its row's, else the name-derived one). */
export function typeIdOf(catalog: ScsCatalog, name: string): string {
  return catalog.impactTypes.find((type) => type.displayName === name)?.id ?? impactTypeIdOf(name)
}

/** The SCS phase reference showing a native phase in the newest generation. */
export function phaseReferenceOf(catalog: ScsCatalog, phase: IncidentPhase): { generation: number; order: number } {
  return { generation: catalog.phases.generation, order: positionOfNative(phase, catalog.phases.phases) }
}

/** Impacts as SCS impacts: one per (incident, component, type), the worst severity over locations. */
export function scsImpacts(catalog: ScsCatalog, impacts: readonly ImpactRow[], reference: (impact: ImpactRow) => string | null): ScsImpact[] {
  const byKey = new Map<string, ScsImpact>()
  for (const impact of impacts) {
    const target = reference(impact)
    if (target === null) continue
    const scs = { type: typeIdOf(catalog, impact.type), reference: target, severity: impact.severity }
    const key = `${scs.type}#${scs.reference}`
    const seen = byKey.get(key)
    if (seen === undefined || seen.severity < scs.severity) byKey.set(key, scs)
  }
  return [...byKey.values()]
}

/** The component id of a component name, or null when none has it. */
export function componentIdOf(catalog: ScsCatalog, name: string): string | null {
  return catalog.components.find((component) => component.name === name)?.id ?? null
}

/** Whether the incident's first update is shown as its description (and so not as an update). */
function firstUpdateIsDescription(incident: IncidentRow, first: UpdateRow | undefined): boolean {
  return first !== undefined && first.seq === 1 && (incident.description === null || incident.description === first.text)
}

/** The updates SCS shows: all but a first update that already is the description. */
export function visibleUpdates(incident: IncidentRow, updates: readonly UpdateRow[]): UpdateRow[] {
  return firstUpdateIsDescription(incident, updates[0]) ? updates.slice(1) : [...updates]
}

/** The impacts an incident's `affects` shows: open ones, or for a resolved incident those active at its end. */
function shownImpacts(incident: IncidentRow, impacts: readonly ImpactRow[]): ImpactRow[] {
  return impacts.filter((impact) => (incident.endedAt === null ? impact.to === null : impact.to === incident.endedAt))
}

/** An incident of the model as an SCS incident. */
export function scsIncident(catalog: ScsCatalog, incident: IncidentRow & { impacts: ImpactRow[] }, updates: readonly UpdateRow[]): ScsIncident {
  return {
    id: incident.id,
    displayName: incident.title,
    description: incident.description ?? updates[0]?.text ?? '',
    beganAt: iso(incident.beganAt),
    endedAt: incident.endedAt === null ? null : iso(incident.endedAt),
    phase: phaseReferenceOf(catalog, incident.phase),
    affects: scsImpacts(catalog, shownImpacts(incident, incident.impacts), (impact) => componentIdOf(catalog, impact.component)),
    updates: visibleUpdates(incident, updates).map((update) => update.seq),
  }
}

/** The components a window covers, by id. */
export function windowComponentIds(catalog: ScsCatalog, window: MaintenanceRow): string[] {
  return window.targets.flatMap((target) => componentIdOf(catalog, target.component) ?? [])
}

/** A maintenance window as an SCS incident: severity-0 impacts of type Maintenance, no updates. */
export function scsMaintenance(catalog: ScsCatalog, window: MaintenanceView): ScsIncident {
  const type = typeIdOf(catalog, MAINTENANCE_TYPE)
  return {
    id: window.id,
    displayName: window.title,
    description: window.description ?? '',
    beganAt: iso(window.start),
    endedAt: iso(window.end),
    phase: phaseReferenceOf(catalog, window.status === 'completed' ? 'resolved' : 'investigating'),
    affects: windowComponentIds(catalog, window).map((reference) => ({ type, reference, severity: 0 })),
    updates: [],
  }
}

/**
 * An update as SCS `IncidentUpdate`: a text whose first paragraph is a single short line is
 * split into `displayName` and `description`; otherwise the name of its phase (newest generation)
 * is the display name.
 */
export function scsUpdate(catalog: ScsCatalog, update: UpdateRow): { order: number; displayName: string; description: string; createdAt: string } {
  const split = update.text.indexOf('\n\n')
  const head = split > 0 ? update.text.slice(0, split) : ''
  const titled = head !== '' && !head.includes('\n') && head.length <= 200
  return {
    order: update.seq,
    displayName: titled ? head : (catalog.phases.phases[positionOfNative(update.phase, catalog.phases.phases)]?.name ?? phaseName(update.phase)),
    description: titled ? update.text.slice(split + 2) : update.text,
    createdAt: iso(update.at),
  }
}

/**
 * The text of an update from an SCS update's display name and description.
 *
 * @example
 * updateTextOf('Fix deployed', 'We rolled back.') // 'Fix deployed\n\nWe rolled back.'
 */
export function updateTextOf(displayName: string | undefined, description: string | undefined): string {
  const title = displayName?.trim() ?? ''
  const body = description?.trim() ?? ''
  if (title !== '' && body !== '' && title !== body) return `${title}\n\n${body}`
  return body !== '' ? body : title
}
