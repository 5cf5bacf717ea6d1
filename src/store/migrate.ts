/**
 * Running and inspecting migrations with Kysely's Migrator.
 *
 * @module
 */
import { Migrator, type Kysely } from 'kysely'
import { migrationProvider } from './migrations/index.js'
import type { Database } from './schema.js'

/** A migrator over the compiled-in migrations. */
export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: migrationProvider })
}

/**
 * Applies every pending migration and returns the names applied. PostgreSQL serialises
 * concurrent migrators with an advisory lock (Kysely); for SQLite the caller wraps this in
 * `BEGIN IMMEDIATE … COMMIT`, which serialises them and makes the whole run atomic.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<{ applied: string[] }> {
  const { error, results } = await createMigrator(db).migrateToLatest()
  if (error) throw error
  return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) }
}

/** How many known migrations have not been applied yet. */
export async function pendingMigrations(db: Kysely<Database>): Promise<number> {
  const migrations = await createMigrator(db).getMigrations()
  return migrations.filter((migration) => migration.executedAt === undefined).length
}
