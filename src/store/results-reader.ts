/**
 * Reading results back (both dialects, through Kysely): newest per check, paging, counting.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import type { Database, ResultCallsTable, ResultsTable } from './schema.js'
import { fromRows, type StoredResult } from './result-rows.js'

const IDS_PER_QUERY = 500

/** The read side of the results repository. */
export interface ResultsReader {
  latestByCheck(perCheck: number): Promise<Map<string, StoredResult[]>>
  list(checkId: string, options: { before?: number; limit: number }): Promise<StoredResult[]>
  count(): Promise<number>
}

async function withCalls(db: Kysely<Database>, rows: readonly Selectable<ResultsTable>[]): Promise<StoredResult[]> {
  const calls = new Map<string, ResultCallsTable[]>()
  for (let start = 0; start < rows.length; start += IDS_PER_QUERY) {
    const ids = rows.slice(start, start + IDS_PER_QUERY).map((row) => row.id)
    const found = await db.selectFrom('result_calls').selectAll().where('result_id', 'in', ids).execute()
    for (const call of found) {
      const list = calls.get(call.result_id)
      if (list) list.push(call)
      else calls.set(call.result_id, [call])
    }
  }
  return rows.map((row) => fromRows(row, calls.get(row.id) ?? []))
}

function newestFirst(a: StoredResult, b: StoredResult): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
}

async function latestRows(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', perCheck: number): Promise<Selectable<ResultsTable>[]> {
  if (dialect === 'postgres') {
    return db
      .selectFrom('checks as c')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('results')
            .selectAll()
            .whereRef('results.check_id', '=', 'c.id')
            .orderBy('started_at', 'desc')
            .orderBy('id', 'desc')
            .limit(perCheck)
            .as('r'),
        (join) => join.onTrue(),
      )
      .selectAll('r')
      .where('c.archived_at', 'is', null)
      .execute()
  }
  return db
    .selectFrom('checks as c')
    .innerJoin('results as r', (join) =>
      join.on('r.id', 'in', (eb) =>
        eb
          .selectFrom('results as r2')
          .select('r2.id')
          .whereRef('r2.check_id', '=', 'c.id')
          .orderBy('r2.started_at', 'desc')
          .orderBy('r2.id', 'desc')
          .limit(perCheck),
      ),
    )
    .selectAll('r')
    .where('c.archived_at', 'is', null)
    .execute()
}

/**
 * Builds the reader over `db`.
 *
 * @example
 * const latest = await resultsReader(db, 'sqlite').latestByCheck(10)
 */
export function resultsReader(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): ResultsReader {
  return {
    async latestByCheck(perCheck) {
      const latest = new Map<string, StoredResult[]>()
      const active = await db.selectFrom('checks').select('id').where('archived_at', 'is', null).execute()
      for (const { id } of active) latest.set(id, [])
      if (perCheck <= 0) return latest
      for (const result of await withCalls(db, await latestRows(db, dialect, perCheck))) latest.get(result.checkId)?.push(result)
      for (const list of latest.values()) list.sort(newestFirst)
      return latest
    },
    async list(checkId, options) {
      let query = db
        .selectFrom('results')
        .selectAll()
        .where('check_id', '=', checkId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
      if (options.before !== undefined) query = query.where('started_at', '<', options.before)
      return withCalls(db, await query.execute())
    },
    async count() {
      const row = await db
        .selectFrom('results')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow()
      return Number(row.count)
    },
  }
}
