/**
 * Opening SQLite connections with the pragmas Glasshouse relies on, and taking the write lock
 * without blocking the event loop.
 *
 * @module
 */
import Database from 'better-sqlite3'
import type { Database as SqliteDatabase } from 'better-sqlite3'
import { setTimeout as sleep } from 'node:timers/promises'

/** How long a connection waits for another process's lock before giving up. */
export const BUSY_TIMEOUT_MS = 5_000

/**
 * Opens one connection: WAL, `synchronous=NORMAL` (durable against process crashes; an OS
 * crash may lose the last commits), foreign keys on, and no automatic checkpoints — those run
 * in a worker thread (see `sqlite-checkpointer.ts`) because a checkpoint inside COMMIT blocks.
 */
export function openSqlite(file: string, options: { busyTimeoutMs: number }): SqliteDatabase {
  const db = new Database(file)
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs}`)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('wal_autocheckpoint = 0')
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/**
 * Runs `BEGIN IMMEDIATE` on `db`, polling (and yielding) while another process holds the write
 * lock, so the event loop never sleeps inside SQLite's busy handler. Throws after `timeoutMs`.
 */
export async function beginImmediate(db: SqliteDatabase, timeoutMs = BUSY_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeoutMs
  const previous = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        db.exec('BEGIN IMMEDIATE')
        return
      } catch (error) {
        if (!isBusy(error) || performance.now() > deadline) throw error
      }
      await sleep(pause)
    }
  } finally {
    db.pragma(`busy_timeout = ${previous}`)
  }
}

/** Rolls back the open transaction of `db`, if any. */
export function rollbackQuietly(db: SqliteDatabase): void {
  if (db.inTransaction) db.exec('ROLLBACK')
}
