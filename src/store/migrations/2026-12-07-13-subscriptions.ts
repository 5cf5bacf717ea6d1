/**
 * Subscriptions of the public: e-mail (double opt-in; address, its SHA-256, consent) and webhooks
 * (Standard Webhooks, Slack-compatible, Microsoft Teams, Matrix), each with its scope. Tokens of
 * the confirm and manage links are stored only as SHA-256 hashes.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `subscriptions` and its lookup indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('format', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    .addColumn('address', 'text')
    .addColumn('address_hash', 'text')
    .addColumn('target', 'text')
    .addColumn('room_id', 'text')
    .addColumn('secret', 'text')
    .addColumn('components', 'text', (column) => column.notNull())
    .addColumn('locations', 'text', (column) => column.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('consent_at', 'bigint')
    .addColumn('consent', 'text')
    .addColumn('confirm_token_hash', 'text')
    .addColumn('confirm_expires_at', 'bigint')
    .addColumn('confirm_sent_at', 'bigint')
    .addColumn('manage_token_hash', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema.createIndex('subscriptions_address_hash').unique().on('subscriptions').columns(['address_hash']).execute()
  await db.schema.createIndex('subscriptions_confirm_token').on('subscriptions').columns(['confirm_token_hash']).execute()
  await db.schema.createIndex('subscriptions_manage_token').on('subscriptions').columns(['manage_token_hash']).execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscriptions').execute()
}
