/**
 * The `checks` table: the configured checks, synced from config; removed checks are archived so
 * their history stays attached.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { newId } from '../core/ids.js'
import { canonicalJson, contentHash } from './canonical-json.js'
import type { ChecksTable, Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** A check as stored. `definitionHash` changes exactly when the definition does. */
export type CheckRow = {
  id: string
  name: string
  kind: string
  displayName: string
  definition: unknown
  definitionHash: string
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

/** A check as config declares it. */
export type CheckInput = { name: string; kind: string; displayName: string; definition: unknown }

/** Reads and syncs checks. */
export interface ChecksRepository {
  /**
   * Makes the active checks exactly `checks` (matched by name): inserts new ones, updates
   * changed ones, archives absent ones (`archivedAt = now`), un-archives re-added ones.
   * Returns the active rows, sorted by name.
   */
  sync(checks: readonly CheckInput[], now: number): Promise<CheckRow[]>
  /** Active checks sorted by name; archived ones too with `includeArchived`. */
  list(options?: { includeArchived?: boolean }): Promise<CheckRow[]>
}

function toCheckRow(row: Selectable<ChecksTable>): CheckRow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    displayName: row.display_name,
    definition: JSON.parse(row.definition),
    definitionHash: row.definition_hash,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  }
}

async function listChecks(db: Kysely<Database>, includeArchived: boolean): Promise<CheckRow[]> {
  let query = db.selectFrom('checks').selectAll().orderBy('name')
  if (!includeArchived) query = query.where('archived_at', 'is', null)
  return (await query.execute()).map(toCheckRow)
}

async function upsertCheck(trx: Kysely<Database>, check: CheckInput, existing: Selectable<ChecksTable> | undefined, now: number): Promise<void> {
  const definition = canonicalJson(check.definition)
  const hash = contentHash(check.definition)
  const fields = { kind: check.kind, display_name: check.displayName, definition, definition_hash: hash }
  if (existing) {
    const unchanged =
      existing.archived_at === null &&
      existing.kind === check.kind &&
      existing.display_name === check.displayName &&
      existing.definition_hash === hash
    if (unchanged) return
    await trx
      .updateTable('checks')
      .set({ ...fields, updated_at: now, archived_at: null })
      .where('id', '=', existing.id)
      .execute()
    return
  }
  await trx
    .insertInto('checks')
    .values({ id: newId(), name: check.name, ...fields, created_at: now, updated_at: now, archived_at: null })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ ...fields, updated_at: now, archived_at: null }))
    .execute()
}

/**
 * Builds the checks repository over `db`, writing through `write`.
 *
 * @example
 * const checks = checksRepository(db, write)
 * await checks.sync([{ name: 'api', kind: 'http', displayName: 'API', definition: {} }], Date.now())
 */
export function checksRepository(db: Kysely<Database>, write: WriteTransaction): ChecksRepository {
  return {
    async sync(checks, now) {
      const names = new Set(checks.map((check) => check.name))
      if (names.size !== checks.length) throw new Error('checks.sync: check names must be unique')
      return write(async (trx) => {
        const existing = new Map((await trx.selectFrom('checks').selectAll().execute()).map((row) => [row.name, row]))
        for (const check of checks) await upsertCheck(trx, check, existing.get(check.name), now)
        const gone = [...existing.values()].filter((row) => row.archived_at === null && !names.has(row.name))
        for (const row of gone) {
          await trx.updateTable('checks').set({ archived_at: now, updated_at: now }).where('id', '=', row.id).execute()
        }
        return listChecks(trx, false)
      })
    },
    list: (options) => listChecks(db, options?.includeArchived ?? false),
  }
}
