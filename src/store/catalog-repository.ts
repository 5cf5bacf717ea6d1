/**
 * The administered catalogue of the status model: impact types, severity levels, phase-list
 * generations, and the API's writes to components. Reads are open to every layer; writes exist
 * only inside a declared transaction, so the service layer validates, applies and audits them as one.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { INCIDENT_PHASES, type IncidentPhase } from '../core/incident-phase.js'
import { canonicalJson } from './canonical-json.js'
import type { ComponentRow } from './components-repository.js'
import type { Database, ImpactTypesTable, PhaseGenerationsTable } from './schema.js'

/** An impact type as stored. */
export interface ImpactTypeRow {
  id: string
  displayName: string
  description: string | null
}

/** A named severity level: its range ends at `value` (inclusive). */
export interface SeverityRow {
  name: string
  value: number
}

/** One phase of a generation: its position, name and the native phase it stands for. */
export interface PhaseEntry {
  name: string
  native: IncidentPhase
}

/** One immutable phase list. */
export interface PhaseGeneration {
  generation: number
  phases: PhaseEntry[]
}

/** Reads the catalogue. */
export interface CatalogRepository {
  impactTypes(): Promise<ImpactTypeRow[]>
  /** The impact type names impacts use, sorted (free-text types written by other doors included). */
  usedImpactTypeNames(): Promise<string[]>
  severities(): Promise<SeverityRow[]>
  /** The given generation, or the newest; null when there is no such generation. */
  phases(generation?: number): Promise<PhaseGeneration | null>
  /** Every component by id, archived ones too. */
  componentById(id: string): Promise<ComponentRow | null>
}

/** A new component written by the API (`managed = 'api'`). */
export type NewComponentRow = Pick<ComponentRow, 'id' | 'name' | 'displayName' | 'labels'> & { now: number }

/** Writes to the catalogue, inside a declared transaction only. */
export interface CatalogWrites extends CatalogRepository {
  insertImpactType(row: ImpactTypeRow, now: number): Promise<void>
  /** Changes a type; a new name also renames it in every impact (impacts store the name). */
  updateImpactType(before: ImpactTypeRow, after: ImpactTypeRow, now: number): Promise<void>
  deleteImpactType(id: string): Promise<void>
  insertSeverity(row: SeverityRow, now: number): Promise<void>
  updateSeverity(name: string, row: SeverityRow, now: number): Promise<void>
  deleteSeverity(name: string): Promise<void>
  insertPhases(generation: PhaseGeneration, now: number): Promise<void>
  /** Names in use by any component, archived ones too (names are never reused). */
  componentNames(): Promise<Set<string>>
  insertComponent(row: NewComponentRow): Promise<void>
  updateComponent(id: string, patch: { displayName?: string; labels?: Record<string, string> }, now: number): Promise<void>
  archiveComponent(id: string, now: number): Promise<void>
}

function toImpactType(row: Selectable<ImpactTypesTable>): ImpactTypeRow {
  return { id: row.id, displayName: row.display_name, description: row.description }
}

function toGeneration(rows: readonly Selectable<PhaseGenerationsTable>[]): PhaseGeneration | null {
  const first = rows[0]
  if (first === undefined) return null
  const phases = rows.map((row) => {
    if (!(INCIDENT_PHASES as readonly string[]).includes(row.native_phase)) throw new Error(`stored phase has an unknown native phase: ${row.native_phase}`)
    return { name: row.name, native: row.native_phase as IncidentPhase }
  })
  return { generation: Number(first.generation), phases }
}

function reads(db: Kysely<Database>): CatalogRepository {
  return {
    async impactTypes() {
      return (await db.selectFrom('impact_types').selectAll().orderBy('display_name').execute()).map(toImpactType)
    },
    async usedImpactTypeNames() {
      return (await db.selectFrom('incident_impacts').select('impact_type').distinct().orderBy('impact_type').execute()).map((row) => row.impact_type)
    },
    async severities() {
      const rows = await db.selectFrom('severity_levels').select(['name', 'value']).orderBy('value').execute()
      return rows.map((row) => ({ name: row.name, value: Number(row.value) }))
    },
    async phases(generation) {
      const newest = await db.selectFrom('phase_generations').select((eb) => eb.fn.max('generation').as('top')).executeTakeFirst()
      const wanted = generation ?? (newest?.top === null || newest?.top === undefined ? null : Number(newest.top))
      if (wanted === null) return null
      return toGeneration(await db.selectFrom('phase_generations').selectAll().where('generation', '=', wanted).orderBy('position').execute())
    },
    async componentById(id) {
      const row = await db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst()
      if (row === undefined) return null
      return {
        id: row.id, name: row.name, displayName: row.display_name, description: row.description, labels: JSON.parse(row.labels) as Record<string, string>,
        managed: row.managed, createdAt: Number(row.created_at), updatedAt: Number(row.updated_at), archivedAt: row.archived_at === null ? null : Number(row.archived_at),
      }
    },
  }
}

/**
 * The read side over `db`.
 *
 * @example
 * const levels = await catalogRepository(db).severities()
 */
export function catalogRepository(db: Kysely<Database>): CatalogRepository {
  return reads(db)
}

/**
 * The write side inside transaction `trx`.
 *
 * @example
 * await writeDeclared((tx) => tx.catalog.insertSeverity({ name: 'minor', value: 20 }, now))
 */
export function catalogWrites(trx: Kysely<Database>): CatalogWrites {
  return {
    ...reads(trx),
    async insertImpactType(row, now) {
      await trx.insertInto('impact_types').values({ id: row.id, display_name: row.displayName, description: row.description, created_at: now, updated_at: now }).execute()
    },
    async updateImpactType(before, after, now) {
      await trx.updateTable('impact_types').set({ display_name: after.displayName, description: after.description, updated_at: now }).where('id', '=', before.id).execute()
      if (before.displayName !== after.displayName) {
        await trx.updateTable('incident_impacts').set({ impact_type: after.displayName }).where('impact_type', '=', before.displayName).execute()
      }
    },
    async deleteImpactType(id) {
      await trx.deleteFrom('impact_types').where('id', '=', id).execute()
    },
    async insertSeverity(row, now) {
      await trx.insertInto('severity_levels').values({ name: row.name, value: row.value, created_at: now, updated_at: now }).execute()
    },
    async updateSeverity(name, row, now) {
      await trx.updateTable('severity_levels').set({ name: row.name, value: row.value, updated_at: now }).where('name', '=', name).execute()
    },
    async deleteSeverity(name) {
      await trx.deleteFrom('severity_levels').where('name', '=', name).execute()
    },
    async insertPhases(generation, now) {
      await trx
        .insertInto('phase_generations')
        .values(generation.phases.map((phase, position) => ({ generation: generation.generation, position, name: phase.name, native_phase: phase.native, created_at: now })))
        .execute()
    },
    async componentNames() {
      return new Set((await trx.selectFrom('components').select('name').execute()).map((row) => row.name))
    },
    async insertComponent(row) {
      await trx
        .insertInto('components')
        .values({
          id: row.id, name: row.name, display_name: row.displayName, description: null, labels: canonicalJson(row.labels),
          managed: 'api', created_at: row.now, updated_at: row.now, archived_at: null,
        })
        .execute()
    },
    async updateComponent(id, patch, now) {
      await trx
        .updateTable('components')
        .set({
          ...(patch.displayName === undefined ? {} : { display_name: patch.displayName }),
          ...(patch.labels === undefined ? {} : { labels: canonicalJson(patch.labels) }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute()
    },
    async archiveComponent(id, now) {
      await trx.updateTable('components').set({ archived_at: now, updated_at: now }).where('id', '=', id).execute()
    },
  }
}
