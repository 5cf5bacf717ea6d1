/**
 * The scenario ledger: one row per cloud resource a scenario creates, written before the create
 * call (intent) and completed after it (the resource id), marked deleted once its deletion is
 * confirmed — so a crash at any moment leaves a record cleanup can act on.
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `scenario_ledger`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scenario_ledger')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('owner', 'text', (column) => column.notNull())
    .addColumn('run_id', 'text', (column) => column.notNull())
    .addColumn('cloud', 'text', (column) => column.notNull())
    .addColumn('region', 'text', (column) => column.notNull())
    .addColumn('project', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('prefix', 'text', (column) => column.notNull())
    .addColumn('detail', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('intent_at', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .execute()
  await db.schema.createIndex('scenario_ledger_open').on('scenario_ledger').columns(['cloud', 'owner', 'deleted_at', 'intent_at']).execute()
  await db.schema.createIndex('scenario_ledger_run').on('scenario_ledger').columns(['run_id']).execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scenario_ledger').execute()
}
