/**
 * The open handbook's revisions: each load stores a page again only when its content changed
 * (content hash, time, the git commit of its file when the folder is a checkout); a page gone
 * from the folder gets a removal revision and keeps its history.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `handbook_revisions`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handbook_revisions')
    .addColumn('slug', 'text', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('recorded_at', 'bigint', (column) => column.notNull())
    .addColumn('removed', 'integer', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('summary', 'text')
    .addColumn('sort_order', 'integer')
    .addColumn('content', 'text', (column) => column.notNull())
    .addColumn('content_hash', 'text', (column) => column.notNull())
    .addColumn('git_commit', 'text')
    .addPrimaryKeyConstraint('handbook_revisions_pk', ['slug', 'revision'])
    .execute()
}

/** Drops `handbook_revisions`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handbook_revisions').execute()
}
