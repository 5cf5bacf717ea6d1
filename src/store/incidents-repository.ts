/**
 * The `incidents`, `incident_impacts` and `incident_updates` tables. Reads are open to every
 * layer; writes exist only inside a declared transaction (see `audit-repository.ts`), so the
 * service layer can validate, apply and audit them as one.
 *
 * @module
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely'
import { INCIDENT_PHASES, type IncidentPhase } from '../core/incident-phase.js'
import type { Database, IncidentImpactsTable, IncidentsTable, IncidentUpdatesTable } from './schema.js'

/** Who manages an object: config (synced from files) or the API. */
export type Managed = 'config' | 'api'
/** Who opened an incident: a person or the automation. */
export type IncidentOrigin = 'human' | 'system'

/** An incident as stored. */
export interface IncidentRow {
  id: string
  name: string | null
  title: string
  description: string | null
  phase: IncidentPhase
  beganAt: number
  endedAt: number | null
  managed: Managed
  origin: IncidentOrigin
  /** `file:line` of the config that declares it (config-managed only). */
  source: string | null
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

/** One impact of an incident on a (component, location) series, active in [from, to). */
export interface ImpactRow {
  id: string
  incidentId: string
  component: string
  location: string
  type: string
  severity: number
  from: number
  to: number | null
}

/** One update of an incident; `seq` from 1 in order. */
export interface UpdateRow {
  incidentId: string
  seq: number
  phase: IncidentPhase
  text: string
  /** When it happened, as stated (validated). */
  at: number
  /** Server time the update was stored. */
  recordedAt: number
  actor: string
}

/** Position after which a page of incidents continues. */
export interface IncidentCursor {
  beganAt: number
  id: string
}

/** A query for a page of incidents, newest first. */
export interface IncidentQuery {
  /** Incidents still open at or ending after this instant. */
  from?: number
  /** Incidents that began before this instant. */
  to?: number
  status?: 'open' | 'resolved'
  after?: IncidentCursor | null
  limit: number
}

/** Reads incidents. */
export interface IncidentsRepository {
  get(id: string): Promise<IncidentRow | null>
  /** A page of incidents, newest `beganAt` first; retracted ones left out (as in `open` and `activeImpacts`). */
  list(query: IncidentQuery): Promise<IncidentRow[]>
  /** Incidents with no end, oldest first. */
  open(): Promise<IncidentRow[]>
  /** Every impact (past and present) of the given incidents, oldest first. */
  impacts(incidentIds: readonly string[]): Promise<ImpactRow[]>
  /** Impacts active at `at`: from ≤ at < to. */
  activeImpacts(at: number): Promise<ImpactRow[]>
  /** The published (not retracted) updates of an incident in order. */
  updates(incidentId: string): Promise<UpdateRow[]>
}

/** Writes to incidents, available inside a declared transaction only. */
export interface IncidentWrites {
  get(id: string): Promise<IncidentRow | null>
  /** Active (not archived) config-managed incidents. */
  configManaged(): Promise<IncidentRow[]>
  insert(row: IncidentRow): Promise<void>
  update(id: string, patch: Partial<Omit<IncidentRow, 'id' | 'createdAt'>>): Promise<void>
  /** Impacts of the incident that have no end. */
  openImpacts(incidentId: string): Promise<ImpactRow[]>
  /** Every impact of the incident, oldest first. */
  allImpacts(incidentId: string): Promise<ImpactRow[]>
  insertImpact(row: ImpactRow): Promise<void>
  /** Ends an impact at `at` (never before it began; history is kept). */
  closeImpact(impact: ImpactRow, at: number): Promise<void>
  updates(incidentId: string): Promise<UpdateRow[]>
  insertUpdate(row: UpdateRow): Promise<void>
  /** Removes every update of a config-managed incident before its config rewrites them. */
  deleteUpdates(incidentId: string): Promise<void>
}

function phaseOf(text: string): IncidentPhase {
  if (!(INCIDENT_PHASES as readonly string[]).includes(text)) throw new Error(`stored incident has an unknown phase: ${text}`)
  return text as IncidentPhase
}

function toIncident(row: Selectable<IncidentsTable>): IncidentRow {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    description: row.description,
    phase: phaseOf(row.phase),
    beganAt: Number(row.began_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    managed: row.managed,
    origin: row.origin,
    source: row.source,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  }
}

function toImpact(row: Selectable<IncidentImpactsTable>): ImpactRow {
  return {
    id: row.id,
    incidentId: row.incident_id,
    component: row.component,
    location: row.location,
    type: row.impact_type,
    severity: Number(row.severity),
    from: Number(row.from_at),
    to: row.to_at === null ? null : Number(row.to_at),
  }
}

function toUpdate(row: Selectable<IncidentUpdatesTable>): UpdateRow {
  return {
    incidentId: row.incident_id,
    seq: Number(row.seq),
    phase: phaseOf(row.phase),
    text: row.text,
    at: Number(row.at),
    recordedAt: Number(row.recorded_at),
    actor: row.actor,
  }
}

function incidentColumns(patch: Partial<Omit<IncidentRow, 'id' | 'createdAt'>>): Partial<IncidentsTable> {
  const columns: Partial<IncidentsTable> = {}
  if (patch.name !== undefined) columns.name = patch.name
  if (patch.title !== undefined) columns.title = patch.title
  if (patch.description !== undefined) columns.description = patch.description
  if (patch.phase !== undefined) columns.phase = patch.phase
  if (patch.beganAt !== undefined) columns.began_at = patch.beganAt
  if (patch.endedAt !== undefined) columns.ended_at = patch.endedAt
  if (patch.managed !== undefined) columns.managed = patch.managed
  if (patch.origin !== undefined) columns.origin = patch.origin
  if (patch.source !== undefined) columns.source = patch.source
  if (patch.updatedAt !== undefined) columns.updated_at = patch.updatedAt
  if (patch.archivedAt !== undefined) columns.archived_at = patch.archivedAt
  return columns
}

/** Updates in order; `published` leaves out retracted ones. */
async function selectUpdates(db: Kysely<Database>, incidentId: string, published: boolean): Promise<UpdateRow[]> {
  let select = db.selectFrom('incident_updates').selectAll().where('incident_id', '=', incidentId).orderBy('seq')
  if (published) {
    select = select.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('incident_retractions as r').select('r.seq').whereRef('r.incident_id', '=', 'incident_updates.incident_id').whereRef('r.seq', '=', 'incident_updates.seq'))),
    )
  }
  return (await select.execute()).map(toUpdate)
}

/** A filter that leaves out incidents withdrawn as a whole (see `retractions-repository.ts`). */
function notRetracted(incidentId: 'incidents.id' | 'incident_impacts.incident_id') {
  return ({ not, exists, selectFrom }: ExpressionBuilder<Database, 'incidents' | 'incident_impacts'>) =>
    not(exists(selectFrom('incident_retractions as r').select('r.seq').whereRef('r.incident_id', '=', incidentId).where('r.seq', '=', 0)))
}

async function selectIncident(db: Kysely<Database>, id: string): Promise<IncidentRow | null> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst()
  return row === undefined ? null : toIncident(row)
}

/**
 * The read side over `db`.
 *
 * @example
 * const open = await incidentsRepository(db).open()
 */
export function incidentsRepository(db: Kysely<Database>): IncidentsRepository {
  return {
    get: (id) => selectIncident(db, id),
    async list(query) {
      let select = db.selectFrom('incidents').selectAll().where(notRetracted('incidents.id')).orderBy('began_at', 'desc').orderBy('id', 'desc').limit(query.limit)
      if (query.to !== undefined) select = select.where('began_at', '<', query.to)
      const from = query.from
      if (from !== undefined) select = select.where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', from)]))
      if (query.status === 'open') select = select.where('ended_at', 'is', null)
      if (query.status === 'resolved') select = select.where('ended_at', 'is not', null)
      const after = query.after
      if (after) {
        select = select.where((eb) => eb.or([eb('began_at', '<', after.beganAt), eb.and([eb('began_at', '=', after.beganAt), eb('id', '<', after.id)])]))
      }
      return (await select.execute()).map(toIncident)
    },
    async open() {
      const rows = await db.selectFrom('incidents').selectAll().where('ended_at', 'is', null).where(notRetracted('incidents.id')).orderBy('began_at').orderBy('id').execute()
      return rows.map(toIncident)
    },
    async impacts(incidentIds) {
      if (incidentIds.length === 0) return []
      const rows = await db.selectFrom('incident_impacts').selectAll().where('incident_id', 'in', incidentIds).orderBy('from_at').orderBy('id').execute()
      return rows.map(toImpact)
    },
    async activeImpacts(at) {
      const rows = await db
        .selectFrom('incident_impacts')
        .selectAll()
        .where('from_at', '<=', at)
        .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', at)]))
        .where(notRetracted('incident_impacts.incident_id'))
        .orderBy('component')
        .orderBy('location')
        .orderBy('id')
        .execute()
      return rows.map(toImpact)
    },
    updates: (incidentId) => selectUpdates(db, incidentId, true),
  }
}

/**
 * The write side inside transaction `trx`.
 *
 * @example
 * await write((trx) => incidentWrites(trx).insert(row))
 */
export function incidentWrites(trx: Kysely<Database>): IncidentWrites {
  return {
    get: (id) => selectIncident(trx, id),
    async configManaged() {
      const rows = await trx.selectFrom('incidents').selectAll().where('managed', '=', 'config').where('archived_at', 'is', null).execute()
      return rows.map(toIncident)
    },
    async insert(row) {
      await trx
        .insertInto('incidents')
        .values({
          id: row.id, name: row.name, title: row.title, description: row.description, phase: row.phase,
          began_at: row.beganAt, ended_at: row.endedAt, managed: row.managed, origin: row.origin, source: row.source,
          created_at: row.createdAt, updated_at: row.updatedAt, archived_at: row.archivedAt,
        })
        .execute()
    },
    async update(id, patch) {
      const columns = incidentColumns(patch)
      if (Object.keys(columns).length > 0) await trx.updateTable('incidents').set(columns).where('id', '=', id).execute()
    },
    async openImpacts(incidentId) {
      const rows = await trx.selectFrom('incident_impacts').selectAll().where('incident_id', '=', incidentId).where('to_at', 'is', null).orderBy('id').execute()
      return rows.map(toImpact)
    },
    async allImpacts(incidentId) {
      const rows = await trx.selectFrom('incident_impacts').selectAll().where('incident_id', '=', incidentId).orderBy('from_at').orderBy('id').execute()
      return rows.map(toImpact)
    },
    async insertImpact(row) {
      await trx
        .insertInto('incident_impacts')
        .values({ id: row.id, incident_id: row.incidentId, component: row.component, location: row.location, impact_type: row.type, severity: row.severity, from_at: row.from, to_at: row.to })
        .execute()
    },
    async closeImpact(impact, at) {
      await trx.updateTable('incident_impacts').set({ to_at: Math.max(at, impact.from) }).where('id', '=', impact.id).execute()
    },
    updates: (incidentId) => selectUpdates(trx, incidentId, false),
    async insertUpdate(row) {
      await trx
        .insertInto('incident_updates')
        .values({ incident_id: row.incidentId, seq: row.seq, phase: row.phase, text: row.text, at: row.at, recorded_at: row.recordedAt, actor: row.actor })
        .execute()
    },
    async deleteUpdates(incidentId) {
      await trx.deleteFrom('incident_updates').where('incident_id', '=', incidentId).execute()
    },
  }
}
