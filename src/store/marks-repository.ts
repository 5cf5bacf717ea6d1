/**
 * The `measurement_marks` table: operators' marks that the measured state of a series is not
 * representative. Reads are open; writes exist only inside a declared transaction, beside their
 * audit event.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import type { Database, MeasurementMarksTable } from './schema.js'

/** A mark as stored. `location` null covers every location of the component. */
export interface MarkRow {
  id: string
  component: string
  location: string | null
  /** Public: shown beside the state on every surface. */
  reason: string
  from: number
  /** The planned end; null runs until cleared. */
  to: number | null
  actor: string
  createdAt: number
  clearedAt: number | null
  clearedBy: string | null
}

/** Reads marks. */
export interface MarksRepository {
  get(id: string): Promise<MarkRow | null>
  /** Marks, newest first; cleared ones only when asked; of one component when given. */
  list(query?: { component?: string; includeCleared?: boolean; limit?: number }): Promise<MarkRow[]>
  /** Marks in effect at `at`: from ≤ at, and neither their end nor their clearing has passed. */
  active(at: number): Promise<MarkRow[]>
  /** Marks whose effect overlaps [from, to), of one component when given, oldest first. */
  overlapping(from: number, to: number, component?: string): Promise<MarkRow[]>
}

/** Writes to marks, inside a declared transaction only. */
export interface MarkWrites {
  get(id: string): Promise<MarkRow | null>
  insert(row: MarkRow): Promise<void>
  /** Sets `cleared_at` and `cleared_by` of a mark. */
  clear(id: string, at: number, by: string): Promise<void>
}

function toMark(row: Selectable<MeasurementMarksTable>): MarkRow {
  return {
    id: row.id,
    component: row.component,
    location: row.location,
    reason: row.reason,
    from: Number(row.from_at),
    to: row.to_at === null ? null : Number(row.to_at),
    actor: row.actor,
    createdAt: Number(row.created_at),
    clearedAt: row.cleared_at === null ? null : Number(row.cleared_at),
    clearedBy: row.cleared_by,
  }
}

async function selectMark(db: Kysely<Database>, id: string): Promise<MarkRow | null> {
  const row = await db.selectFrom('measurement_marks').selectAll().where('id', '=', id).executeTakeFirst()
  return row === undefined ? null : toMark(row)
}

/** Marks in effect somewhere in [from, to): started before `to`, not ended or cleared by `from`. */
function overlappingQuery(db: Kysely<Database>, from: number, to: number) {
  return db
    .selectFrom('measurement_marks')
    .selectAll()
    .where('from_at', '<', to)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
    .where((eb) => eb.or([eb('cleared_at', 'is', null), eb('cleared_at', '>', from)]))
}

/** Drops marks cleared (or ending) before they began: they never had an effect. */
function effective(rows: readonly Selectable<MeasurementMarksTable>[]): MarkRow[] {
  return rows.map(toMark).filter((mark) => Math.min(mark.to ?? Infinity, mark.clearedAt ?? Infinity) > mark.from)
}

/**
 * The read side over `db`.
 *
 * @example
 * const marked = await marksRepository(db).active(Date.now())
 */
export function marksRepository(db: Kysely<Database>): MarksRepository {
  return {
    get: (id) => selectMark(db, id),
    async list(query = {}) {
      let select = db.selectFrom('measurement_marks').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit ?? 1000)
      if (query.component !== undefined) select = select.where('component', '=', query.component)
      if (query.includeCleared !== true) select = select.where('cleared_at', 'is', null)
      return (await select.execute()).map(toMark)
    },
    async active(at) {
      return effective(await overlappingQuery(db, at, at + 1).orderBy('from_at').orderBy('id').execute())
    },
    async overlapping(from, to, component) {
      let select = overlappingQuery(db, from, to)
      if (component !== undefined) select = select.where('component', '=', component)
      return effective(await select.orderBy('from_at').orderBy('id').execute())
    },
  }
}

/**
 * The write side inside transaction `trx`.
 *
 * @example
 * await store.writeDeclared(async (tx) => { await tx.marks.insert(row); await tx.audit.append(event) })
 */
export function markWrites(trx: Kysely<Database>): MarkWrites {
  return {
    get: (id) => selectMark(trx, id),
    async insert(row) {
      await trx
        .insertInto('measurement_marks')
        .values({
          id: row.id, component: row.component, location: row.location, reason: row.reason, from_at: row.from, to_at: row.to,
          actor: row.actor, created_at: row.createdAt, cleared_at: row.clearedAt, cleared_by: row.clearedBy,
        })
        .execute()
    },
    async clear(id, at, by) {
      await trx.updateTable('measurement_marks').set({ cleared_at: at, cleared_by: by }).where('id', '=', id).execute()
    },
  }
}
