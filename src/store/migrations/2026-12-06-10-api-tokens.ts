/**
 * API tokens: who may write through `/api/v1` (and read what loopback reads). Only the SHA-256
 * of a token is stored, never the token; the name is unique for all time, because it is the
 * actor the audit trail records. Revoking sets `revoked_at`; rows are never deleted, so the
 * audit trail can always say whose token an actor was.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `api_tokens`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('scope', 'text', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute()
}
