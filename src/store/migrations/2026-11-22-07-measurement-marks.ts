/**
 * Measurement marks: an operator's statement, with a public reason, that the measured state of a
 * (component, location) is not representative over [from_at, to_at) — `to_at` null until cleared.
 * `location` null marks every location of the component. Rows are never deleted: clearing sets
 * `cleared_at`, so the audit trail and the report can always say what was marked when.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `measurement_marks`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('measurement_marks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('component', 'text', (column) => column.notNull())
    .addColumn('location', 'text')
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('from_at', 'bigint', (column) => column.notNull())
    .addColumn('to_at', 'bigint')
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('cleared_at', 'bigint')
    .addColumn('cleared_by', 'text')
    .execute()
  await db.schema.createIndex('measurement_marks_series').on('measurement_marks').columns(['component', 'from_at']).execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('measurement_marks').execute()
}
