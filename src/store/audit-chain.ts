/**
 * The hash chain of the audit trail. Every entry stores its position `seq`, the hash of its
 * predecessor and its own hash: SHA-256 over the canonical JSON of its stored columns and the
 * predecessor's hash. One row in `audit_chain_head` holds the newest position and hash; an
 * append updates that row first, which serialises appenders on PostgreSQL (row lock until
 * commit) and costs nothing extra on SQLite (one writer at a time already).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { canonicalJson } from './canonical-json.js'
import type { AuditEventsTable, Database } from './schema.js'

/** The predecessor hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** An audit row as stored, before the chain columns are added. */
export type UnchainedAuditRow = Omit<Selectable<AuditEventsTable>, 'seq' | 'prev_hash' | 'hash'>

/** An audit row as stored, with its chain columns (numbers as numbers on both dialects). */
export type ChainedAuditRow = Selectable<AuditEventsTable>

/**
 * The hash of an entry at `seq` after `prevHash`: over the stored column values (JSON texts as
 * stored), so verifying never depends on re-serialising parsed objects.
 *
 * @example
 * auditEntryHash({ id, at, actor, action, object_type, object_id, before: null, after: '{}', door: 'api' }, 1, GENESIS_HASH)
 */
export function auditEntryHash(row: UnchainedAuditRow, seq: number, prevHash: string): string {
  const fields = {
    id: row.id, seq, at: Number(row.at), actor: row.actor, action: row.action, objectType: row.object_type,
    objectId: row.object_id, before: row.before, after: row.after, door: row.door, prevHash,
  }
  return createHash('sha256').update(canonicalJson(fields)).digest('hex')
}

/** The newest chain position and hash (seq 0 and {@link GENESIS_HASH} on an empty trail). */
export interface ChainHead {
  seq: number
  hash: string
}

/**
 * Appends `row` to the chain inside the caller's write transaction: locks the head row, links
 * the entry to it, inserts the entry and moves the head.
 *
 * @example
 * await appendChained(trx, { id: newId(), at, actor, action, object_type, object_id, before, after, door })
 */
export async function appendChained(trx: Kysely<Database>, row: UnchainedAuditRow): Promise<ChainedAuditRow> {
  await trx.updateTable('audit_chain_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).execute()
  const head = await readHead(trx)
  const seq = head.seq + 1
  const chained = { ...row, seq, prev_hash: head.hash, hash: auditEntryHash(row, seq, head.hash) }
  await trx.insertInto('audit_events').values(chained).execute()
  await trx.updateTable('audit_chain_head').set({ seq, hash: chained.hash }).where('id', '=', 1).execute()
  return chained
}

/**
 * The chain head as stored.
 *
 * @example
 * const { seq, hash } = await readHead(db)
 */
export async function readHead(db: Kysely<Database>): Promise<ChainHead> {
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()
  return head === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(head.seq), hash: head.hash }
}

/**
 * Entries after position `afterSeq`, in chain order, at most `limit`.
 *
 * @example
 * for (let rows = await chainSlice(db, 0, 500); rows.length > 0; rows = await chainSlice(db, rows.at(-1)!.seq, 500)) …
 */
export async function chainSlice(db: Kysely<Database>, afterSeq: number, limit: number): Promise<ChainedAuditRow[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()
  return rows.map((row) => ({ ...row, at: Number(row.at), seq: Number(row.seq) }))
}
