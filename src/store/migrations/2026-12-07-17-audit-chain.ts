/**
 * The audit trail becomes a hash chain: `seq`, `prev_hash` and `hash` on every entry, and
 * `audit_chain_head` (one row: the newest position and hash, the row appenders lock). Entries
 * already stored are chained in the order the trail always listed them (by id, UUIDv7: time).
 *
 * @module
 */
import type { Kysely } from 'kysely'
import { auditEntryHash, GENESIS_HASH, type UnchainedAuditRow } from '../audit-chain.js'

const BATCH = 500

/** The tables as this migration sees them (no compile-time schema: migrations outlive it). */
type Tables = Kysely<Record<string, Record<string, unknown>>>

/** Chains the stored entries in id order, a batch at a time; returns the head. */
async function chainExisting(db: Tables): Promise<{ seq: number; hash: string }> {
  let head = { seq: 0, hash: GENESIS_HASH }
  let lastId = ''
  for (;;) {
    const rows = (await db.selectFrom('audit_events').selectAll().where('id', '>', lastId).orderBy('id').limit(BATCH).execute()) as unknown as UnchainedAuditRow[]
    for (const row of rows) {
      const seq = head.seq + 1
      const hash = auditEntryHash(row, seq, head.hash)
      await db.updateTable('audit_events').set({ seq, prev_hash: head.hash, hash }).where('id', '=', row.id).execute()
      head = { seq, hash }
    }
    if (rows.length < BATCH) return head
    lastId = rows.at(-1)!.id
  }
}

/** Adds the chain columns, chains existing entries, creates the head. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = db as Tables
  await db.schema.alterTable('audit_events').addColumn('seq', 'bigint').execute()
  await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').execute()
  await db.schema.alterTable('audit_events').addColumn('hash', 'text').execute()
  const head = await chainExisting(tables)
  await db.schema.createIndex('audit_events_seq').on('audit_events').columns(['seq']).unique().execute()
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('seq', 'bigint', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .execute()
  await tables.insertInto('audit_chain_head').values({ id: 1, seq: head.seq, hash: head.hash }).execute()
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_chain_head').execute()
  await db.schema.dropIndex('audit_events_seq').execute()
  for (const column of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('audit_events').dropColumn(column).execute()
}
