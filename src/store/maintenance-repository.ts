/**
 * The `maintenance_windows` table: planned work on (component, location) series, possibly in
 * the future. Reads are open; writes exist only inside a declared transaction.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import type { Managed } from './incidents-repository.js'
import type { Database, MaintenanceWindowsTable } from './schema.js'

/** A component a window covers: some of its locations, or all (`locations: null`). */
export interface MaintenanceTarget {
  component: string
  locations: string[] | null
}

/** A maintenance window as stored. */
export interface MaintenanceRow {
  id: string
  name: string | null
  title: string
  description: string | null
  targets: MaintenanceTarget[]
  start: number
  end: number
  cancelledAt: number | null
  managed: Managed
  source: string | null
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

/** Position after which a page of windows continues (newest start first). */
export interface MaintenanceCursor {
  start: number
  id: string
}

/** Reads maintenance windows. */
export interface MaintenanceRepository {
  get(id: string): Promise<MaintenanceRow | null>
  /** A page of windows overlapping [from, to) when given, newest start first. */
  list(query: { from?: number; to?: number; after?: MaintenanceCursor | null; limit: number }): Promise<MaintenanceRow[]>
  /** Windows not cancelled with start ≤ at < end. */
  active(at: number): Promise<MaintenanceRow[]>
}

/** Writes to maintenance windows, inside a declared transaction only. */
export interface MaintenanceWrites {
  get(id: string): Promise<MaintenanceRow | null>
  /** Active (not archived) config-managed windows. */
  configManaged(): Promise<MaintenanceRow[]>
  insert(row: MaintenanceRow): Promise<void>
  update(id: string, patch: Partial<Omit<MaintenanceRow, 'id' | 'createdAt'>>): Promise<void>
}

const TargetsSchema = z.array(z.object({ component: z.string(), locations: z.array(z.string()).nullable() }))

function toWindow(row: Selectable<MaintenanceWindowsTable>): MaintenanceRow {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    description: row.description,
    targets: TargetsSchema.parse(JSON.parse(row.targets)),
    start: Number(row.start_at),
    end: Number(row.end_at),
    cancelledAt: row.cancelled_at === null ? null : Number(row.cancelled_at),
    managed: row.managed,
    source: row.source,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  }
}

function windowColumns(patch: Partial<Omit<MaintenanceRow, 'id' | 'createdAt'>>): Partial<MaintenanceWindowsTable> {
  const columns: Partial<MaintenanceWindowsTable> = {}
  if (patch.name !== undefined) columns.name = patch.name
  if (patch.title !== undefined) columns.title = patch.title
  if (patch.description !== undefined) columns.description = patch.description
  if (patch.targets !== undefined) columns.targets = JSON.stringify(patch.targets)
  if (patch.start !== undefined) columns.start_at = patch.start
  if (patch.end !== undefined) columns.end_at = patch.end
  if (patch.cancelledAt !== undefined) columns.cancelled_at = patch.cancelledAt
  if (patch.managed !== undefined) columns.managed = patch.managed
  if (patch.source !== undefined) columns.source = patch.source
  if (patch.updatedAt !== undefined) columns.updated_at = patch.updatedAt
  if (patch.archivedAt !== undefined) columns.archived_at = patch.archivedAt
  return columns
}

async function selectWindow(db: Kysely<Database>, id: string): Promise<MaintenanceRow | null> {
  const row = await db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst()
  return row === undefined ? null : toWindow(row)
}

/**
 * The read side over `db`.
 *
 * @example
 * const now = await maintenanceRepository(db).active(Date.now())
 */
export function maintenanceRepository(db: Kysely<Database>): MaintenanceRepository {
  return {
    get: (id) => selectWindow(db, id),
    async list(query) {
      let select = db.selectFrom('maintenance_windows').selectAll().orderBy('start_at', 'desc').orderBy('id', 'desc').limit(query.limit)
      if (query.to !== undefined) select = select.where('start_at', '<', query.to)
      if (query.from !== undefined) select = select.where('end_at', '>', query.from)
      const after = query.after
      if (after) {
        select = select.where((eb) => eb.or([eb('start_at', '<', after.start), eb.and([eb('start_at', '=', after.start), eb('id', '<', after.id)])]))
      }
      return (await select.execute()).map(toWindow)
    },
    async active(at) {
      const rows = await db
        .selectFrom('maintenance_windows')
        .selectAll()
        .where('start_at', '<=', at)
        .where('end_at', '>', at)
        .where('cancelled_at', 'is', null)
        .orderBy('start_at')
        .orderBy('id')
        .execute()
      return rows.map(toWindow)
    },
  }
}

/**
 * The write side inside transaction `trx`.
 *
 * @example
 * await write((trx) => maintenanceWrites(trx).insert(row))
 */
export function maintenanceWrites(trx: Kysely<Database>): MaintenanceWrites {
  return {
    get: (id) => selectWindow(trx, id),
    async configManaged() {
      const rows = await trx.selectFrom('maintenance_windows').selectAll().where('managed', '=', 'config').where('archived_at', 'is', null).where('series_id', 'is', null).execute()
      return rows.map(toWindow)
    },
    async insert(row) {
      await trx
        .insertInto('maintenance_windows')
        .values({
          id: row.id, name: row.name, title: row.title, description: row.description, targets: JSON.stringify(row.targets),
          start_at: row.start, end_at: row.end, cancelled_at: row.cancelledAt, managed: row.managed, source: row.source,
          created_at: row.createdAt, updated_at: row.updatedAt, archived_at: row.archivedAt,
        })
        .execute()
    },
    async update(id, patch) {
      const columns = windowColumns(patch)
      if (Object.keys(columns).length > 0) await trx.updateTable('maintenance_windows').set(columns).where('id', '=', id).execute()
    },
  }
}
