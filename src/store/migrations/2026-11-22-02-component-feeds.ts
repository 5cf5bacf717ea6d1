/**
 * Which checks feed which (component, location) series.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `component_feeds`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('component_feeds')
    .addColumn('component_id', 'text', (column) => column.notNull().references('components.id').onDelete('cascade'))
    .addColumn('check_id', 'text', (column) => column.notNull().references('checks.id'))
    .addColumn('location', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('component_feeds_pk', ['component_id', 'check_id', 'location'])
    .execute()
}

/** Drops `component_feeds`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('component_feeds').execute()
}
