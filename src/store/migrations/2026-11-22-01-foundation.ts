/**
 * The first schema: checks, results with their calls, components.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely'

/** Creates the foundation tables and the indexes the read paths need. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('display_name', 'text', (column) => column.notNull())
    .addColumn('definition', 'text', (column) => column.notNull())
    .addColumn('definition_hash', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('archived_at', 'bigint')
    .execute()

  await db.schema
    .createTable('results')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('check_id', 'text', (column) => column.notNull().references('checks.id'))
    .addColumn('started_at', 'bigint', (column) => column.notNull())
    .addColumn('duration_us', 'bigint', (column) => column.notNull())
    .addColumn('ok', 'integer', (column) => column.notNull())
    .addColumn('failure_code', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('failure_condition', 'text')
    .addColumn('steps', 'text', (column) => column.notNull())
    .addColumn('conditions', 'text', (column) => column.notNull())
    .execute()
  await db.schema
    .createIndex('results_check_started')
    .on('results')
    .columns(['check_id', 'started_at desc', 'id desc'])
    .execute()

  await db.schema
    .createTable('result_calls')
    .addColumn('result_id', 'text', (column) => column.notNull().references('results.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (column) => column.notNull())
    .addColumn('operation', 'text', (column) => column.notNull())
    .addColumn('status', 'integer')
    .addColumn('duration_us', 'bigint', (column) => column.notNull())
    .addColumn('attempt', 'integer', (column) => column.notNull())
    .addColumn('request_id', 'text')
    .addColumn('dns_us', 'bigint')
    .addColumn('connect_us', 'bigint')
    .addColumn('tls_us', 'bigint')
    .addColumn('ttfb_us', 'bigint')
    .addColumn('transfer_us', 'bigint')
    .addPrimaryKeyConstraint('result_calls_pk', ['result_id', 'seq'])
    .execute()

  await db.schema
    .createTable('components')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('display_name', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('labels', 'text', (column) => column.notNull())
    .addColumn('managed', 'text', (column) => column.notNull().check(sql`managed in ('config', 'api')`))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('archived_at', 'bigint')
    .execute()
}

/** Drops everything {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['components', 'result_calls', 'results', 'checks']) await db.schema.dropTable(table).execute()
}
