/**
 * Incident templates, info notices, retractions (an incident or an update withdrawn from every
 * public surface with a reason; its content stays), and the `file:line` that declares a
 * config-managed component.
 *
 * @module
 */
import type { Kysely } from 'kysely'

async function createTemplatesAndNotices(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incident_templates')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('phase', 'text', (column) => column.notNull())
    .addColumn('impacts', 'text', (column) => column.notNull())
    .addColumn('managed', 'text', (column) => column.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('archived_at', 'bigint')
    .execute()
  await db.schema.createIndex('incident_templates_name').on('incident_templates').columns(['name']).execute()
  await db.schema
    .createTable('info_notices')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text')
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('start_at', 'bigint')
    .addColumn('end_at', 'bigint')
    .addColumn('managed', 'text', (column) => column.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('archived_at', 'bigint')
    .execute()
}

/** Creates `incident_templates`, `info_notices`, `incident_retractions` and `components.source`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTemplatesAndNotices(db)
  await db.schema
    .createTable('incident_retractions')
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('seq', 'integer', (column) => column.notNull())
    .addColumn('retracted_at', 'bigint', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('incident_retractions_pk', ['incident_id', 'seq'])
    .execute()
  await db.schema.alterTable('components').addColumn('source', 'text').execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('components').dropColumn('source').execute()
  for (const table of ['incident_retractions', 'info_notices', 'incident_templates']) await db.schema.dropTable(table).execute()
}
