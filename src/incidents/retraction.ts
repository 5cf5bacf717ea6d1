/**
 * Retraction, not erasure: a DELETE of an incident or an update withdraws it from every list,
 * feed and bar, with the operator's public reason; its content stays in the store and in the
 * audit trail, and its permalink answers 410 with the time and the reason. Also the "edited"
 * marks of a published incident: the time of every change after its first publication.
 *
 * @module
 */
import { z } from 'zod'
import { WHOLE_INCIDENT, type AuditEvent, type DeclaredTransaction, type RetractionRow } from '../store/index.js'
import { guardManaged, type ServiceContext } from './context.js'
import { NotFoundError, RetractedError, StateConflictError } from './errors.js'
import { parseInput, WriterSchema, type Writer } from './inputs.js'

/** The public reason of a retraction. */
export const RetractionReasonSchema = z.string().trim().min(1, 'a reason is required: it is shown where the incident was').max(1000)

/** Why and when an incident (or an update) was withdrawn. */
export interface Retraction {
  retractedAt: number
  reason: string
}

/** Audit actions that are not edits: the first publication and each new update. */
const NOT_EDITS = new Set(['incident.create', 'incident.update.add'])

/**
 * The times of the changes to an incident after its first publication, oldest first: every
 * audited write except its creation and new updates (title, description, impacts, phase moves by
 * revision, retracted updates, config rewrites).
 *
 * @example
 * editTimes(await store.audit.list({ objectType: 'incident', objectId: id })) // [1800000060000]
 */
export function editTimes(events: readonly Pick<AuditEvent, 'at' | 'action'>[]): number[] {
  return events.filter((event) => !NOT_EDITS.has(event.action)).map((event) => event.at)
}

/** The retraction writes and reads of the service. */
export interface RetractionService {
  /** Withdraws an incident from every public surface; its content stays. */
  retractIncident(id: string, reason: string, writer: Writer): Promise<Retraction>
  /** Withdraws one update (by its order); the incident stays. */
  retractUpdate(id: string, seq: number, reason: string, writer: Writer): Promise<Retraction>
  /** The retraction of a whole incident; null when it is not retracted (or unknown). */
  retraction(id: string): Promise<Retraction | null>
}

/** Loads an incident a door may write: it exists, is not retracted, and is not config-managed (for other doors than config). */
export async function liveIncident(tx: DeclaredTransaction, id: string, writer: Writer) {
  const row = await tx.incidents.get(id)
  if (row === null) throw new NotFoundError('incident', id)
  const whole = (await tx.retractions.ofIncident(id)).find((retraction) => retraction.seq === WHOLE_INCIDENT)
  if (whole !== undefined) throw new RetractedError('incident', id, whole.retractedAt, whole.reason)
  guardManaged(row, 'incident', writer)
  return row
}

/** Builds the retraction service over `context`. */
export function retractionService(context: ServiceContext): RetractionService {
  const { store, clock } = context
  const retract = async (id: string, seq: number, rawReason: string, rawWriter: Writer, action: string): Promise<Retraction> => {
    const writer = parseInput(WriterSchema, rawWriter)
    const { reason } = parseInput(z.object({ reason: RetractionReasonSchema }), { reason: rawReason })
    return store.writeDeclared(async (tx) => {
      const now = clock.now()
      const incident = await liveIncident(tx, id, writer)
      const retracted = await tx.retractions.ofIncident(id)
      if (seq !== WHOLE_INCIDENT) {
        const updates = await tx.incidents.updates(id)
        if (!updates.some((update) => update.seq === seq)) throw new NotFoundError('incident', `${id} update ${seq}`)
        const earlier = retracted.find((retraction) => retraction.seq === seq)
        if (earlier !== undefined) throw new RetractedError('update', `${id}/${seq}`, earlier.retractedAt, earlier.reason)
        const published = updates.filter((update) => !retracted.some((retraction) => retraction.seq === update.seq))
        if (published.length === 1) throw new StateConflictError('this is the incident’s only published update; retract the incident instead')
      }
      const updates = await tx.incidents.updates(id)
      const before = seq === WHOLE_INCIDENT ? { ...incident, updates } : updates.find((update) => update.seq === seq)
      const row: RetractionRow = { incidentId: id, seq, retractedAt: now, reason, actor: writer.actor }
      await tx.retractions.insert(row)
      const after = { retractedAt: now, reason, ...(seq === WHOLE_INCIDENT ? {} : { update: seq }) }
      await tx.audit.append({ at: now, actor: writer.actor, action, objectType: 'incident', objectId: id, before, after, door: writer.door })
      return { retractedAt: now, reason }
    })
  }
  return {
    retractIncident: (id, reason, writer) => retract(id, WHOLE_INCIDENT, reason, writer, 'incident.retract'),
    retractUpdate: (id, seq, reason, writer) => retract(id, seq, reason, writer, 'update.retract'),
    async retraction(id) {
      const whole = (await store.retractions.ofIncident(id)).find((retraction) => retraction.seq === WHOLE_INCIDENT)
      return whole === undefined ? null : { retractedAt: whole.retractedAt, reason: whole.reason }
    },
  }
}
