/**
 * Postmortems: the current state of each (its sections, timeline and measured impact as one JSON
 * body), the incidents it covers (indexed by incident, for the incident page's link), and every
 * saved revision as a whole snapshot (the public revision history and the audit of edits).
 *
 * @module
 */
import type { Kysely } from 'kysely'

/** Creates `postmortems`, `postmortem_incidents` and `postmortem_revisions`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('postmortems')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('published_at', 'bigint')
    .execute()
  await db.schema.createIndex('postmortems_published').on('postmortems').columns(['status', 'published_at']).execute()
  await db.schema
    .createTable('postmortem_incidents')
    .addColumn('postmortem_id', 'text', (column) => column.notNull().references('postmortems.id'))
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('postmortem_incidents_pk', ['postmortem_id', 'incident_id'])
    .execute()
  await db.schema.createIndex('postmortem_incidents_incident').on('postmortem_incidents').columns(['incident_id']).execute()
  await db.schema
    .createTable('postmortem_revisions')
    .addColumn('postmortem_id', 'text', (column) => column.notNull().references('postmortems.id'))
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('change_note', 'text')
    .addColumn('snapshot', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('postmortem_revisions_pk', ['postmortem_id', 'revision'])
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('postmortem_revisions').execute()
  await db.schema.dropTable('postmortem_incidents').execute()
  await db.schema.dropTable('postmortems').execute()
}
