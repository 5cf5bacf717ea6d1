/**
 * Rollups per check and per series (minute, hour, day), and what the records job needs to find
 * the results stored since its last run: `results.inserted_at` and a watermark.
 *
 * @module
 */
import { sql, type Kysely } from 'kysely'

/** Adds `results.inserted_at` (0 for rows stored before) and creates `rollups` and `records_watermarks`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('results')
    .addColumn('inserted_at', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('results_inserted').on('results').columns(['inserted_at', 'id']).execute()

  await db.schema
    .createTable('rollups')
    .addColumn('scope', 'text', (column) => column.notNull().check(sql`scope in ('check', 'series')`))
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('granularity', 'text', (column) => column.notNull().check(sql`granularity in ('minute', 'hour', 'day')`))
    .addColumn('bucket_start', 'bigint', (column) => column.notNull())
    .addColumn('bucket_end', 'bigint', (column) => column.notNull())
    .addColumn('record', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('rollups_pk', ['scope', 'key', 'granularity', 'bucket_start'])
    .execute()

  await db.schema
    .createTable('records_watermarks')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('inserted_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('records_watermarks').execute()
  await db.schema.dropTable('rollups').execute()
  await db.schema.dropIndex('results_inserted').execute()
  await db.schema.alterTable('results').dropColumn('inserted_at').execute()
}
