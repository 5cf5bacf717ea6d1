/**
 * The PostgreSQL fast path for result batches: one transaction, multi-row INSERTs of at most
 * {@link ROWS_PER_STATEMENT} rows (well under the 65,535 bind-parameter limit).
 *
 * @module
 */
import type { Pool, PoolClient } from 'pg'
import { newId } from '../core/ids.js'
import { toCallRow, toResultRow } from './result-rows.js'
import type { ResultInput } from './store.js'

/** Rows per INSERT statement. */
export const ROWS_PER_STATEMENT = 1_000

const RESULT_COLUMNS = [
  'id', 'check_id', 'started_at', 'duration_us', 'ok', 'failure_code', 'failure_message',
  'failure_condition', 'steps', 'conditions', 'vantage', 'inserted_at',
] as const
const CALL_COLUMNS = [
  'result_id', 'seq', 'operation', 'status', 'duration_us', 'attempt', 'request_id',
  'dns_us', 'connect_us', 'tls_us', 'ttfb_us', 'transfer_us',
] as const

const placeholderCache = new Map<string, string>()

function placeholders(rows: number, columns: number): string {
  const key = `${rows}x${columns}`
  let text = placeholderCache.get(key)
  if (text === undefined) {
    const tuples: string[] = []
    for (let row = 0; row < rows; row++) {
      const base = row * columns
      tuples.push(`(${Array.from({ length: columns }, (_, column) => `$${base + column + 1}`).join(',')})`)
    }
    text = tuples.join(',')
    placeholderCache.set(key, text)
  }
  return text
}

/**
 * Inserts `values` (flattened, `columns.length` per row) into `table` with multi-row INSERTs.
 *
 * @example
 * await insertRows(client, 'results', RESULT_COLUMNS, values)
 */
export async function insertRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  values: readonly unknown[],
): Promise<void> {
  const perStatement = ROWS_PER_STATEMENT * columns.length
  for (let start = 0; start < values.length; start += perStatement) {
    const slice = values.slice(start, start + perStatement)
    const text = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${placeholders(slice.length / columns.length, columns.length)}`
    await client.query(text, slice)
  }
}

/** Writes result batches atomically through a pg pool. */
export class PostgresResultsWriter {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  /** Inserts all rows or none. */
  async insertBatch(rows: readonly ResultInput[]): Promise<void> {
    if (rows.length === 0) return
    const resultValues: unknown[] = []
    const callValues: unknown[] = []
    const insertedAt = Date.now()
    for (const { checkId, result, vantage } of rows) {
      const id = newId()
      const row = toResultRow(id, checkId, result, { vantage, insertedAt })
      for (const column of RESULT_COLUMNS) resultValues.push(row[column])
      result.calls.forEach((call, seq) => {
        const callRow = toCallRow(id, seq, call)
        for (const column of CALL_COLUMNS) callValues.push(callRow[column])
      })
    }
    const client = await this.#pool.connect()
    try {
      await client.query('BEGIN')
      await insertRows(client, 'results', RESULT_COLUMNS, resultValues)
      await insertRows(client, 'result_calls', CALL_COLUMNS, callValues)
      await client.query('COMMIT')
      client.release()
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      client.release(true)
      throw error
    }
  }
}
