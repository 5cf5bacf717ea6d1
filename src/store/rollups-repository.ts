/**
 * The `rollups` table (records of minutes, hours and days per check and per series) and what
 * the records job needs around it: the results stored since a watermark, and the watermark.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { rollupFromJson, rollupToJson, type RollupRecord, type RollupRecordJson } from '../records/index.js'
import type { Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'
import { recordsBacklog, type RecordsBacklog } from './records-backlog.js'

/** What a rollup summarises: one check (key: check id) or one series (key: `seriesId`). */
export type RollupScope = 'check' | 'series'

/** The granularities stored; months are merged from days when asked for. */
export type RollupGranularity = 'minute' | 'hour' | 'day'

/** One record to store. */
export interface RollupRow {
  scope: RollupScope
  key: string
  granularity: RollupGranularity
  record: RollupRecord
}

/** A result as the records job finds it: which check, when it started, when it was stored. */
export interface InsertedResult {
  id: string
  checkId: string
  startedAt: number
  insertedAt: number
}

/** Where a page of {@link RollupsRepository.insertedSince} continues: after this row, or (id null) after every row stored at `insertedAt`. */
export interface InsertedCursor {
  insertedAt: number
  id: string | null
}

/** Stores and reads rollups, and the records job's backlog queries. */
export interface RollupsRepository extends RecordsBacklog {
  /** Inserts or replaces records by (scope, key, granularity, bucket start); identical records are not rewritten. */
  upsert(rows: readonly RollupRow[], now: number): Promise<void>
  /** The records of one key and granularity whose bucket starts in [from, to), ascending. */
  between(scope: RollupScope, key: string, granularity: RollupGranularity, from: number, to: number): Promise<RollupRecord[]>
  /** Results stored after `cursor` in storing order (`inserted_at`, then id), at most `limit`. */
  insertedSince(cursor: InsertedCursor, limit: number): Promise<InsertedResult[]>
  /** The newest `inserted_at` a job named `name` has processed; null before its first run. */
  watermark(name: string): Promise<number | null>
  setWatermark(name: string, insertedAt: number, now: number): Promise<void>
}

/** Rows per INSERT: 7 parameters each, far below every database's limit. */
const ROWS_PER_STATEMENT = 500

/**
 * Builds the rollups repository over `db`, writing through `write`.
 *
 * @example
 * const rollups = rollupsRepository(db, write)
 * await rollups.upsert([{ scope: 'check', key: checkId, granularity: 'minute', record }], Date.now())
 * const hours = await rollups.between('series', 'compute@R1', 'hour', from, to)
 */
export function rollupsRepository(db: Kysely<Database>, write: WriteTransaction): RollupsRepository {
  return {
    ...recordsBacklog(db, write),
    async upsert(rows, now) {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        if (start > 0) await yieldToLoop()
        const values = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => ({
          scope: row.scope,
          key: row.key,
          granularity: row.granularity,
          bucket_start: row.record.bucketStart,
          bucket_end: row.record.bucketEnd,
          record: JSON.stringify(rollupToJson(row.record)),
          updated_at: now,
        }))
        await write((trx) =>
          trx
            .insertInto('rollups')
            .values(values)
            .onConflict((conflict) =>
              conflict
                .columns(['scope', 'key', 'granularity', 'bucket_start'])
                .doUpdateSet((eb) => ({
                  bucket_end: eb.ref('excluded.bucket_end'),
                  record: eb.ref('excluded.record'),
                  updated_at: eb.ref('excluded.updated_at'),
                }))
                .where((eb) => eb.or([eb('rollups.record', '<>', eb.ref('excluded.record')), eb('rollups.bucket_end', '<>', eb.ref('excluded.bucket_end'))])),
            )
            .execute(),
        )
      }
    },
    async between(scope, key, granularity, from, to) {
      const rows = await db
        .selectFrom('rollups')
        .select('record')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('granularity', '=', granularity)
        .where('bucket_start', '>=', from)
        .where('bucket_start', '<', to)
        .orderBy('bucket_start')
        .execute()
      return rows.map((row) => rollupFromJson(JSON.parse(row.record) as RollupRecordJson))
    },
    async insertedSince(cursor, limit) {
      const rows = await db
        .selectFrom('results')
        .select(['id', 'check_id', 'started_at', 'inserted_at'])
        .where((eb) => {
          const later = eb('inserted_at', '>', cursor.insertedAt)
          return cursor.id === null ? later : eb.or([later, eb.and([eb('inserted_at', '=', cursor.insertedAt), eb('id', '>', cursor.id)])])
        })
        .orderBy('inserted_at')
        .orderBy('id')
        .limit(limit)
        .execute()
      return rows.map((row) => ({ id: row.id, checkId: row.check_id, startedAt: Number(row.started_at), insertedAt: Number(row.inserted_at) }))
    },
    async watermark(name) {
      const row = await db.selectFrom('records_watermarks').select('inserted_at').where('name', '=', name).executeTakeFirst()
      return row === undefined ? null : Number(row.inserted_at)
    },
    async setWatermark(name, insertedAt, now) {
      await write((trx) =>
        trx
          .insertInto('records_watermarks')
          .values({ name, inserted_at: insertedAt, updated_at: now })
          .onConflict((conflict) => conflict.column('name').doUpdateSet({ inserted_at: insertedAt, updated_at: now }))
          .execute(),
      )
    },
  }
}
