/**
 * Paged reads of the records the public API lists: stored evaluations of a series (newest
 * first) and rollup records (oldest first). Each page continues strictly after a position, so a
 * walk over the pages returns every row once even when rows share an instant.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import type { SeriesKey } from '../core/series.js'
import type { Evaluation } from '../health/index.js'
import { rollupFromJson, type RollupRecord, type RollupRecordJson } from '../records/index.js'
import type { RollupGranularity, RollupScope } from './rollups-repository.js'
import type { Database } from './schema.js'

/** A stored evaluation with its row id (the tie-breaker of its position). */
export interface StoredEvaluation {
  id: string
  evaluation: Evaluation
}

/** Where a page of evaluations continues: strictly older than (at, id). */
export interface EvaluationPosition {
  at: number
  id: string
}

/** A page query of evaluations of one series with `at` in [from, to). */
export interface EvaluationPageQuery {
  from: number
  to: number
  after: EvaluationPosition | null
  limit: number
}

/** A page query of rollups whose bucket starts in [from, to), after bucket start `after`. */
export interface RollupPageQuery {
  from: number
  to: number
  after: number | null
  limit: number
}

/** The paged reads. */
export interface RecordReadsRepository {
  /** Stored evaluations of `series`, newest first (by `at`, then id), at most `limit`. */
  evaluations(series: SeriesKey, query: EvaluationPageQuery): Promise<StoredEvaluation[]>
  /** Rollup records of one key and granularity, oldest bucket first, at most `limit`. */
  rollups(scope: RollupScope, key: string, granularity: RollupGranularity, query: RollupPageQuery): Promise<RollupRecord[]>
}

/**
 * Builds the paged reads over `db` (both dialects: plain comparisons on indexed columns).
 *
 * @example
 * const reads = recordReadsRepository(db)
 * const page = await reads.evaluations({ component: 'compute', location: 'R1' }, { from, to, after: null, limit: 50 })
 */
export function recordReadsRepository(db: Kysely<Database>): RecordReadsRepository {
  return {
    async evaluations(series, query) {
      const { after } = query
      const rows = await db
        .selectFrom('evaluations')
        .select(['id', 'evidence'])
        .where('component', '=', series.component)
        .where('location', '=', series.location)
        .where('at', '>=', query.from)
        .where('at', '<', query.to)
        .$if(after !== null, (q) =>
          q.where((eb) => eb.or([eb('at', '<', after!.at), eb.and([eb('at', '=', after!.at), eb('id', '<', after!.id)])])),
        )
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute()
      return rows.map((row) => ({ id: row.id, evaluation: JSON.parse(row.evidence) as Evaluation }))
    },
    async rollups(scope, key, granularity, query) {
      const { after } = query
      const rows = await db
        .selectFrom('rollups')
        .select('record')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('granularity', '=', granularity)
        .where('bucket_start', '>=', query.from)
        .where('bucket_start', '<', query.to)
        .$if(after !== null, (q) => q.where('bucket_start', '>', after!))
        .orderBy('bucket_start')
        .limit(query.limit)
        .execute()
      return rows.map((row) => rollupFromJson(JSON.parse(row.record) as RollupRecordJson))
    },
  }
}
