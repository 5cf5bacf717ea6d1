/**
 * The SQLite fast path for result batches: prepared statements on a dedicated connection, one
 * `BEGIN IMMEDIATE … COMMIT` per batch, written in time-boxed slices that yield to the event
 * loop between them (ADR 0002). A dedicated connection keeps the half-written batch invisible
 * to readers on the main connection; the store's write mutex keeps batches from interleaving.
 *
 * @module
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { newId } from '../core/ids.js'
import { toCallRow, toResultRow } from './result-rows.js'
import { beginImmediate, rollbackQuietly } from './sqlite-connection.js'
import type { ResultInput } from './store.js'

/** Longest stretch of synchronous SQLite work before yielding, in milliseconds. */
export const SLICE_MS = 6

/** Writes result batches atomically on one SQLite connection. */
export class SqliteResultsWriter {
  readonly #db: SqliteDatabase
  #statements: { result: Statement; call: Statement } | undefined

  constructor(db: SqliteDatabase) {
    this.#db = db
  }

  /** Prepared on first use: the tables exist only once the store has migrated. */
  #prepare(): { result: Statement; call: Statement } {
    const db = this.#db
    this.#statements ??= {
      result: db.prepare(
      `INSERT INTO results (id, check_id, started_at, duration_us, ok, failure_code, failure_message,
         failure_condition, steps, conditions, vantage, inserted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      call: db.prepare(
      `INSERT INTO result_calls (result_id, seq, operation, status, duration_us, attempt, request_id,
         dns_us, connect_us, tls_us, ttfb_us, transfer_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    }
    return this.#statements
  }

  /** Inserts all rows or none. The caller serialises calls (the store's write mutex). */
  async insertBatch(rows: readonly ResultInput[]): Promise<void> {
    if (rows.length === 0) return
    const statements = this.#prepare()
    await beginImmediate(this.#db)
    try {
      let next = 0
      while (next < rows.length) {
        next = this.#writeSlice(statements, rows, next)
        if (next < rows.length) await yieldToLoop()
      }
      this.#db.exec('COMMIT')
    } catch (error) {
      rollbackQuietly(this.#db)
      throw error
    }
  }

  #writeSlice(statements: { result: Statement; call: Statement }, rows: readonly ResultInput[], from: number): number {
    const until = performance.now() + SLICE_MS
    const insertedAt = Date.now()
    let index = from
    do {
      this.#writeOne(statements, rows[index]!, insertedAt)
      index++
    } while (index < rows.length && (index % 16 !== 0 || performance.now() < until))
    return index
  }

  #writeOne(statements: { result: Statement; call: Statement }, { checkId, result, vantage }: ResultInput, insertedAt: number): void {
    const id = newId()
    const row = toResultRow(id, checkId, result, { vantage, insertedAt })
    statements.result.run(
      row.id,
      row.check_id,
      row.started_at,
      row.duration_us,
      row.ok,
      row.failure_code,
      row.failure_message,
      row.failure_condition,
      row.steps,
      row.conditions,
      row.vantage,
      row.inserted_at,
    )
    for (let seq = 0; seq < result.calls.length; seq++) {
      const call = toCallRow(id, seq, result.calls[seq]!)
      statements.call.run(
        call.result_id,
        call.seq,
        call.operation,
        call.status,
        call.duration_us,
        call.attempt,
        call.request_id,
        call.dns_us,
        call.connect_us,
        call.tls_us,
        call.ttfb_us,
        call.transfer_us,
      )
    }
  }
}
