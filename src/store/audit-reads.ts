/**
 * Reads of the hash-chained audit trail: filtered pages in chain order (the API's viewer and the
 * exports), raw slices and the head (verification).
 *
 * @module
 */
import type { Kysely } from 'kysely'
import { readAnchor, type ChainAnchor } from './audit-anchor.js'
import { chainSlice, readHead, type ChainedAuditRow, type ChainHead } from './audit-chain.js'
import type { Database } from './schema.js'

/** An audit entry with its chain position and hashes; `before`/`after` parsed from JSON. */
export interface ChainedAuditEvent {
  seq: number
  id: string
  at: number
  actor: string
  action: string
  objectType: string
  objectId: string
  before: unknown
  after: unknown
  door: 'api' | 'cli' | 'config' | 'system'
  prevHash: string
  hash: string
}

/** Filters of {@link AuditChainReads.page}; every one optional. */
export interface AuditPageQuery {
  objectType?: string
  objectId?: string
  actor?: string
  /** Entries at or after (epoch ms). */
  from?: number
  /** Entries strictly before (epoch ms). */
  to?: number
  /** Entries after this chain position (the cursor). */
  afterSeq?: number
  limit: number
}

/** The chain's read side. */
export interface AuditChainReads {
  /** Entries matching `query`, oldest first (chain order). */
  page(query: AuditPageQuery): Promise<ChainedAuditEvent[]>
  /** Stored rows after `afterSeq` in chain order, unparsed (what the hashes cover). */
  chain(afterSeq: number, limit: number): Promise<ChainedAuditRow[]>
  /** The newest position and hash as the head row records them. */
  head(): Promise<ChainHead>
  /** Where a trail pruned by retention starts (seq 0 when nothing was removed). */
  anchor(): Promise<ChainAnchor>
}

function toChainedEvent(row: ChainedAuditRow): ChainedAuditEvent {
  return {
    seq: Number(row.seq), id: row.id, at: Number(row.at), actor: row.actor, action: row.action, objectType: row.object_type,
    objectId: row.object_id, before: row.before === null ? null : JSON.parse(row.before), after: row.after === null ? null : JSON.parse(row.after),
    door: row.door, prevHash: row.prev_hash, hash: row.hash,
  }
}

/**
 * Builds the chain reads over `db`.
 *
 * @example
 * const first = await auditChainReads(db).page({ actor: 'oncall', limit: 100 })
 */
export function auditChainReads(db: Kysely<Database>): AuditChainReads {
  return {
    async page(query) {
      let select = db.selectFrom('audit_events').selectAll().orderBy('seq').limit(query.limit)
      if (query.afterSeq !== undefined) select = select.where('seq', '>', query.afterSeq)
      if (query.objectType !== undefined) select = select.where('object_type', '=', query.objectType)
      if (query.objectId !== undefined) select = select.where('object_id', '=', query.objectId)
      if (query.actor !== undefined) select = select.where('actor', '=', query.actor)
      if (query.from !== undefined) select = select.where('at', '>=', query.from)
      if (query.to !== undefined) select = select.where('at', '<', query.to)
      return (await select.execute()).map(toChainedEvent)
    },
    chain: (afterSeq, limit) => chainSlice(db, afterSeq, limit),
    head: () => readHead(db),
    anchor: () => readAnchor(db),
  }
}
