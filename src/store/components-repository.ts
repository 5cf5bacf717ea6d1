/**
 * The `components` table: what the status page shows. Components come from config
 * (`managed = 'config'`, synced like checks) or from the API (`managed = 'api'`, never touched
 * by a config sync).
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { newId } from '../core/ids.js'
import { canonicalJson } from './canonical-json.js'
import type { ComponentsTable, Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** A component as stored. */
export type ComponentRow = {
  id: string
  name: string
  displayName: string
  description: string | null
  labels: Record<string, string>
  managed: 'config' | 'api'
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

/** A check feeding one location of a component. */
export type ComponentFeed = { checkId: string; location: string }

/** A component as config declares it. */
export type ComponentInput = {
  name: string
  displayName: string
  description?: string | null
  labels?: Record<string, string>
  /** Replaces the component's feeds when given. */
  feeds?: readonly ComponentFeed[]
}

/** A feed of an active component, for reading series. */
export type FeedRow = ComponentFeed & { componentId: string }

/** Reads and syncs components. */
export interface ComponentsRepository {
  /**
   * Makes the active config-managed components exactly `components` (matched by name); a name
   * that was API-managed becomes config-managed. Absent config components are archived.
   * Returns all active components, sorted by name.
   */
  sync(components: readonly ComponentInput[], now: number): Promise<ComponentRow[]>
  /** Active components sorted by name; archived ones too with `includeArchived`. */
  list(options?: { includeArchived?: boolean }): Promise<ComponentRow[]>
  /** The feeds of every active component. */
  feeds(): Promise<FeedRow[]>
}

function toComponentRow(row: Selectable<ComponentsTable>): ComponentRow {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    labels: JSON.parse(row.labels) as Record<string, string>,
    managed: row.managed,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  }
}

async function listComponents(db: Kysely<Database>, includeArchived: boolean): Promise<ComponentRow[]> {
  let query = db.selectFrom('components').selectAll().orderBy('name')
  if (!includeArchived) query = query.where('archived_at', 'is', null)
  return (await query.execute()).map(toComponentRow)
}

async function upsertComponent(
  trx: Kysely<Database>,
  component: ComponentInput,
  existing: Selectable<ComponentsTable> | undefined,
  now: number,
): Promise<void> {
  const fields = {
    display_name: component.displayName,
    description: component.description ?? null,
    labels: canonicalJson(component.labels ?? {}),
    managed: 'config' as const,
  }
  if (existing) {
    const unchanged =
      existing.archived_at === null &&
      existing.display_name === fields.display_name &&
      existing.description === fields.description &&
      existing.labels === fields.labels &&
      existing.managed === 'config'
    if (unchanged) return
    await trx.updateTable('components').set({ ...fields, updated_at: now, archived_at: null }).where('id', '=', existing.id).execute()
    return
  }
  await trx
    .insertInto('components')
    .values({ id: newId(), name: component.name, ...fields, created_at: now, updated_at: now, archived_at: null })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ ...fields, updated_at: now, archived_at: null }))
    .execute()
}

async function replaceFeeds(trx: Kysely<Database>, name: string, feeds: readonly ComponentFeed[]): Promise<void> {
  const { id } = await trx.selectFrom('components').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  await trx.deleteFrom('component_feeds').where('component_id', '=', id).execute()
  const unique = new Map(feeds.map((feed) => [`${feed.checkId}\u0000${feed.location}`, feed]))
  if (unique.size === 0) return
  await trx
    .insertInto('component_feeds')
    .values([...unique.values()].map((feed) => ({ component_id: id, check_id: feed.checkId, location: feed.location })))
    .execute()
}

/**
 * Builds the components repository over `db`, writing through `write`.
 *
 * @example
 * const components = componentsRepository(db, write)
 * await components.sync([{ name: 'compute', displayName: 'Compute' }], Date.now())
 */
export function componentsRepository(db: Kysely<Database>, write: WriteTransaction): ComponentsRepository {
  return {
    async sync(components, now) {
      const names = new Set(components.map((component) => component.name))
      if (names.size !== components.length) throw new Error('components.sync: component names must be unique')
      return write(async (trx) => {
        const rows = await trx.selectFrom('components').selectAll().execute()
        const existing = new Map(rows.map((row) => [row.name, row]))
        for (const component of components) {
          await upsertComponent(trx, component, existing.get(component.name), now)
          if (component.feeds) await replaceFeeds(trx, component.name, component.feeds)
        }
        const gone = rows.filter((row) => row.managed === 'config' && row.archived_at === null && !names.has(row.name))
        for (const row of gone) {
          await trx.updateTable('components').set({ archived_at: now, updated_at: now }).where('id', '=', row.id).execute()
        }
        return listComponents(trx, false)
      })
    },
    list: (options) => listComponents(db, options?.includeArchived ?? false),
    async feeds() {
      const rows = await db
        .selectFrom('component_feeds as f')
        .innerJoin('components as c', 'c.id', 'f.component_id')
        .select(['f.component_id', 'f.check_id', 'f.location'])
        .where('c.archived_at', 'is', null)
        .orderBy('f.component_id')
        .orderBy('f.location')
        .orderBy('f.check_id')
        .execute()
      return rows.map((row) => ({ componentId: row.component_id, checkId: row.check_id, location: row.location }))
    },
  }
}
