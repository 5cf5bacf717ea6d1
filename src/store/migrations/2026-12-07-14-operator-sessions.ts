/**
 * Operator UI sessions and the sign-in audit. A session row is keyed by the SHA-256 of its
 * random id (the id itself lives only in the browser's cookie) and names the API token it was
 * exchanged for, so revoking the token ends the session. `operator_sign_ins` records every
 * sign-in attempt, refused or not, and every sign-out — never the presented token.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `operator_sessions` and `operator_sign_ins`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operator_sessions')
    .addColumn('id_hash', 'text', (column) => column.primaryKey())
    .addColumn('token_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('last_seen_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('client', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('operator_sessions_token').on('operator_sessions').columns(['token_id']).execute()
  await db.schema
    .createTable('operator_sign_ins')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('token_id', 'text')
    .addColumn('token_name', 'text')
    .addColumn('client', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('operator_sign_ins_at').on('operator_sign_ins').columns(['at']).execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('operator_sign_ins').execute()
  await db.schema.dropTable('operator_sessions').execute()
}
