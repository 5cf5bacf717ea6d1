/**
 * A revision of an incident as one write: texts, the whole impact set (replacing it, as the SCS
 * API's PATCH does), and a move of the phase or an end — validated, applied and audited in one
 * declared transaction, so nothing is half-written. Impacts that change are closed and reopened
 * from now (history is kept); a phase move or an end is recorded as an update.
 *
 * @module
 */
import { z } from 'zod'
import { INCIDENT_PHASES, newId, seriesId, type IncidentPhase } from '../core/index.js'
import type { DeclaredTransaction, ImpactRow, IncidentRow, Store } from '../store/index.js'
import { checkComponents, type ServiceContext } from './context.js'
import { InvalidInputError, StateConflictError } from './errors.js'
import { liveIncident } from './retraction.js'
import { appendUpdate } from './incident-writes.js'
import { ImpactInputSchema, parseInput, WriterSchema, type Writer } from './inputs.js'

/** What a revision may change; absent fields stay as they are. */
export const IncidentRevisionSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().min(1).max(10_000).nullable().optional(),
  /** The complete new impact set. */
  impacts: z.array(ImpactInputSchema).max(500).optional(),
  phase: z.enum(INCIDENT_PHASES).optional(),
  /** Ends the incident at this instant (resolves it). */
  endedAt: z.number().int().min(0).optional(),
  /** The text of the update a phase move or an end records. */
  updateText: z.string().trim().min(1).max(10_000).default('Phase changed'),
})
export type IncidentRevision = z.input<typeof IncidentRevisionSchema>

type ImpactKeyed = { component: string; location: string; type: string }
const keyOf = (impact: ImpactKeyed) => `${seriesId(impact)}#${impact.type}`

async function snapshot(tx: DeclaredTransaction, id: string): Promise<Record<string, unknown> | null> {
  const row = await tx.incidents.get(id)
  return row === null ? null : { ...row, impacts: await tx.incidents.openImpacts(id) }
}

async function replaceImpacts(tx: DeclaredTransaction, row: IncidentRow, wanted: readonly (ImpactKeyed & { severity: number })[], now: number): Promise<void> {
  const open = await tx.incidents.openImpacts(row.id)
  const unchanged = (impact: ImpactRow) => wanted.some((want) => keyOf(want) === keyOf(impact) && want.severity === impact.severity)
  const same = open.length === wanted.length && open.every(unchanged)
  if (same) return
  if (row.endedAt !== null) throw new StateConflictError('the incident is resolved; its impacts are history')
  for (const impact of open) if (!unchanged(impact)) await tx.incidents.closeImpact(impact, now)
  for (const want of wanted) {
    if (open.some((impact) => unchanged(impact) && keyOf(impact) === keyOf(want))) continue
    await tx.incidents.insertImpact({ id: newId(), incidentId: row.id, ...want, from: now, to: null })
  }
}

function duplicateIssues(impacts: readonly ImpactKeyed[]): { path: string; message: string }[] {
  const seen = new Set<string>()
  return impacts.flatMap((impact, index) => {
    const key = keyOf(impact)
    if (seen.has(key)) return [{ path: `impacts.${index}`, message: `${key} is listed twice` }]
    seen.add(key)
    return []
  })
}

function phaseMove(row: IncidentRow, revision: { phase?: IncidentPhase | undefined; endedAt?: number | undefined }): { phase: IncidentPhase; at?: number } | null {
  if (revision.endedAt !== undefined) {
    if (row.endedAt !== null) {
      if (row.endedAt === revision.endedAt) return null
      throw new StateConflictError('the incident is already resolved; its end cannot move')
    }
    return { phase: 'resolved', at: revision.endedAt }
  }
  if (revision.phase === undefined || revision.phase === row.phase) return null
  return { phase: revision.phase }
}

/**
 * Builds `reviseIncident` over the store, for doors (like the SCS API) whose writes change
 * several parts of an incident at once.
 *
 * @example
 * const revise = incidentRevisionService({ store, clock, knownComponents: async () => null })
 * await revise(id, { impacts: [{ component: 'compute', severity: 70 }] }, { actor: 'ops', door: 'api' })
 */
export function incidentRevisionService(options: Pick<ServiceContext, 'clock' | 'knownComponents'> & { store: Store }) {
  const context: ServiceContext = { store: options.store, clock: options.clock, knownComponents: options.knownComponents }
  return async function reviseIncident(id: string, raw: IncidentRevision, rawWriter: Writer): Promise<void> {
    const writer = parseInput(WriterSchema, rawWriter)
    const revision = parseInput(IncidentRevisionSchema, raw)
    const impacts = revision.impacts
    if (impacts !== undefined) {
      await checkComponents(context, impacts, 'impacts')
      const duplicates = duplicateIssues(impacts)
      if (duplicates.length > 0) throw new InvalidInputError(duplicates)
    }
    await options.store.writeDeclared(async (tx) => {
      const now = options.clock.now()
      const row = await liveIncident(tx, id, writer)
      const before = await snapshot(tx, id)
      const texts = { ...(revision.title === undefined ? {} : { title: revision.title }), ...(revision.description === undefined ? {} : { description: revision.description }) }
      await tx.incidents.update(id, { ...texts, updatedAt: now })
      if (impacts !== undefined) await replaceImpacts(tx, row, impacts, now)
      const move = phaseMove(row, revision)
      if (move !== null) await appendUpdate(tx, (await tx.incidents.get(id))!, { text: revision.updateText, ...move }, now, writer.actor)
      await tx.audit.append({ at: now, actor: writer.actor, action: 'incident.revise', objectType: 'incident', objectId: id, before, after: await snapshot(tx, id), door: writer.door })
    })
  }
}
