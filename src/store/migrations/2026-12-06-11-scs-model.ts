/**
 * The administered parts of the status model the SCS API exposes: impact types (with ids and
 * descriptions), named severity levels, and phase lists in immutable generations. Seeds the
 * impact types of the state table, the SCS default severity levels and generation 1 = the native
 * lifecycle, so a fresh store answers every SCS read.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import { impactTypeIdOf } from '../catalog-ids.js'

const SEEDED_IMPACT_TYPES = ['Unknown', 'Performance Degradation', 'Connectivity Problems', 'Partial Outage', 'Major Outage', 'No data', 'Maintenance']
const SEEDED_SEVERITIES = [
  { name: 'operational', value: 33 },
  { name: 'limited', value: 66 },
  { name: 'broken', value: 100 },
]
const NATIVE_PHASES = [
  { name: 'Investigating', native: 'investigating' },
  { name: 'Identified', native: 'identified' },
  { name: 'Monitoring', native: 'monitoring' },
  { name: 'Resolved', native: 'resolved' },
]

async function createTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('impact_types')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('display_name', 'text', (column) => column.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute()
  await db.schema
    .createTable('severity_levels')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('value', 'integer', (column) => column.notNull().unique())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute()
  await db.schema
    .createTable('phase_generations')
    .addColumn('generation', 'integer', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('native_phase', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('phase_generations_pk', ['generation', 'position'])
    .execute()
}

/** Creates `impact_types`, `severity_levels` and `phase_generations`, with their seeds. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTables(db)
  const now = Date.now()
  const seeds = db as Kysely<Record<string, Record<string, unknown>>>
  await seeds
    .insertInto('impact_types')
    .values(SEEDED_IMPACT_TYPES.map((name) => ({ id: impactTypeIdOf(name), display_name: name, description: null, created_at: now, updated_at: now })))
    .execute()
  await seeds.insertInto('severity_levels').values(SEEDED_SEVERITIES.map((level) => ({ ...level, created_at: now, updated_at: now }))).execute()
  await seeds
    .insertInto('phase_generations')
    .values(NATIVE_PHASES.map((phase, position) => ({ generation: 1, position, name: phase.name, native_phase: phase.native, created_at: now })))
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['phase_generations', 'severity_levels', 'impact_types']) await db.schema.dropTable(table).execute()
}
