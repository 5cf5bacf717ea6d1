/**
 * Evidence pins: the time ranges of raw results and evaluations an incident keeps beyond the
 * retention of raw data (from 1 h before it began to 1 h after it ended).
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `evidence_pins`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_pins')
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('component', 'text', (column) => column.notNull())
    .addColumn('location', 'text', (column) => column.notNull())
    .addColumn('check_id', 'text', (column) => column.notNull())
    .addColumn('from_at', 'bigint', (column) => column.notNull())
    .addColumn('to_at', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('evidence_pins_pk', ['incident_id', 'component', 'location', 'check_id'])
    .execute()
  await db.schema.createIndex('evidence_pins_check').on('evidence_pins').columns(['check_id', 'from_at']).execute()
  await db.schema.createIndex('evidence_pins_series').on('evidence_pins').columns(['component', 'location', 'from_at']).execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence_pins').execute()
}
