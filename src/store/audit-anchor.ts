/**
 * Pruning the audit trail without losing its proof. Retention removes the oldest entries, a
 * prefix of the chain, never a gap; before it removes any, it appends one entry
 * `retention.audit-pruned` that names the last position it will remove and that entry's hash (the
 * attestation). Each batch then deletes from the front and moves the anchor — the position and
 * hash of the newest removed entry, kept on `audit_chain_head` — in the same transaction. The
 * oldest kept entry links to the anchor, and the attestation (itself a chained entry) says how far
 * the removal was meant to go; so `glasshouse audit verify` still proves the kept chain and tells
 * a pruned front from a deleted one.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import { newId } from '../core/ids.js'
import { appendChained, GENESIS_HASH, readHead } from './audit-chain.js'
import type { Database } from './schema.js'

/** The action of the attestation entry a prune appends first. */
export const AUDIT_PRUNED_ACTION = 'retention.audit-pruned'

/** Where a pruned trail starts: the newest removed entry (seq 0 and the genesis hash when none was). */
export interface ChainAnchor {
  seq: number
  hash: string
  /** When retention last moved the anchor; null when it never did. */
  at: number | null
}

/** What an attestation entry records (its `after`). */
export interface AuditPruneAttestation {
  /** The last position this prune removes. */
  upToSeq: number
  /** That entry's hash: the anchor once the prune is done. */
  upToHash: string
  /** How many entries it removes (`upToSeq` minus the anchor before it). */
  count: number
  /** It removes entries recorded before this instant (epoch ms). */
  olderThan: number
}

/**
 * The anchor as stored.
 *
 * @example
 * const { seq } = await readAnchor(db) // 0 until retention removed something
 */
export async function readAnchor(db: Kysely<Database>): Promise<ChainAnchor> {
  const row = await db.selectFrom('audit_chain_head').select(['anchor_seq', 'anchor_hash', 'anchor_at']).where('id', '=', 1).executeTakeFirst()
  if (row === undefined) return { seq: 0, hash: GENESIS_HASH, at: null }
  return { seq: Number(row.anchor_seq), hash: row.anchor_hash, at: row.anchor_at === null ? null : Number(row.anchor_at) }
}

/**
 * The attestation of an entry's `after` JSON text, or null when it is not one.
 *
 * @example
 * parseAttestation(row.after) // { upToSeq: 120, upToHash: '…', count: 120, olderThan: … }
 */
export function parseAttestation(after: string | null): AuditPruneAttestation | null {
  if (after === null) return null
  try {
    const value = JSON.parse(after) as Partial<AuditPruneAttestation>
    const ok = Number.isSafeInteger(value.upToSeq) && typeof value.upToHash === 'string' && Number.isSafeInteger(value.count) && typeof value.olderThan === 'number'
    return ok ? (value as AuditPruneAttestation) : null
  } catch {
    return null
  }
}

/** Locks the head row (appenders and pruners queue behind it on PostgreSQL). */
async function lockHead(trx: Kysely<Database>): Promise<void> {
  await trx.updateTable('audit_chain_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).execute()
}

/**
 * Inside a write transaction: finds the prefix of the chain after the anchor recorded before
 * `olderThan` and, when there is one, appends its attestation (actor `retention`, door
 * `system`). Null when nothing is old enough.
 *
 * @example
 * const attestation = await write((trx) => attestAuditPrune(trx, now - auditMs, now))
 */
export async function attestAuditPrune(trx: Kysely<Database>, olderThan: number, now: number): Promise<AuditPruneAttestation | null> {
  await lockHead(trx)
  const anchor = await readAnchor(trx)
  const firstKept = await trx
    .selectFrom('audit_events')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('seq', '>', anchor.seq)
    .where('at', '>=', olderThan)
    .executeTakeFirst()
  const upToSeq = firstKept?.seq === undefined || firstKept.seq === null ? (await readHead(trx)).seq : Number(firstKept.seq) - 1
  if (upToSeq <= anchor.seq) return null
  const last = await trx.selectFrom('audit_events').select('hash').where('seq', '=', upToSeq).executeTakeFirstOrThrow()
  const attestation: AuditPruneAttestation = { upToSeq, upToHash: last.hash, count: upToSeq - anchor.seq, olderThan }
  await appendChained(trx, {
    id: newId(), at: now, actor: 'retention', action: AUDIT_PRUNED_ACTION, object_type: 'audit-trail', object_id: 'audit-trail',
    before: null, after: JSON.stringify(attestation), door: 'system',
  })
  return attestation
}

/**
 * Inside a write transaction: removes up to `limit` of the oldest entries up to `upToSeq` and
 * moves the anchor to the newest removed one. Resolves to how many went.
 *
 * @example
 * while ((await write((trx) => pruneAuditBatch(trx, attestation.upToSeq, 500, now))) > 0) await yieldToLoop()
 */
export async function pruneAuditBatch(trx: Kysely<Database>, upToSeq: number, limit: number, now: number): Promise<number> {
  await lockHead(trx)
  const anchor = await readAnchor(trx)
  const rows = await trx.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '>', anchor.seq).where('seq', '<=', upToSeq).orderBy('seq').limit(limit).execute()
  const newest = rows.at(-1)
  if (newest === undefined) return 0
  await trx.deleteFrom('audit_events').where('seq', '>', anchor.seq).where('seq', '<=', Number(newest.seq)).execute()
  await trx.updateTable('audit_chain_head').set({ anchor_seq: Number(newest.seq), anchor_hash: newest.hash, anchor_at: now }).where('id', '=', 1).execute()
  return rows.length
}
