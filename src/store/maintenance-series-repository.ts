/**
 * The `maintenance_series` table (recurring maintenance) and the link of each materialized
 * occurrence — an ordinary row of `maintenance_windows` — to its series. Reads are open; writes
 * exist only inside a declared transaction.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import type { Managed } from './incidents-repository.js'
import type { MaintenanceTarget } from './maintenance-repository.js'
import type { Database, MaintenanceSeriesTable } from './schema.js'

/** When a series' windows start: a 5-field cron expression, or weekdays and a time, in a time zone. */
export type SeriesSchedule = { cron: string; timeZone: string } | { weekdays: string[]; at: string; timeZone: string }

/** A series as stored. */
export interface MaintenanceSeriesRow {
  id: string
  name: string | null
  title: string
  description: string | null
  targets: MaintenanceTarget[]
  durationMs: number
  schedule: SeriesSchedule
  managed: Managed
  source: string | null
  createdAt: number
  updatedAt: number
  cancelledAt: number | null
  archivedAt: number | null
}

/** Reads series. */
export interface MaintenanceSeriesRepository {
  /** Series not archived (cancelled ones too), oldest first. */
  list(): Promise<MaintenanceSeriesRow[]>
  /** A series by id, archived ones too; null when unknown. */
  get(id: string): Promise<MaintenanceSeriesRow | null>
  /** Ids of the windows of a series that start after `after`, by start. */
  windowIds(seriesId: string, after: number): Promise<string[]>
}

/** Writes series, inside a declared transaction only. */
export interface MaintenanceSeriesWrites extends MaintenanceSeriesRepository {
  /** Config-managed series not archived. */
  configManaged(): Promise<MaintenanceSeriesRow[]>
  insert(row: MaintenanceSeriesRow): Promise<void>
  update(id: string, patch: Partial<Omit<MaintenanceSeriesRow, 'id' | 'createdAt'>>): Promise<void>
  /** Marks window `windowId` as an occurrence of series `seriesId`. */
  link(windowId: string, seriesId: string): Promise<void>
  /** Detaches window `windowId` from its series (it was edited on its own); no-op for a single window. */
  unlink(windowId: string): Promise<void>
}

const TargetsSchema = z.array(z.object({ component: z.string(), locations: z.array(z.string()).nullable() }))
const ScheduleSchema = z.union([
  z.object({ cron: z.string(), timeZone: z.string() }),
  z.object({ weekdays: z.array(z.string()), at: z.string(), timeZone: z.string() }),
])
const ms = (value: number | null) => (value === null ? null : Number(value))

function toSeries(row: Selectable<MaintenanceSeriesTable>): MaintenanceSeriesRow {
  return {
    id: row.id, name: row.name, title: row.title, description: row.description, targets: TargetsSchema.parse(JSON.parse(row.targets)),
    durationMs: Number(row.duration_ms), schedule: ScheduleSchema.parse(JSON.parse(row.schedule)), managed: row.managed, source: row.source,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at), cancelledAt: ms(row.cancelled_at), archivedAt: ms(row.archived_at),
  }
}

function seriesColumns(patch: Partial<Omit<MaintenanceSeriesRow, 'id' | 'createdAt'>>): Partial<MaintenanceSeriesTable> {
  const { targets, schedule, durationMs, cancelledAt, archivedAt, updatedAt, ...plain } = patch
  const columns: Partial<MaintenanceSeriesTable> = { ...plain }
  if (targets !== undefined) columns.targets = JSON.stringify(targets)
  if (schedule !== undefined) columns.schedule = JSON.stringify(schedule)
  if (durationMs !== undefined) columns.duration_ms = durationMs
  if (cancelledAt !== undefined) columns.cancelled_at = cancelledAt
  if (archivedAt !== undefined) columns.archived_at = archivedAt
  if (updatedAt !== undefined) columns.updated_at = updatedAt
  return columns
}

function reads(db: Kysely<Database>): MaintenanceSeriesRepository {
  return {
    async list() {
      const rows = await db.selectFrom('maintenance_series').selectAll().where('archived_at', 'is', null).orderBy('created_at').orderBy('id').execute()
      return rows.map(toSeries)
    },
    async get(id) {
      const row = await db.selectFrom('maintenance_series').selectAll().where('id', '=', id).executeTakeFirst()
      return row === undefined ? null : toSeries(row)
    },
    async windowIds(seriesId, after) {
      const rows = await db.selectFrom('maintenance_windows').select('id').where('series_id', '=', seriesId).where('start_at', '>', after).orderBy('start_at').execute()
      return rows.map((row) => row.id)
    },
  }
}

/**
 * The read side over `db`.
 *
 * @example
 * const series = await maintenanceSeriesRepository(db).list()
 */
export function maintenanceSeriesRepository(db: Kysely<Database>): MaintenanceSeriesRepository {
  return reads(db)
}

/**
 * The write side inside transaction `trx`.
 *
 * @example
 * await writeDeclared((tx) => tx.maintenanceSeries.insert(row))
 */
export function maintenanceSeriesWrites(trx: Kysely<Database>): MaintenanceSeriesWrites {
  return {
    ...reads(trx),
    async configManaged() {
      const rows = await trx.selectFrom('maintenance_series').selectAll().where('managed', '=', 'config').where('archived_at', 'is', null).execute()
      return rows.map(toSeries)
    },
    async insert(row) {
      await trx
        .insertInto('maintenance_series')
        .values({
          id: row.id, name: row.name, title: row.title, description: row.description, targets: JSON.stringify(row.targets), duration_ms: row.durationMs,
          schedule: JSON.stringify(row.schedule), managed: row.managed, source: row.source, created_at: row.createdAt, updated_at: row.updatedAt,
          cancelled_at: row.cancelledAt, archived_at: row.archivedAt,
        })
        .execute()
    },
    async update(id, patch) {
      const columns = seriesColumns(patch)
      if (Object.keys(columns).length > 0) await trx.updateTable('maintenance_series').set(columns).where('id', '=', id).execute()
    },
    async link(windowId, seriesId) {
      await trx.updateTable('maintenance_windows').set({ series_id: seriesId }).where('id', '=', windowId).execute()
    },
    async unlink(windowId) {
      await trx.updateTable('maintenance_windows').set({ series_id: null }).where('id', '=', windowId).execute()
    },
  }
}
