/**
 * The ordered list of schema migrations. Names are dated (`YYYY-MM-DD-what`) so they sort in
 * the order they were written; a new migration is a new file plus one line here.
 *
 * @module
 */
import type { Migration, MigrationProvider } from 'kysely'
import * as foundation from './2026-11-22-foundation.js'

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-22-foundation': foundation,
}

/**
 * Hands Kysely's Migrator the migrations compiled into the program (no directory scan, so
 * bundling and tsx behave the same).
 *
 * @example
 * new Migrator({ db, provider: migrationProvider })
 */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
}
