/**
 * The retention job's deletes beyond measurements: the audit trail's front (behind an attested
 * anchor, see ./audit-anchor.ts), unconfirmed e-mail sign-ups, finished outbox messages, and the
 * reads that keep what a postmortem refers to. Every delete is one short write transaction of at
 * most `limit` rows.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely'
import { attestAuditPrune, pruneAuditBatch, type AuditPruneAttestation } from './audit-anchor.js'
import type { Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** A sent or dead outbox message, as the sweep judges it (payload as stored JSON text). */
export interface FinishedMessage {
  id: string
  receiver: string
  topic: string
  payload: string
  createdAt: number
}

/** Where a listing of finished messages continues (oldest first by creation, then id). */
export interface MessageCursor {
  createdAt: number
  id: string
}

/** A probe result a postmortem's timeline names as evidence. */
export interface ReferencedResult {
  checkId: string
  resultId: string
}

/** The retention deletes of audit entries, subscriber data and delivery logs. */
export interface RecordRetention {
  /** Appends the attestation of removing the trail's front recorded before `olderThan`; null when nothing is that old. */
  attestAuditPrune(olderThan: number, now: number): Promise<AuditPruneAttestation | null>
  /** Removes up to `limit` of the oldest entries up to `upToSeq` and moves the anchor; resolves to how many went. */
  pruneAudit(upToSeq: number, limit: number, now: number): Promise<number>
  /** Deletes up to `limit` e-mail sign-ups never confirmed, untouched since `olderThan`, whose link has expired by `now`. */
  deleteUnconfirmedSubscribers(olderThan: number, now: number, limit: number): Promise<number>
  /** Up to `limit` sent or dead messages created before `before`, oldest first, after `after`. */
  finishedMessages(before: number, after: MessageCursor | null, limit: number): Promise<FinishedMessage[]>
  /** Deletes the messages of `ids` that are sent or dead (never a pending one); resolves to how many went. */
  deleteMessages(ids: readonly string[]): Promise<number>
  /** Deletes up to `limit` sent or dead messages created before `before` to `subscriber:<id>` receivers whose subscriber is gone. */
  deleteGoneSubscriberMessages(before: number, limit: number): Promise<number>
  /** The probe results every stored postmortem's timeline names as evidence. */
  referencedResults(): Promise<ReferencedResult[]>
}

const FINISHED = ['sent', 'dead']

function resultsOfBody(body: string): ReferencedResult[] {
  const parsed = JSON.parse(body) as { timeline?: { evidence?: { checkId?: unknown; resultId?: unknown } | null }[] }
  return (parsed.timeline ?? []).flatMap((entry) => {
    const { checkId, resultId } = entry.evidence ?? {}
    return typeof checkId === 'string' && typeof resultId === 'string' ? [{ checkId, resultId }] : []
  })
}

/**
 * Builds the record retention over `db`, deleting through `write`.
 *
 * @example
 * const attestation = await store.retention.attestAuditPrune(now - auditMs, now)
 */
export function recordRetention(db: Kysely<Database>, write: WriteTransaction): RecordRetention {
  return {
    attestAuditPrune: (olderThan, now) => write((trx) => attestAuditPrune(trx, olderThan, now)),
    pruneAudit: (upToSeq, limit, now) => write((trx) => pruneAuditBatch(trx, upToSeq, limit, now)),
    deleteUnconfirmedSubscribers: (olderThan, now, limit) =>
      write(async (trx) => {
        const rows = await trx
          .selectFrom('subscriptions')
          .select('id')
          .where('kind', '=', 'email')
          .where('confirmed_at', 'is', null)
          .where('updated_at', '<', olderThan)
          .where((eb) => eb.or([eb('confirm_expires_at', 'is', null), eb('confirm_expires_at', '<=', now)]))
          .orderBy('updated_at')
          .limit(limit)
          .execute()
        if (rows.length === 0) return 0
        const ids = rows.map((row) => row.id)
        // Re-checked in the delete: a confirmation that committed meanwhile keeps its row.
        await trx.deleteFrom('subscriptions').where('id', 'in', ids).where('confirmed_at', 'is', null).execute()
        const confirmed = new Set((await trx.selectFrom('subscriptions').select('id').where('id', 'in', ids).execute()).map((row) => row.id))
        const gone = ids.filter((id) => !confirmed.has(id))
        // Their confirmation mails go with them, as on an unsubscribe.
        if (gone.length > 0) await trx.deleteFrom('outbox').where('receiver', 'in', gone.map((id) => `subscriber:${id}`)).execute()
        return gone.length
      }),
    async finishedMessages(before, after, limit) {
      let query = db
        .selectFrom('outbox')
        .select(['id', 'receiver', 'topic', 'payload', 'created_at'])
        .where('status', 'in', FINISHED)
        .where('created_at', '<', before)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
      if (after !== null) query = query.where(sql<boolean>`(created_at, id) > (${after.createdAt}, ${after.id})`)
      return (await query.execute()).map((row) => ({ id: row.id, receiver: row.receiver, topic: row.topic, payload: row.payload, createdAt: Number(row.created_at) }))
    },
    async deleteMessages(ids) {
      if (ids.length === 0) return 0
      const deleted = await write((trx) => trx.deleteFrom('outbox').where('id', 'in', ids).where('status', 'in', FINISHED).executeTakeFirst())
      return Number(deleted.numDeletedRows)
    },
    deleteGoneSubscriberMessages: (before, limit) =>
      write(async (trx) => {
        const rows = await trx
          .selectFrom('outbox as o')
          .select('o.id')
          .where('o.status', 'in', FINISHED)
          .where('o.created_at', '<', before)
          .where('o.receiver', 'like', 'subscriber:%')
          .where(({ not, exists, selectFrom }) =>
            // substr past 'subscriber:' (11 characters) reaches the subscriber's primary key index.
            not(exists(selectFrom('subscriptions as s').select(sql`1`.as('one')).where(sql<boolean>`s.id = substr(o.receiver, 12)`))),
          )
          .orderBy('o.created_at')
          .limit(limit)
          .execute()
        if (rows.length === 0) return 0
        await trx.deleteFrom('outbox').where('id', 'in', rows.map((row) => row.id)).execute()
        return rows.length
      }),
    async referencedResults() {
      const referenced: ReferencedResult[] = []
      let lastId = ''
      for (;;) {
        const rows = await db.selectFrom('postmortems').select(['id', 'body']).where('id', '>', lastId).orderBy('id').limit(100).execute()
        for (const row of rows) referenced.push(...resultsOfBody(row.body))
        if (rows.length < 100) return referenced
        lastId = rows.at(-1)!.id
      }
    },
  }
}
