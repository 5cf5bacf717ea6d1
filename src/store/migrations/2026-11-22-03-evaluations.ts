/**
 * Evaluations of the health rules and the current state of every (component, location) series;
 * the vantage point a result was measured from.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Adds `results.vantage` and creates `evaluations` and `series_states`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('results')
    .addColumn('vantage', 'text', (column) => column.notNull().defaultTo('local'))
    .execute()

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('component', 'text', (column) => column.notNull())
    .addColumn('location', 'text', (column) => column.notNull())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('measured', 'text', (column) => column.notNull())
    .addColumn('raw', 'text', (column) => column.notNull())
    .addColumn('rule_set', 'text', (column) => column.notNull())
    .addColumn('evidence', 'text', (column) => column.notNull())
    .execute()
  await db.schema
    .createIndex('evaluations_series_at')
    .on('evaluations')
    .columns(['component', 'location', 'at desc', 'id desc'])
    .execute()

  await db.schema
    .createTable('series_states')
    .addColumn('component', 'text', (column) => column.notNull())
    .addColumn('location', 'text', (column) => column.notNull())
    .addColumn('published', 'text', (column) => column.notNull())
    .addColumn('hysteresis', 'text', (column) => column.notNull())
    .addColumn('since', 'bigint', (column) => column.notNull())
    .addColumn('evaluation', 'text', (column) => column.notNull())
    .addColumn('stored_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('series_states_pk', ['component', 'location'])
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('series_states').execute()
  await db.schema.dropTable('evaluations').execute()
  await db.schema.alterTable('results').dropColumn('vantage').execute()
}
