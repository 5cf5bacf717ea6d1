/**
 * From an SCS incident body to the model's inputs: component and impact type ids to names, the
 * phase reference to the native phase, dates to instants — with the reference server's checks
 * (end before start, maintenance without an end, unknown phase reference, unknown ids → 400).
 *
 * @module
 */
import { NO_LOCATION, type IncidentPhase } from '../../core/index.js'
import type { IncidentBodyInput } from './bodies.js'
import { toMs } from './bodies.js'
import { badRequest } from './errors.js'
import { MAINTENANCE_TYPE, type ScsCatalog } from './projection.js'

/** An SCS impact resolved to the model. */
export interface ResolvedImpact {
  component: string
  location: string
  type: string
  severity: number
}

/** What the body says, in the model's terms; absent fields stay undefined. */
export interface ResolvedIncident {
  title?: string
  description?: string
  beganAt?: number | null
  endedAt?: number | null
  phase?: { native: IncidentPhase; name: string }
  impacts?: ResolvedImpact[]
}

async function phaseOf(catalog: ScsCatalog, reference: { generation: number; order: number }, lookup: (generation: number) => Promise<{ phases: { name: string; native: IncidentPhase }[] } | null>) {
  const generation = reference.generation === catalog.phases.generation ? catalog.phases : await lookup(reference.generation)
  const phase = generation?.phases[reference.order]
  if (phase === undefined) throw badRequest(`body.phase: no phase with order ${reference.order} in generation ${reference.generation}`)
  return phase
}

function impactsOf(catalog: ScsCatalog, affects: NonNullable<IncidentBodyInput['affects']>): ResolvedImpact[] {
  return affects.map((impact, index) => {
    const component = catalog.components.find((row) => row.id === impact.reference && row.archivedAt === null)
    if (component === undefined) throw badRequest(`body.affects.${index}.reference: no component ${impact.reference}`)
    const type = impact.type === undefined ? { displayName: impact.severity === 0 ? MAINTENANCE_TYPE : 'Unknown' } : catalog.impactTypes.find((row) => row.id === impact.type)
    if (type === undefined) throw badRequest(`body.affects.${index}.type: no impact type ${impact.type}`)
    return { component: component.name, location: NO_LOCATION, type: type.displayName, severity: impact.severity }
  })
}

/**
 * Resolves `body` against the catalogue; `stored` is the incident's current span (for a partial
 * update) so the date checks see the result of the change.
 */
export async function resolveIncident(
  catalog: ScsCatalog,
  body: IncidentBodyInput,
  lookup: (generation: number) => Promise<{ phases: { name: string; native: IncidentPhase }[] } | null>,
  stored: { beganAt: number; endedAt: number | null; hasMaintenanceImpact: boolean } | null,
): Promise<ResolvedIncident> {
  const resolved: ResolvedIncident = {}
  if (body.displayName !== undefined) resolved.title = body.displayName
  if (body.description !== undefined) resolved.description = body.description
  if (body.beganAt !== undefined) resolved.beganAt = body.beganAt === null ? null : toMs(body.beganAt)
  if (body.endedAt !== undefined) resolved.endedAt = body.endedAt === null ? null : toMs(body.endedAt)
  if (body.phase !== undefined) resolved.phase = await phaseOf(catalog, body.phase, lookup)
  if (body.affects !== undefined) resolved.impacts = impactsOf(catalog, body.affects)
  const began = resolved.beganAt ?? stored?.beganAt ?? null
  const ended = resolved.endedAt !== undefined ? resolved.endedAt : (stored?.endedAt ?? null)
  if (began !== null && ended !== null && ended < began) throw badRequest('body.endedAt: must not be before beganAt')
  const maintenance = resolved.impacts === undefined ? (stored?.hasMaintenanceImpact ?? false) : resolved.impacts.some((impact) => impact.severity === 0)
  if (maintenance && ended === null) throw badRequest('body.endedAt: a maintenance (an impact of severity 0) needs an end')
  return resolved
}
