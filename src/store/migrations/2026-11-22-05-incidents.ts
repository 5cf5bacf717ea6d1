/**
 * The declared side of the status model: incidents with their impacts and ordered updates,
 * maintenance windows, and the audit trail of every write to them.
 *
 * @module
 */
import type { Kysely } from 'kysely'

async function createIncidents(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text')
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('phase', 'text', (column) => column.notNull())
    .addColumn('began_at', 'bigint', (column) => column.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('managed', 'text', (column) => column.notNull())
    .addColumn('origin', 'text', (column) => column.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('archived_at', 'bigint')
    .execute()
  await db.schema.createIndex('incidents_began').on('incidents').columns(['began_at desc', 'id desc']).execute()
  await db.schema.createIndex('incidents_open').on('incidents').columns(['ended_at']).execute()

  await db.schema
    .createTable('incident_impacts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('component', 'text', (column) => column.notNull())
    .addColumn('location', 'text', (column) => column.notNull())
    .addColumn('impact_type', 'text', (column) => column.notNull())
    .addColumn('severity', 'integer', (column) => column.notNull())
    .addColumn('from_at', 'bigint', (column) => column.notNull())
    .addColumn('to_at', 'bigint')
    .execute()
  await db.schema.createIndex('incident_impacts_incident').on('incident_impacts').columns(['incident_id', 'from_at']).execute()
  await db.schema.createIndex('incident_impacts_time').on('incident_impacts').columns(['from_at', 'to_at']).execute()

  await db.schema
    .createTable('incident_updates')
    .addColumn('incident_id', 'text', (column) => column.notNull().references('incidents.id'))
    .addColumn('seq', 'integer', (column) => column.notNull())
    .addColumn('phase', 'text', (column) => column.notNull())
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('recorded_at', 'bigint', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('incident_updates_pk', ['incident_id', 'seq'])
    .execute()
}

async function createMaintenanceAndAudit(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text')
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('targets', 'text', (column) => column.notNull())
    .addColumn('start_at', 'bigint', (column) => column.notNull())
    .addColumn('end_at', 'bigint', (column) => column.notNull())
    .addColumn('cancelled_at', 'bigint')
    .addColumn('managed', 'text', (column) => column.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('archived_at', 'bigint')
    .execute()
  await db.schema.createIndex('maintenance_windows_time').on('maintenance_windows').columns(['start_at', 'end_at']).execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('object_type', 'text', (column) => column.notNull())
    .addColumn('object_id', 'text', (column) => column.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('door', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('audit_events_object').on('audit_events').columns(['object_type', 'object_id', 'id']).execute()
}

/** Creates `incidents`, `incident_impacts`, `incident_updates`, `maintenance_windows` and `audit_events`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createIncidents(db)
  await createMaintenanceAndAudit(db)
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_events', 'maintenance_windows', 'incident_updates', 'incident_impacts', 'incidents']) {
    await db.schema.dropTable(table).execute()
  }
}
