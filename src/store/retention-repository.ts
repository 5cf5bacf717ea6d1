/**
 * Deleting old data in small batches (the retention job's store member). Every delete runs in
 * one short write transaction of at most `limit` rows, selects what to delete inside it (so a pin
 * written meanwhile is seen), and never touches what `evidence_pins` covers.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely'
import type { SeriesKey } from '../core/series.js'
import { recordRetention, type RecordRetention } from './retention-records.js'
import type { RollupGranularity, RollupScope } from './rollups-repository.js'
import type { Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** Deletes old rows, a bounded batch per call; each call returns how many rows it deleted. */
export interface RetentionRepository extends RecordRetention {
  /**
   * Deletes up to `limit` of the oldest results of `checkId` that started before `before` and
   * were stored at or before `storedBy` (the records job has rolled them up), with their calls,
   * except results an evidence pin of that check covers and the results of `keep` (ids a postmortem names).
   */
  deleteResults(checkId: string, before: number, storedBy: number, limit: number, keep?: readonly string[]): Promise<number>
  /** The earliest start among results stored after `storedAfter` (those the records job may not have rolled up yet); null when none. */
  earliestStoredAfter(storedAfter: number): Promise<number | null>
  /** Every (component, location) with stored evaluations. */
  evaluationSeries(): Promise<SeriesKey[]>
  /** Deletes up to `limit` evaluations of a series older than `before`, except those its series pin ('' row) covers. */
  deleteEvaluations(series: SeriesKey, before: number, limit: number): Promise<number>
  /** Deletes up to `limit` records of one key and granularity whose bucket started before `before`. */
  deleteRollups(scope: RollupScope, key: string, granularity: RollupGranularity, before: number, limit: number): Promise<number>
}

/**
 * Builds the retention repository over `db`, deleting through `write`.
 *
 * @example
 * while ((await store.retention.deleteResults(checkId, cutoff, watermark, 500)) > 0) await yieldToLoop()
 */
export function retentionRepository(db: Kysely<Database>, write: WriteTransaction): RetentionRepository {
  return {
    ...recordRetention(db, write),
    deleteResults: (checkId, before, storedBy, limit, keep = []) =>
      write(async (trx) => {
        let query = trx
          .selectFrom('results as r')
          .select('r.id')
          .where('r.check_id', '=', checkId)
          .where('r.started_at', '<', before)
          .where('r.inserted_at', '<=', storedBy)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('evidence_pins as p')
                  .select(sql`1`.as('one'))
                  .whereRef('p.check_id', '=', 'r.check_id')
                  .whereRef('p.from_at', '<=', 'r.started_at')
                  .where((eb) => eb.or([eb('p.to_at', 'is', null), eb('p.to_at', '>=', eb.ref('r.started_at'))])),
              ),
            ),
          )
          .orderBy('r.started_at')
          .limit(limit)
        if (keep.length > 0) query = query.where('r.id', 'not in', keep)
        const ids = (await query.execute()).map((row) => row.id)
        if (ids.length === 0) return 0
        await trx.deleteFrom('result_calls').where('result_id', 'in', ids).execute()
        await trx.deleteFrom('results').where('id', 'in', ids).execute()
        return ids.length
      }),
    async earliestStoredAfter(storedAfter) {
      const row = await db
        .selectFrom('results')
        .select((eb) => eb.fn.min('started_at').as('first'))
        .where('inserted_at', '>', storedAfter)
        .executeTakeFirst()
      return row?.first === undefined || row.first === null ? null : Number(row.first)
    },
    async evaluationSeries() {
      const series: SeriesKey[] = []
      let last: SeriesKey | undefined
      // A skip scan over the (component, location, at) index: one seek per series.
      for (;;) {
        let query = db.selectFrom('evaluations').select(['component', 'location']).orderBy('component').orderBy('location').limit(1)
        if (last !== undefined) query = query.where(sql<boolean>`(component, location) > (${last.component}, ${last.location})`)
        const row = await query.executeTakeFirst()
        if (row === undefined) return series
        series.push(row)
        last = row
      }
    },
    deleteEvaluations: (series, before, limit) =>
      write(async (trx) => {
        const rows = await trx
          .selectFrom('evaluations as e')
          .select('e.id')
          .where('e.component', '=', series.component)
          .where('e.location', '=', series.location)
          .where('e.at', '<', before)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('evidence_pins as p')
                  .select(sql`1`.as('one'))
                  .where('p.check_id', '=', '')
                  .whereRef('p.component', '=', 'e.component')
                  .whereRef('p.location', '=', 'e.location')
                  .whereRef('p.from_at', '<=', 'e.at')
                  .where((eb) => eb.or([eb('p.to_at', 'is', null), eb('p.to_at', '>=', eb.ref('e.at'))])),
              ),
            ),
          )
          .orderBy('e.at')
          .limit(limit)
          .execute()
        const ids = rows.map((row) => row.id)
        if (ids.length > 0) await trx.deleteFrom('evaluations').where('id', 'in', ids).execute()
        return ids.length
      }),
    deleteRollups: (scope, key, granularity, before, limit) =>
      write(async (trx) => {
        const rows = await trx
          .selectFrom('rollups')
          .select('bucket_start')
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('granularity', '=', granularity)
          .where('bucket_start', '<', before)
          .orderBy('bucket_start')
          .limit(limit)
          .execute()
        const last = rows[rows.length - 1]
        if (last === undefined) return 0
        await trx
          .deleteFrom('rollups')
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('granularity', '=', granularity)
          .where('bucket_start', '<=', Number(last.bucket_start))
          .execute()
        return rows.length
      }),
  }
}
