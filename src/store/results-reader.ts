/**
 * Reading results back (both dialects, through Kysely): newest per check, paging, counting.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Database, ResultCallsTable, ResultsTable } from './schema.js'
import type { ResultOutcome } from '../core/state.js'
import { fromRows, type StoredResult } from './result-rows.js'

/** Rows fetched and parsed between two yields: Zod parses ~40 results per ms on a slow core. */
const ROWS_PER_SLICE = 200
/** Rows one latest-results query may return, so a single synchronous SQLite query stays short. */
const ROWS_PER_QUERY = 1_000

/** The read side of the results repository. */
export interface ResultsReader {
  latestByCheck(perCheck: number): Promise<Map<string, StoredResult[]>>
  latestOutcomes(perCheck: number): Promise<Map<string, ResultOutcome[]>>
  outcomesBetween(checkIds: readonly string[], from: number, to: number): Promise<OutcomeRow[]>
  list(checkId: string, options: { before?: number; limit: number }): Promise<StoredResult[]>
  count(): Promise<number>
}

/**
 * Attaches the calls to `rows` and parses them, a slice at a time with a yield after each, so
 * reading thousands of results never holds the event loop for long (SQLite reads are synchronous).
 */
async function withCalls(db: Kysely<Database>, rows: readonly Selectable<ResultsTable>[]): Promise<StoredResult[]> {
  const parsed: StoredResult[] = []
  for (let start = 0; start < rows.length; start += ROWS_PER_SLICE) {
    if (start > 0) await yieldToLoop()
    const slice = rows.slice(start, start + ROWS_PER_SLICE)
    const ids = slice.map((row) => row.id)
    const calls = new Map<string, ResultCallsTable[]>()
    for (const call of await db.selectFrom('result_calls').selectAll().where('result_id', 'in', ids).execute()) {
      const list = calls.get(call.result_id)
      if (list) list.push(call)
      else calls.set(call.result_id, [call])
    }
    for (const row of slice) parsed.push(fromRows(row, calls.get(row.id) ?? []))
  }
  return parsed
}

function newestFirst(a: StoredResult, b: StoredResult): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
}

async function latestRows(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  checkIds: readonly string[],
  perCheck: number,
): Promise<Selectable<ResultsTable>[]> {
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
      .where('c.id', 'in', checkIds)
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
    .where('c.id', 'in', checkIds)
    .execute()
}

/**
 * Builds the reader over `db`.
 *
 * @example
 * const latest = await resultsReader(db, 'sqlite').latestByCheck(10)
 */
/** A result reduced to what availability needs, with the ids that make it evidence. */
export interface OutcomeRow extends ResultOutcome {
  id: string
  checkId: string
  failureCode: string | null
  /** Where it was measured from; `local` for the server itself. */
  vantage: string
}

/** Check ids per `IN (…)` list, so a query stays within every database's parameter limit. */
const CHECKS_PER_QUERY = 500

function outcomeOf(row: Selectable<ResultsTable>): ResultOutcome {
  return { ok: Number(row.ok) === 1, startedAt: Number(row.started_at), durationMs: Number(row.duration_us) / 1000 }
}

/**
 * The newest `perCheck` rows of every active check, newest first, each turned into `T` by
 * `convert` — a query per bounded group of checks, with a yield between groups.
 */
async function latestPerCheck<T extends { startedAt: number }>(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  perCheck: number,
  convert: (rows: Selectable<ResultsTable>[]) => Promise<{ checkId: string; value: T }[]>,
): Promise<Map<string, T[]>> {
  const latest = new Map<string, T[]>()
  const active = await db.selectFrom('checks').select('id').where('archived_at', 'is', null).execute()
  for (const { id } of active) latest.set(id, [])
  if (perCheck <= 0) return latest
  const ids = [...latest.keys()]
  const checksPerQuery = Math.max(1, Math.floor(ROWS_PER_QUERY / perCheck))
  for (let start = 0; start < ids.length; start += checksPerQuery) {
    if (start > 0) await yieldToLoop()
    const rows = await latestRows(db, dialect, ids.slice(start, start + checksPerQuery), perCheck)
    for (const { checkId, value } of await convert(rows)) latest.get(checkId)?.push(value)
  }
  for (const list of latest.values()) list.sort((a, b) => b.startedAt - a.startedAt)
  return latest
}

export function resultsReader(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): ResultsReader {
  return {
    async latestByCheck(perCheck) {
      const latest = await latestPerCheck(db, dialect, perCheck, async (rows) =>
        (await withCalls(db, rows)).map((result) => ({ checkId: result.checkId, value: result })),
      )
      for (const list of latest.values()) list.sort(newestFirst)
      return latest
    },
    async outcomesBetween(checkIds, from, to) {
      const rows: OutcomeRow[] = []
      for (let start = 0; start < checkIds.length; start += CHECKS_PER_QUERY) {
        if (start > 0) await yieldToLoop()
        const found = await db
          .selectFrom('results')
          .select(['id', 'check_id', 'ok', 'started_at', 'duration_us', 'failure_code', 'vantage'])
          .where('check_id', 'in', checkIds.slice(start, start + CHECKS_PER_QUERY))
          .where('started_at', '>=', from)
          .where('started_at', '<', to)
          .orderBy('started_at')
          .orderBy('id')
          .execute()
        for (const row of found) {
          rows.push({
            id: row.id,
            checkId: row.check_id,
            ok: Number(row.ok) === 1,
            startedAt: Number(row.started_at),
            durationMs: Number(row.duration_us) / 1000,
            failureCode: row.failure_code,
            vantage: row.vantage,
          })
        }
      }
      return rows.sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },
    latestOutcomes: (perCheck) =>
      latestPerCheck(db, dialect, perCheck, async (rows) => rows.map((row) => ({ checkId: row.check_id, value: outcomeOf(row) }))),
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
