/**
 * What the records job asks of the database besides reading and writing records: a summary of
 * the results stored since its watermark (so a backlog of millions of rows is never turned into
 * millions of JS objects), the maintenance changes since its last run, every rollup key, and the
 * zone its day records were computed in.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'
import type { InsertedCursor, RollupGranularity, RollupScope } from './rollups-repository.js'

/** Results of one check stored in a window whose starts fall in one UTC hour: the earliest and latest start. */
export interface InsertedSpan {
  checkId: string
  from: number
  to: number
  /** How many results (re-read ones included). */
  count: number
}

/** A write to a maintenance window, from the audit trail: the window before and after (null when absent). */
export interface MaintenanceChange {
  at: number
  before: unknown
  after: unknown
}

/** The records job's view of the backlog and of its own bookkeeping. */
export interface RecordsBacklog {
  /** The position `limit` rows after `cursor` in storing order (or the last row when fewer remain); null when none. */
  insertedPageEnd(cursor: InsertedCursor, limit: number): Promise<InsertedCursor | null>
  /** Per (check, UTC hour of `started_at`) the earliest and latest start among results stored after `after` up to `upTo`. */
  insertedSpans(after: InsertedCursor, upTo: InsertedCursor): Promise<InsertedSpan[]>
  /** Audit events of maintenance windows recorded after `at`, oldest first. */
  maintenanceChangesSince(at: number): Promise<MaintenanceChange[]>
  /** Every (scope, key) with any record, ascending. */
  keys(): Promise<{ scope: RollupScope; key: string }[]>
  /** The first and last bucket start of one key and granularity; null without records. */
  span(scope: RollupScope, key: string, granularity: RollupGranularity): Promise<{ first: number; last: number } | null>
  /** Deletes the day records of one key whose bucket starts in [from, to). */
  deleteDays(scope: RollupScope, key: string, from: number, to: number): Promise<void>
  /** The zone the stored day records were computed in; null when never recorded. */
  dayZone(): Promise<string | null>
  setDayZone(timeZone: string, now: number): Promise<void>
}

/** Day zones live in `records_watermarks` as a row named `days@<zone>` (the zone is the name). */
const ZONE_PREFIX = 'days@'
const HOUR_MS = 3_600_000

/** A cursor as SQL: rows strictly after it in (inserted_at, id) order. */
function after(cursor: InsertedCursor) {
  return cursor.id === null ? sql<boolean>`inserted_at > ${cursor.insertedAt}` : sql<boolean>`(inserted_at, id) > (${cursor.insertedAt}, ${cursor.id})`
}

/**
 * Builds the backlog queries over `db`, writing through `write`.
 *
 * @example
 * const end = await backlog.insertedPageEnd({ insertedAt: watermark, id: null }, 50_000)
 * const spans = end === null ? [] : await backlog.insertedSpans({ insertedAt: watermark, id: null }, end)
 */
export function recordsBacklog(db: Kysely<Database>, write: WriteTransaction): RecordsBacklog {
  return {
    async insertedPageEnd(cursor, limit) {
      const nth = await db
        .selectFrom('results')
        .select(['inserted_at', 'id'])
        .where(after(cursor))
        .orderBy('inserted_at')
        .orderBy('id')
        .limit(1)
        .offset(Math.max(0, limit - 1))
        .executeTakeFirst()
      const row =
        nth ??
        (await db.selectFrom('results').select(['inserted_at', 'id']).where(after(cursor)).orderBy('inserted_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst())
      return row === undefined ? null : { insertedAt: Number(row.inserted_at), id: row.id }
    },
    async insertedSpans(from, upTo) {
      const rows = await db
        .selectFrom('results')
        .select((eb) => ['check_id', eb.fn.min('started_at').as('first'), eb.fn.max('started_at').as('last'), eb.fn.countAll().as('count')])
        .where(after(from))
        .where(sql<boolean>`(inserted_at, id) <= (${upTo.insertedAt}, ${upTo.id})`)
        .groupBy(['check_id', sql`started_at / ${sql.lit(HOUR_MS)}`])
        .execute()
      return rows.map((row) => ({ checkId: row.check_id, from: Number(row.first), to: Number(row.last), count: Number(row.count) }))
    },
    async maintenanceChangesSince(at) {
      const rows = await db
        .selectFrom('audit_events')
        .select(['at', 'before', 'after'])
        .where('object_type', '=', 'maintenance')
        .where('at', '>', at)
        .orderBy('at')
        .orderBy('id')
        .execute()
      const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text))
      return rows.map((row) => ({ at: Number(row.at), before: parse(row.before), after: parse(row.after) }))
    },
    async keys() {
      const keys: { scope: RollupScope; key: string }[] = []
      let last: { scope: string; key: string } | undefined
      // A skip scan over the primary key: one index seek per key instead of reading every record.
      for (;;) {
        let query = db.selectFrom('rollups').select(['scope', 'key']).orderBy('scope').orderBy('key').limit(1)
        if (last !== undefined) query = query.where(sql<boolean>`(scope, key) > (${last.scope}, ${last.key})`)
        const row = await query.executeTakeFirst()
        if (row === undefined) return keys
        keys.push(row)
        last = row
      }
    },
    async span(scope, key, granularity) {
      const row = await db
        .selectFrom('rollups')
        .select((eb) => [eb.fn.min('bucket_start').as('first'), eb.fn.max('bucket_start').as('last')])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('granularity', '=', granularity)
        .executeTakeFirst()
      return row?.first === undefined || row.first === null ? null : { first: Number(row.first), last: Number(row.last) }
    },
    async deleteDays(scope, key, from, to) {
      await write((trx) =>
        trx
          .deleteFrom('rollups')
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('granularity', '=', 'day')
          .where('bucket_start', '>=', from)
          .where('bucket_start', '<', to)
          .execute(),
      )
    },
    async dayZone() {
      const row = await db.selectFrom('records_watermarks').select('name').where('name', 'like', `${ZONE_PREFIX}%`).orderBy('updated_at', 'desc').limit(1).executeTakeFirst()
      return row === undefined ? null : row.name.slice(ZONE_PREFIX.length)
    },
    async setDayZone(timeZone, now) {
      await write(async (trx) => {
        await trx.deleteFrom('records_watermarks').where('name', 'like', `${ZONE_PREFIX}%`).execute()
        await trx.insertInto('records_watermarks').values({ name: `${ZONE_PREFIX}${timeZone}`, inserted_at: now, updated_at: now }).execute()
      })
    },
  }
}
