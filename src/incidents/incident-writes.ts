/**
 * Writes to incidents: create, change texts, add an update (which may change the phase and
 * resolve), set or remove an impact. Each validates, applies and records its audit event in one
 * declared transaction.
 *
 * @module
 */
import { newId, seriesId } from '../core/index.js'
import type { DeclaredTransaction, ImpactRow, IncidentRow, UpdateRow } from '../store/index.js'
import { checkComponents, type ServiceContext } from './context.js'
import { InvalidInputError, StateConflictError } from './errors.js'
import { liveIncident } from './retraction.js'
import {
  ImpactInputSchema,
  ImpactKeySchema,
  IncidentPatchSchema,
  NewIncidentSchema,
  NewUpdateSchema,
  parseInput,
  updateTimeIssues,
  WriterSchema,
  type ImpactInput,
  type ImpactKey,
  type IncidentPatch,
  type NewIncident,
  type NewUpdate,
  type Writer,
} from './inputs.js'
import { eventId, queueEvent, targetsOfImpacts, type SubscriberEvent } from '../subscriptions/events.js'

/** An incident with its impacts (all, in time order), published updates (in order) and edit times. */
export interface IncidentDetail extends IncidentRow {
  impacts: ImpactRow[]
  updates: UpdateRow[]
  /** When it changed after its first publication (not counting new updates), oldest first: shown as "edited". */
  edits: number[]
}

type Parsed<T extends { parse(value: unknown): unknown }> = ReturnType<T['parse']>

function impactKey(impact: { component: string; location: string; type: string }): string {
  return `${seriesId(impact)}#${impact.type}`
}

/** The audit snapshot of an incident: its row and its open impacts. */
async function snapshot(tx: DeclaredTransaction, id: string): Promise<Record<string, unknown> | null> {
  const row = await tx.incidents.get(id)
  return row === null ? null : { ...row, impacts: await tx.incidents.openImpacts(id) }
}

function loadWritable(tx: DeclaredTransaction, id: string, writer: Writer): Promise<IncidentRow> {
  return liveIncident(tx, id, writer)
}

function duplicateImpactIssues(impacts: readonly { component: string; location: string; type: string }[]): { path: string; message: string }[] {
  const seen = new Set<string>()
  return impacts.flatMap((impact, index) => {
    const key = impactKey(impact)
    if (seen.has(key)) return [{ path: `impacts.${index}`, message: `${key} is listed twice` }]
    seen.add(key)
    return []
  })
}

/** Inserts a whole incident (row, impacts, first update) inside `tx`; used by the API and config doors. */
export async function insertIncident(
  tx: DeclaredTransaction,
  fields: { name: string | null; source: string | null; managed: IncidentRow['managed']; now: number },
  input: Omit<Parsed<typeof NewIncidentSchema>, 'notify'>,
  actor: string,
): Promise<string> {
  const beganAt = input.beganAt ?? fields.now
  const at = input.at ?? fields.now
  const issues = [
    ...(beganAt > fields.now ? [{ path: 'beganAt', message: 'must not be in the future' }] : []),
    ...updateTimeIssues(at, { now: fields.now, beganAt, previousAt: null }),
    ...duplicateImpactIssues(input.impacts),
  ]
  if (issues.length > 0) throw new InvalidInputError(issues)
  const id = newId()
  const endedAt = input.phase === 'resolved' ? at : null
  await tx.incidents.insert({
    id, name: fields.name, title: input.title, description: input.description ?? null, phase: input.phase, beganAt, endedAt,
    managed: fields.managed, origin: input.origin, source: fields.source, createdAt: fields.now, updatedAt: fields.now, archivedAt: null,
  })
  for (const impact of input.impacts) {
    await tx.incidents.insertImpact({ id: newId(), incidentId: id, ...impact, from: beganAt, to: endedAt })
  }
  await tx.incidents.insertUpdate({ incidentId: id, seq: 1, phase: input.phase, text: input.text, at, recordedAt: fields.now, actor })
  return id
}

/** Appends an update and applies its phase inside `tx` (resolving ends the incident and its impacts). */
export async function appendUpdate(tx: DeclaredTransaction, row: IncidentRow, input: Omit<Parsed<typeof NewUpdateSchema>, 'notify'>, now: number, actor: string): Promise<UpdateRow> {
  const phase = input.phase ?? row.phase
  if (row.phase === 'resolved' && phase !== 'resolved') throw new StateConflictError('a resolved incident stays resolved; open a new incident instead')
  const previous = (await tx.incidents.updates(row.id)).at(-1) ?? null
  const at = input.at ?? now
  const issues = updateTimeIssues(at, { now, beganAt: row.beganAt, previousAt: previous?.at ?? null })
  if (issues.length > 0) throw new InvalidInputError(issues)
  const update: UpdateRow = { incidentId: row.id, seq: (previous?.seq ?? 0) + 1, phase, text: input.text, at, recordedAt: now, actor }
  await tx.incidents.insertUpdate(update)
  const resolving = phase === 'resolved' && row.phase !== 'resolved'
  await tx.incidents.update(row.id, { phase, updatedAt: now, ...(resolving ? { endedAt: at } : {}) })
  if (resolving) for (const impact of await tx.incidents.openImpacts(row.id)) await tx.incidents.closeImpact(impact, at)
  return update
}

/** The subscriber event of an update: opened (the first), resolved (the one that resolves), else updated. */
function updateEvent(row: IncidentRow, update: Pick<UpdateRow, 'seq' | 'phase' | 'text' | 'at'>, impacts: readonly { component: string; location: string }[], wasResolved: boolean): SubscriberEvent {
  const kind = update.seq === 1 ? 'incident.opened' : update.phase === 'resolved' && !wasResolved ? 'incident.resolved' : 'incident.updated'
  return {
    id: eventId('incident', row.id, `update/${update.seq}`), kind, at: update.at, subject: { type: 'incident', id: row.id },
    title: row.title, text: update.text, phase: update.phase, window: null, targets: targetsOfImpacts(impacts),
  }
}

/** The incident writes of the service. */
export interface IncidentWriteService {
  /** Opens an incident (`managed: api`) with its impacts and first update. */
  createIncident(input: NewIncident, writer: Writer): Promise<IncidentDetail>
  /** Changes an incident's title or description. */
  updateIncident(id: string, patch: IncidentPatch, writer: Writer): Promise<IncidentDetail>
  /** Adds an update; its `phase` moves the incident (resolved is final). */
  addUpdate(id: string, input: NewUpdate, writer: Writer): Promise<UpdateRow>
  /** Adds an impact, or changes the severity of an existing one (from now on). */
  setImpact(id: string, impact: ImpactInput, writer: Writer): Promise<IncidentDetail>
  /** Ends an impact now. */
  removeImpact(id: string, key: ImpactKey, writer: Writer): Promise<IncidentDetail>
}

/** Builds the incident writes over `context`; `detail` reads an incident back. */
export function incidentWriteService(context: ServiceContext, detail: (id: string) => Promise<IncidentDetail | null>): IncidentWriteService {
  const { store, clock } = context
  const done = async (id: string) => (await detail(id))!
  const audited = async (id: string, action: string, writer: Writer, apply: (tx: DeclaredTransaction, now: number) => Promise<void>) => {
    await store.writeDeclared(async (tx) => {
      const now = clock.now()
      const before = await snapshot(tx, id)
      await apply(tx, now)
      await tx.audit.append({ at: now, actor: writer.actor, action, objectType: 'incident', objectId: id, before, after: await snapshot(tx, id), door: writer.door })
    })
  }
  return {
    async createIncident(raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const input = parseInput(NewIncidentSchema, raw)
      await checkComponents(context, input.impacts, 'impacts')
      const id = await store.writeDeclared(async (tx) => {
        const now = clock.now()
        const created = await insertIncident(tx, { name: null, source: null, managed: 'api', now }, input, writer.actor)
        if (input.notify) await queueEvent(tx, updateEvent((await tx.incidents.get(created))!, { seq: 1, phase: input.phase, text: input.text, at: input.at ?? now }, input.impacts, false), now)
        await tx.audit.append({ at: now, actor: writer.actor, action: 'incident.create', objectType: 'incident', objectId: created, before: null, after: await snapshot(tx, created), door: writer.door })
        return created
      })
      return done(id)
    },
    async updateIncident(id, raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const patch = parseInput(IncidentPatchSchema, raw)
      await audited(id, 'incident.update', writer, async (tx, now) => {
        await loadWritable(tx, id, writer)
        await tx.incidents.update(id, { ...patch, updatedAt: now })
      })
      return done(id)
    },
    async addUpdate(id, raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const input = parseInput(NewUpdateSchema, raw)
      return store.writeDeclared(async (tx) => {
        const now = clock.now()
        const before = await snapshot(tx, id)
        const row = await loadWritable(tx, id, writer)
        const impacts = await tx.incidents.openImpacts(id)
        const update = await appendUpdate(tx, row, input, now, writer.actor)
        if (input.notify) await queueEvent(tx, updateEvent(row, update, impacts, row.phase === 'resolved'), now)
        await tx.audit.append({ at: now, actor: writer.actor, action: 'incident.update.add', objectType: 'incident', objectId: id, before, after: { ...(await snapshot(tx, id)), update }, door: writer.door })
        return update
      })
    },
    async setImpact(id, raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const impact = parseInput(ImpactInputSchema, raw)
      await checkComponents(context, [impact], 'impacts')
      await audited(id, 'impact.set', writer, async (tx, now) => {
        const row = await loadWritable(tx, id, writer)
        if (row.endedAt !== null) throw new StateConflictError('the incident is resolved; its impacts are history')
        const current = (await tx.incidents.openImpacts(id)).find((open) => impactKey(open) === impactKey(impact))
        if (current?.severity === impact.severity) return
        if (current !== undefined) await tx.incidents.closeImpact(current, now)
        await tx.incidents.insertImpact({ id: newId(), incidentId: id, ...impact, from: now, to: null })
        await tx.incidents.update(id, { updatedAt: now })
      })
      return done(id)
    },
    async removeImpact(id, raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const key = parseInput(ImpactKeySchema, raw)
      await audited(id, 'impact.remove', writer, async (tx, now) => {
        await loadWritable(tx, id, writer)
        const current = (await tx.incidents.openImpacts(id)).find((open) => impactKey(open) === impactKey(key))
        if (current === undefined) throw new InvalidInputError([{ path: 'impact', message: `no open impact ${impactKey(key)}` }])
        await tx.incidents.closeImpact(current, now)
        await tx.incidents.update(id, { updatedAt: now })
      })
      return done(id)
    },
  }
}
