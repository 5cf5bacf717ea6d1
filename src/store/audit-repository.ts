/**
 * The `audit_events` table, and the one write path of the declared status model: a transaction
 * in which incidents, maintenance windows and the audit trail are written together, so a write
 * that fails leaves no audit event and an applied write never lacks one.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { newId } from '../core/ids.js'
import { appendChained } from './audit-chain.js'
import { auditChainReads, type AuditChainReads } from './audit-reads.js'
import { incidentWrites, type IncidentWrites } from './incidents-repository.js'
import { maintenanceWrites, type MaintenanceWrites } from './maintenance-repository.js'
import { markWrites, type MarkWrites } from './marks-repository.js'
import { catalogWrites, type CatalogWrites } from './catalog-repository.js'
import { componentSourceWrites, type ComponentSourceWrites } from './component-sources.js'
import { noticeWrites, type NoticeWrites } from './notices-repository.js'
import { retractionWrites, type RetractionWrites } from './retractions-repository.js'
import { templateWrites, type TemplateWrites } from './templates-repository.js'
import { maintenanceSeriesWrites, type MaintenanceSeriesWrites } from './maintenance-series-repository.js'
import { insertOutbox, type NewOutboxMessage } from './outbox-repository.js'
import { postmortemWrites, type PostmortemWrites } from './postmortems-repository.js'
import type { AuditEventsTable, Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** The door a write came in by. */
export type AuditDoor = 'api' | 'cli' | 'config' | 'system'

/** Every kind of object the trail records writes to (`audit-trail`: retention pruning the trail itself). */
export const AUDIT_OBJECT_TYPES = [
  'incident', 'maintenance', 'maintenance-series', 'mark', 'impact-type', 'severity', 'phase-list', 'component', 'template', 'notice',
  'postmortem', 'session', 'token', 'subscription', 'silence', 'config', 'audit-trail',
] as const

/** One of {@link AUDIT_OBJECT_TYPES}. */
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number]

/** One recorded write: who did what to which object, and the object before and after. */
export interface AuditEvent {
  id: string
  at: number
  actor: string
  /** e.g. `incident.create`, `incident.update`, `impact.set`, `maintenance.cancel`. */
  action: string
  objectType: AuditObjectType
  objectId: string
  before: unknown
  after: unknown
  door: AuditDoor
}

/** Who makes a write outside the declared model, for the audit entry it records (tokens, sessions, subscriptions). */
export interface AuditActor {
  actor: string
  door: AuditDoor
}

/**
 * Appends `event` to the hash-chained trail inside the caller's transaction `trx`; the one way
 * every repository records a write.
 *
 * @example
 * await write(async (trx) => { await trx.insertInto('api_tokens').values(row).execute(); await appendAuditEvent(trx, event) })
 */
export async function appendAuditEvent(trx: Kysely<Database>, event: Omit<AuditEvent, 'id'>): Promise<AuditEvent> {
  const stored = { id: newId(), ...event }
  await appendChained(trx, {
    id: stored.id, at: stored.at, actor: stored.actor, action: stored.action, object_type: stored.objectType,
    object_id: stored.objectId, before: stored.before === null ? null : JSON.stringify(stored.before),
    after: stored.after === null ? null : JSON.stringify(stored.after), door: stored.door,
  })
  return stored
}

/** Reads the audit trail (and its hash chain: pages, slices, head — see ./audit-reads.ts). */
export interface AuditRepository extends AuditChainReads {
  /** Events, oldest first; of one object when given. */
  list(query?: { objectType?: AuditEvent['objectType']; objectId?: string; limit?: number }): Promise<AuditEvent[]>
}

/** What a declared transaction may write. */
export interface DeclaredTransaction {
  incidents: IncidentWrites
  maintenance: MaintenanceWrites
  maintenanceSeries: MaintenanceSeriesWrites
  marks: MarkWrites
  catalog: CatalogWrites
  retractions: RetractionWrites
  templates: TemplateWrites
  notices: NoticeWrites
  componentSources: ComponentSourceWrites
  postmortems: PostmortemWrites
  /** Messages that commit with the write (a subscriber event of an incident update). */
  outbox: { enqueue(messages: readonly NewOutboxMessage[], now: number): Promise<string[]> }
  audit: { append(event: Omit<AuditEvent, 'id'>): Promise<AuditEvent> }
}

/** Runs `work` in one transaction over incidents, maintenance and the audit trail. */
export type DeclaredWrite = <T>(work: (tx: DeclaredTransaction) => Promise<T>) => Promise<T>

function toEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: row.id,
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    objectType: row.object_type as AuditEvent['objectType'],
    objectId: row.object_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    door: row.door,
  }
}

/**
 * The audit trail's read side.
 *
 * @example
 * const events = await auditRepository(db).list({ objectType: 'incident', objectId: id })
 */
export function auditRepository(db: Kysely<Database>): AuditRepository {
  return {
    ...auditChainReads(db),
    async list(query = {}) {
      let select = db.selectFrom('audit_events').selectAll().orderBy('id').limit(query.limit ?? 1000)
      if (query.objectType !== undefined) select = select.where('object_type', '=', query.objectType)
      if (query.objectId !== undefined) select = select.where('object_id', '=', query.objectId)
      return (await select.execute()).map(toEvent)
    },
  }
}

/**
 * The declared write path over the store's write transaction.
 *
 * @example
 * const writeDeclared = declaredWrite(write)
 * await writeDeclared(async (tx) => { await tx.incidents.insert(row); await tx.audit.append(event) })
 */
export function declaredWrite(write: WriteTransaction): DeclaredWrite {
  return (work) =>
    write((trx) =>
      work({
        incidents: incidentWrites(trx),
        maintenance: maintenanceWrites(trx),
        maintenanceSeries: maintenanceSeriesWrites(trx),
        marks: markWrites(trx),
        catalog: catalogWrites(trx),
        retractions: retractionWrites(trx),
        templates: templateWrites(trx),
        notices: noticeWrites(trx),
        componentSources: componentSourceWrites(trx),
        postmortems: postmortemWrites(trx),
        outbox: { enqueue: (messages, now) => insertOutbox(trx, messages, now) },
        audit: { append: (event) => appendAuditEvent(trx, event) },
      }),
    )
}
