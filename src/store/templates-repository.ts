/**
 * The `incident_templates` table: named, prefilled incidents (title, first update, phase,
 * impacts) an operator opens an incident from. Config-managed templates carry the `file:line`
 * declaring them. Reads are open; writes exist only inside a declared transaction.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import { INCIDENT_PHASES, type IncidentPhase } from '../core/incident-phase.js'
import type { Managed } from './incidents-repository.js'
import type { Database, IncidentTemplatesTable } from './schema.js'

/** A default impact of a template. */
export interface TemplateImpact {
  component: string
  location: string
  type: string
  severity: number
}

/** A template as stored. */
export interface TemplateRow {
  id: string
  name: string
  title: string
  description: string | null
  /** The first update's text (Markdown). */
  text: string
  phase: IncidentPhase
  impacts: TemplateImpact[]
  managed: Managed
  source: string | null
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

/** Reads templates. */
export interface TemplatesRepository {
  /** Active templates by name. */
  list(): Promise<TemplateRow[]>
  /** A template by id, archived ones too; null when unknown. */
  get(id: string): Promise<TemplateRow | null>
  /** The active template of that name; null when there is none. */
  byName(name: string): Promise<TemplateRow | null>
}

/** Writes templates, inside a declared transaction only. */
export interface TemplateWrites extends TemplatesRepository {
  /** Active config-managed templates. */
  configManaged(): Promise<TemplateRow[]>
  insert(row: TemplateRow): Promise<void>
  update(id: string, patch: Partial<Omit<TemplateRow, 'id' | 'createdAt'>>): Promise<void>
}

const ImpactsSchema = z.array(z.object({ component: z.string(), location: z.string(), type: z.string(), severity: z.number() }))

function toTemplate(row: Selectable<IncidentTemplatesTable>): TemplateRow {
  if (!(INCIDENT_PHASES as readonly string[]).includes(row.phase)) throw new Error(`stored template has an unknown phase: ${row.phase}`)
  return {
    id: row.id, name: row.name, title: row.title, description: row.description, text: row.text, phase: row.phase as IncidentPhase,
    impacts: ImpactsSchema.parse(JSON.parse(row.impacts)), managed: row.managed, source: row.source,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at), archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  }
}

function columns(patch: Partial<Omit<TemplateRow, 'id' | 'createdAt'>>): Partial<IncidentTemplatesTable> {
  const set: Partial<IncidentTemplatesTable> = {}
  if (patch.name !== undefined) set.name = patch.name
  if (patch.title !== undefined) set.title = patch.title
  if (patch.description !== undefined) set.description = patch.description
  if (patch.text !== undefined) set.text = patch.text
  if (patch.phase !== undefined) set.phase = patch.phase
  if (patch.impacts !== undefined) set.impacts = JSON.stringify(patch.impacts)
  if (patch.managed !== undefined) set.managed = patch.managed
  if (patch.source !== undefined) set.source = patch.source
  if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt
  if (patch.archivedAt !== undefined) set.archived_at = patch.archivedAt
  return set
}

function reads(db: Kysely<Database>): TemplatesRepository {
  return {
    async list() {
      return (await db.selectFrom('incident_templates').selectAll().where('archived_at', 'is', null).orderBy('name').execute()).map(toTemplate)
    },
    async get(id) {
      const row = await db.selectFrom('incident_templates').selectAll().where('id', '=', id).executeTakeFirst()
      return row === undefined ? null : toTemplate(row)
    },
    async byName(name) {
      const row = await db.selectFrom('incident_templates').selectAll().where('name', '=', name).where('archived_at', 'is', null).executeTakeFirst()
      return row === undefined ? null : toTemplate(row)
    },
  }
}

/**
 * The read side over `db`.
 *
 * @example
 * const templates = await templatesRepository(db).list()
 */
export function templatesRepository(db: Kysely<Database>): TemplatesRepository {
  return reads(db)
}

/** The write side inside transaction `trx`. */
export function templateWrites(trx: Kysely<Database>): TemplateWrites {
  return {
    ...reads(trx),
    async configManaged() {
      const rows = await trx.selectFrom('incident_templates').selectAll().where('managed', '=', 'config').where('archived_at', 'is', null).execute()
      return rows.map(toTemplate)
    },
    async insert(row) {
      await trx
        .insertInto('incident_templates')
        .values({
          id: row.id, name: row.name, title: row.title, description: row.description, text: row.text, phase: row.phase, impacts: JSON.stringify(row.impacts),
          managed: row.managed, source: row.source, created_at: row.createdAt, updated_at: row.updatedAt, archived_at: row.archivedAt,
        })
        .execute()
    },
    async update(id, patch) {
      const set = columns(patch)
      if (Object.keys(set).length > 0) await trx.updateTable('incident_templates').set(set).where('id', '=', id).execute()
    },
  }
}
