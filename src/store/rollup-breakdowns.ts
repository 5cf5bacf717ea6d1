/**
 * A light read of rollups for pages that need only where the time went (up, down, no data,
 * maintenance, excluded), never the latency histogram: each record's time fields are picked
 * from its JSON without restoring or validating the histogram. (Extracting them in SQL with
 * `json_extract` measured slower on SQLite than V8's `JSON.parse`.) A year of day rollups for 200 series is 73,000 records; restoring each
 * histogram made the public page's first read take seconds.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import type { RollupGranularity, RollupScope } from './rollups-repository.js'
import type { Database } from './schema.js'

/** The time fields of one stored rollup record. */
export interface RollupBreakdown {
  bucketStart: number
  bucketEnd: number
  upMs: number
  downMs: number
  noDataMs: number
  maintenanceMs: number
  excludedMs: number
}

/** Reads {@link RollupBreakdown}s. */
export interface RollupBreakdownsRepository {
  /**
   * The breakdowns of `keys` at one granularity whose bucket starts in [from, to), by key (a key
   * without any is missing), each list ascending. One query per 500 keys.
   */
  between(scope: RollupScope, keys: readonly string[], granularity: RollupGranularity, from: number, to: number): Promise<Map<string, RollupBreakdown[]>>
  /**
   * Like {@link RollupBreakdownsRepository.between}, but only rows stored (`updated_at`) at or
   * after `updatedAtLeast` — what a reader holding older breakdowns must read again.
   */
  changedSince(scope: RollupScope, keys: readonly string[], granularity: RollupGranularity, from: number, to: number, updatedAtLeast: number): Promise<Map<string, RollupBreakdown[]>>
}

/** Keys per query: far below every database's parameter limit. */
const KEYS_PER_QUERY = 500

const TIME_FIELDS = ['upMs', 'downMs', 'noDataMs', 'maintenanceMs', 'excludedMs'] as const

function breakdownOf(row: { bucket_start: number; bucket_end: number; record: string }): RollupBreakdown {
  const stored = JSON.parse(row.record) as Record<string, unknown>
  const breakdown: RollupBreakdown = { bucketStart: Number(row.bucket_start), bucketEnd: Number(row.bucket_end), upMs: 0, downMs: 0, noDataMs: 0, maintenanceMs: 0, excludedMs: 0 }
  for (const field of TIME_FIELDS) {
    const value = stored[field]
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`rollup at ${breakdown.bucketStart}: ${field} is not a duration`)
    breakdown[field] = value
  }
  return breakdown
}

/**
 * Builds the repository over `db`.
 *
 * @example
 * const days = await rollupBreakdownsRepository(db).between('series', ['compute@R1'], 'day', yearStart, todayEnd)
 * days.get('compute@R1')?.length // 365
 */
export function rollupBreakdownsRepository(db: Kysely<Database>): RollupBreakdownsRepository {
  const read = async (scope: RollupScope, keys: readonly string[], granularity: RollupGranularity, from: number, to: number, updatedAtLeast: number | null): Promise<Map<string, RollupBreakdown[]>> => {
    const byKey = new Map<string, RollupBreakdown[]>()
    for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
      let query = db
        .selectFrom('rollups')
        .select(['key', 'bucket_start', 'bucket_end', 'record'])
        .where('scope', '=', scope)
        .where('key', 'in', keys.slice(start, start + KEYS_PER_QUERY))
        .where('granularity', '=', granularity)
        .where('bucket_start', '>=', from)
        .where('bucket_start', '<', to)
      if (updatedAtLeast !== null) query = query.where('updated_at', '>=', updatedAtLeast)
      const rows = await query.orderBy('key').orderBy('bucket_start').execute()
      for (const row of rows) {
        let list = byKey.get(row.key)
        if (list === undefined) byKey.set(row.key, (list = []))
        list.push(breakdownOf(row))
      }
    }
    return byKey
  }
  return {
    between: (scope, keys, granularity, from, to) => read(scope, keys, granularity, from, to, null),
    changedSince: (scope, keys, granularity, from, to, updatedAtLeast) => read(scope, keys, granularity, from, to, updatedAtLeast),
  }
}
