/**
 * The scenario ledger: an intent row before every create call, the resource id after it, a
 * deletion mark after a confirmed delete, and the leftovers (everything not deleted) for cleanup.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { newId } from '../core/ids.js'
import type { Database, ScenarioLedgerTable } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** What a run means to create, written before the create call. */
export interface LedgerIntent {
  /** The monitor instance; cleanup only touches its own rows. */
  owner: string
  runId: string
  cloud: string
  /** Empty when the cloud has one region. */
  region: string
  project: string
  /** `server`, `volume`, `network`, `router-interface`, … */
  kind: string
  name: string
  /** The run's name prefix or tag, for the janitor's search when the id never arrived. */
  prefix: string
  /** What deleting it needs besides its id (JSON-safe; never a secret). */
  detail?: Record<string, unknown>
}

/** A ledger row. */
export interface LedgerEntry extends LedgerIntent {
  id: string
  /** Null until the create call answered. */
  resourceId: string | null
  intentAt: number
  createdAt: number | null
  deletedAt: number | null
}

/** Which leftovers to list; `owner` is required so no monitor sees another's resources as its own. */
export interface LeftoverFilter {
  owner: string
  region?: string
  project?: string
  runId?: string
}

/** Reads and writes the ledger. */
export interface LedgerRepository {
  /** Writes the intent (committed before it returns) and returns the row's id. */
  intent(intent: LedgerIntent, now: number): Promise<string>
  /** Records the id the create call answered with. */
  created(entryId: string, resourceId: string, now: number): Promise<void>
  /** Marks the row deleted after the deletion was confirmed (or the resource was found never to exist). */
  deleted(entryId: string, now: number): Promise<void>
  /** Every row of `cloud` and the filter not marked deleted, oldest intent first. */
  leftovers(cloud: string, filter: LeftoverFilter): Promise<LedgerEntry[]>
  /** One row by id, or null. */
  get(entryId: string): Promise<LedgerEntry | null>
}

/**
 * Builds the ledger repository over `db`, writing through `write`.
 *
 * @example
 * const entry = await store.ledger.intent({ owner, runId, cloud: 'prod', region: 'RegionOne', project, kind: 'network', name: 'gh-1a2b-NET_JH', prefix: 'gh-1a2b-' }, Date.now())
 * const network = await createNetwork(session, { name: 'gh-1a2b-NET_JH' })
 * await store.ledger.created(entry, network.id, Date.now())
 */
export function ledgerRepository(db: Kysely<Database>, write: WriteTransaction): LedgerRepository {
  return {
    async intent(intent, now) {
      const id = newId()
      const row = {
        id,
        owner: intent.owner,
        run_id: intent.runId,
        cloud: intent.cloud,
        region: intent.region,
        project: intent.project,
        kind: intent.kind,
        name: intent.name,
        prefix: intent.prefix,
        detail: intent.detail === undefined ? null : JSON.stringify(intent.detail),
        resource_id: null,
        intent_at: now,
        created_at: null,
        deleted_at: null,
      }
      await write((trx) => trx.insertInto('scenario_ledger').values(row).execute())
      return id
    },
    async created(entryId, resourceId, now) {
      await write((trx) => trx.updateTable('scenario_ledger').set({ resource_id: resourceId, created_at: now }).where('id', '=', entryId).execute())
    },
    async deleted(entryId, now) {
      await write((trx) => trx.updateTable('scenario_ledger').set({ deleted_at: now }).where('id', '=', entryId).where('deleted_at', 'is', null).execute())
    },
    async leftovers(cloud, filter) {
      let query = db.selectFrom('scenario_ledger').selectAll().where('cloud', '=', cloud).where('owner', '=', filter.owner).where('deleted_at', 'is', null)
      if (filter.region !== undefined) query = query.where('region', '=', filter.region)
      if (filter.project !== undefined) query = query.where('project', '=', filter.project)
      if (filter.runId !== undefined) query = query.where('run_id', '=', filter.runId)
      const rows = await query.orderBy('intent_at').orderBy('id').execute()
      return rows.map(toEntry)
    },
    async get(entryId) {
      const row = await db.selectFrom('scenario_ledger').selectAll().where('id', '=', entryId).executeTakeFirst()
      return row ? toEntry(row) : null
    },
  }
}

function toEntry(row: Selectable<ScenarioLedgerTable>): LedgerEntry {
  return {
    id: row.id,
    owner: row.owner,
    runId: row.run_id,
    cloud: row.cloud,
    region: row.region,
    project: row.project,
    kind: row.kind,
    name: row.name,
    prefix: row.prefix,
    ...(row.detail === null ? {} : { detail: JSON.parse(row.detail) as Record<string, unknown> }),
    resourceId: row.resource_id,
    intentAt: Number(row.intent_at),
    createdAt: row.created_at === null ? null : Number(row.created_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
  }
}
