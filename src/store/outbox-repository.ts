/**
 * The outbox: every outgoing message (alerts, later subscriber notices) as a durable row, sent by
 * a worker and marked sent only after its receiver acknowledged it. Delivery is at least once; the
 * row id is the message's stable id, so receivers can drop a redelivery.
 *
 * @module
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import { newId } from '../core/ids.js'
import type { Database, OutboxTable } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** Where a message is: waiting (or being sent), acknowledged, or given up on. */
export type OutboxStatus = 'pending' | 'sent' | 'dead'

/** A message to queue. */
export interface NewOutboxMessage {
  /** The stable id; a new UUIDv7 when absent. */
  id?: string
  /** The configured receiver's name. */
  receiver: string
  /** What kind of message it is (`alert`, `alert-test`, …), for listings and renderers. */
  topic: string
  /** JSON-safe content; the receiver renders it at send time. Never a secret. */
  payload: unknown
}

/** A stored message. */
export interface OutboxMessage {
  id: string
  receiver: string
  topic: string
  payload: unknown
  status: OutboxStatus
  /** Sends started so far (a claim counts as one). */
  attempts: number
  nextAttemptAt: number
  createdAt: number
  sentAt: number | null
  lastError: string | null
}

/** The numbers self-monitoring exposes. */
export interface OutboxStats {
  pending: number
  /** `created_at` of the oldest pending message; null when none is pending. */
  oldestPendingAt: number | null
  dead: number
}

/** Reads and writes the outbox. */
export interface OutboxRepository {
  /** Queues messages (committed when it resolves) and returns their ids. An id already queued is kept as it was. */
  enqueue(messages: readonly NewOutboxMessage[], now: number): Promise<string[]>
  /**
   * Takes up to `limit` due pending messages, counts an attempt on each and makes them due again
   * only after `leaseMs` (a send that crashes is retried then). Two workers never claim one row.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]>
  /** The receiver acknowledged: never sent again. */
  markSent(id: string, now: number): Promise<void>
  /** The send failed; try again at `at`. `error` must already be redacted. */
  retryAt(id: string, at: number, error: string): Promise<void>
  /** The retries ran out: kept as a dead letter. `error` must already be redacted. */
  markDead(id: string, error: string): Promise<void>
  /** Backlog, its age and dead letters. */
  stats(): Promise<OutboxStats>
  /** Messages, newest first, optionally of one status. */
  list(options: { status?: OutboxStatus; limit: number }): Promise<OutboxMessage[]>
  get(id: string): Promise<OutboxMessage | null>
}

/**
 * Inserts messages inside a running transaction (the alert state and its messages commit together).
 *
 * @example
 * await write((trx) => insertOutbox(trx, [{ receiver: 'oncall', topic: 'alert', payload }], now))
 */
export async function insertOutbox(trx: Kysely<Database>, messages: readonly NewOutboxMessage[], now: number): Promise<string[]> {
  if (messages.length === 0) return []
  const rows = messages.map((message) => ({
    id: message.id ?? newId(),
    receiver: message.receiver,
    topic: message.topic,
    payload: JSON.stringify(message.payload),
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
    sent_at: null,
    last_error: null,
  }))
  await trx.insertInto('outbox').values(rows).onConflict((conflict) => conflict.column('id').doNothing()).execute()
  return rows.map((row) => row.id)
}

/**
 * Builds the outbox repository over `db`, writing through `write`.
 *
 * @example
 * const [id] = await store.outbox.enqueue([{ receiver: 'oncall', topic: 'alert', payload }], Date.now())
 * const due = await store.outbox.claimDue(Date.now(), 10, 30_000)
 */
export function outboxRepository(db: Kysely<Database>, write: WriteTransaction): OutboxRepository {
  return {
    enqueue: (messages, now) => write((trx) => insertOutbox(trx, messages, now)),
    async claimDue(now, limit, leaseMs) {
      const rows = await write(async (trx) => {
        const due = await trx
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(limit)
          .execute()
        if (due.length === 0) return []
        return trx
          .updateTable('outbox')
          .set({ attempts: sql<number>`attempts + 1`, next_attempt_at: now + leaseMs })
          .where('id', 'in', due.map((row) => row.id))
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .returningAll()
          .execute()
      })
      return rows.map(toMessage).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    },
    async markSent(id, now) {
      await write((trx) => trx.updateTable('outbox').set({ status: 'sent', sent_at: now, last_error: null }).where('id', '=', id).execute())
    },
    async retryAt(id, at, error) {
      await write((trx) => trx.updateTable('outbox').set({ next_attempt_at: at, last_error: error }).where('id', '=', id).where('status', '=', 'pending').execute())
    },
    async markDead(id, error) {
      await write((trx) => trx.updateTable('outbox').set({ status: 'dead', last_error: error }).where('id', '=', id).where('status', '=', 'pending').execute())
    },
    async stats() {
      const rows = await db
        .selectFrom('outbox')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('count'), (eb) => eb.fn.min<number | string | null>('created_at').as('oldest')])
        .where('status', 'in', ['pending', 'dead'])
        .groupBy('status')
        .execute()
      const pending = rows.find((row) => row.status === 'pending')
      const dead = rows.find((row) => row.status === 'dead')
      return {
        pending: Number(pending?.count ?? 0),
        oldestPendingAt: pending?.oldest == null ? null : Number(pending.oldest),
        dead: Number(dead?.count ?? 0),
      }
    },
    async list(options) {
      let query = db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit)
      if (options.status !== undefined) query = query.where('status', '=', options.status)
      return (await query.execute()).map(toMessage)
    },
    async get(id) {
      const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()
      return row === undefined ? null : toMessage(row)
    },
  }
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    receiver: row.receiver,
    topic: row.topic,
    payload: JSON.parse(row.payload) as unknown,
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    createdAt: Number(row.created_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
    lastError: row.last_error,
  }
}
