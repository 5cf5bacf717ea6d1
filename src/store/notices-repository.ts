/**
 * The `info_notices` table: short public notices without impact ("the support line moves on
 * Monday"), shown between an optional start and end. Config-managed notices carry the
 * `file:line` declaring them. Reads are open; writes exist only inside a declared transaction.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import type { Managed } from './incidents-repository.js'
import type { Database, InfoNoticesTable } from './schema.js'

/** A notice as stored; it shows in [start, end), a null bound being open. */
export interface NoticeRow {
  id: string
  name: string | null
  title: string
  text: string
  start: number | null
  end: number | null
  managed: Managed
  source: string | null
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

/** Reads notices. */
export interface NoticesRepository {
  /** Active notices, newest first; with `notEndedAt`, only those that have not ended by then. */
  list(query?: { notEndedAt?: number }): Promise<NoticeRow[]>
  /** A notice by id, archived ones too; null when unknown. */
  get(id: string): Promise<NoticeRow | null>
}

/** Writes notices, inside a declared transaction only. */
export interface NoticeWrites extends NoticesRepository {
  /** Active config-managed notices. */
  configManaged(): Promise<NoticeRow[]>
  insert(row: NoticeRow): Promise<void>
  update(id: string, patch: Partial<Omit<NoticeRow, 'id' | 'createdAt'>>): Promise<void>
}

const ms = (value: number | null) => (value === null ? null : Number(value))

function toNotice(row: Selectable<InfoNoticesTable>): NoticeRow {
  return {
    id: row.id, name: row.name, title: row.title, text: row.text, start: ms(row.start_at), end: ms(row.end_at), managed: row.managed, source: row.source,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at), archivedAt: ms(row.archived_at),
  }
}

function columns(patch: Partial<Omit<NoticeRow, 'id' | 'createdAt'>>): Partial<InfoNoticesTable> {
  const set: Partial<InfoNoticesTable> = {}
  if (patch.name !== undefined) set.name = patch.name
  if (patch.title !== undefined) set.title = patch.title
  if (patch.text !== undefined) set.text = patch.text
  if (patch.start !== undefined) set.start_at = patch.start
  if (patch.end !== undefined) set.end_at = patch.end
  if (patch.managed !== undefined) set.managed = patch.managed
  if (patch.source !== undefined) set.source = patch.source
  if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt
  if (patch.archivedAt !== undefined) set.archived_at = patch.archivedAt
  return set
}

function reads(db: Kysely<Database>): NoticesRepository {
  return {
    async list(query = {}) {
      let select = db.selectFrom('info_notices').selectAll().where('archived_at', 'is', null).orderBy('created_at', 'desc').orderBy('id', 'desc')
      const at = query.notEndedAt
      if (at !== undefined) select = select.where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', at)]))
      return (await select.execute()).map(toNotice)
    },
    async get(id) {
      const row = await db.selectFrom('info_notices').selectAll().where('id', '=', id).executeTakeFirst()
      return row === undefined ? null : toNotice(row)
    },
  }
}

/**
 * The read side over `db`.
 *
 * @example
 * const showing = await noticesRepository(db).list({ notEndedAt: Date.now() })
 */
export function noticesRepository(db: Kysely<Database>): NoticesRepository {
  return reads(db)
}

/** The write side inside transaction `trx`. */
export function noticeWrites(trx: Kysely<Database>): NoticeWrites {
  return {
    ...reads(trx),
    async configManaged() {
      const rows = await trx.selectFrom('info_notices').selectAll().where('managed', '=', 'config').where('archived_at', 'is', null).execute()
      return rows.map(toNotice)
    },
    async insert(row) {
      await trx
        .insertInto('info_notices')
        .values({
          id: row.id, name: row.name, title: row.title, text: row.text, start_at: row.start, end_at: row.end, managed: row.managed, source: row.source,
          created_at: row.createdAt, updated_at: row.updatedAt, archived_at: row.archivedAt,
        })
        .execute()
    },
    async update(id, patch) {
      const set = columns(patch)
      if (Object.keys(set).length > 0) await trx.updateTable('info_notices').set(set).where('id', '=', id).execute()
    },
  }
}
