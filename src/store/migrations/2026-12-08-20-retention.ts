/**
 * Retention of the audit trail, subscriber data and delivery logs. `audit_chain_head` gains the
 * anchor of a pruned trail: the position and hash of the newest entry removed by retention and
 * when it was removed (0, the genesis hash and null while nothing was). The outbox gets an index
 * on `created_at`, so the sweep finds old messages without scanning the table.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import { GENESIS_HASH } from '../audit-chain.js'

/** Adds the anchor columns and the outbox index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_chain_head').addColumn('anchor_seq', 'bigint', (column) => column.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('audit_chain_head').addColumn('anchor_hash', 'text', (column) => column.notNull().defaultTo(GENESIS_HASH)).execute()
  await db.schema.alterTable('audit_chain_head').addColumn('anchor_at', 'bigint').execute()
  await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at']).execute()
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_created').execute()
  for (const column of ['anchor_at', 'anchor_hash', 'anchor_seq']) await db.schema.alterTable('audit_chain_head').dropColumn(column).execute()
}
