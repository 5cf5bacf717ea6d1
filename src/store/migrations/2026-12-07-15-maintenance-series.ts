/**
 * Recurring maintenance: `maintenance_series` (a title, targets, a duration and a schedule by
 * cron or weekday in a time zone) and `maintenance_windows.series_id`, linking each
 * materialized occurrence to its series.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `maintenance_series` and `maintenance_windows.series_id`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('maintenance_series')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text')
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('targets', 'text', (column) => column.notNull())
    .addColumn('duration_ms', 'bigint', (column) => column.notNull())
    .addColumn('schedule', 'text', (column) => column.notNull())
    .addColumn('managed', 'text', (column) => column.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('cancelled_at', 'bigint')
    .addColumn('archived_at', 'bigint')
    .execute()
  await db.schema.alterTable('maintenance_windows').addColumn('series_id', 'text').execute()
  await db.schema.createIndex('maintenance_windows_series').on('maintenance_windows').columns(['series_id', 'start_at']).execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('maintenance_windows_series').execute()
  await db.schema.alterTable('maintenance_windows').dropColumn('series_id').execute()
  await db.schema.dropTable('maintenance_series').execute()
}
