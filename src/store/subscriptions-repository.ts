/**
 * Subscribers: e-mail addresses (double opt-in) and webhook targets, each with the components and
 * locations it follows. Link tokens are kept only as SHA-256 hashes; a deleted subscriber leaves
 * no row behind. Writes that must commit with outgoing messages (a confirmation mail) take them
 * along into the same transaction.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { appendAuditEvent, type AuditEvent } from './audit-repository.js'
import { insertOutbox, type NewOutboxMessage } from './outbox-repository.js'
import type { Database, SubscriptionsTable } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** How a subscriber is told: e-mail, or one of the webhook formats. */
export type SubscriptionFormat = 'email' | 'standard' | 'slack' | 'teams' | 'matrix'

/** A stored subscriber. Empty `components` and `locations` follow everything. */
export interface SubscriptionRow {
  id: string
  kind: 'email' | 'webhook'
  format: SubscriptionFormat
  /** An operator's label of a webhook; null for e-mail. */
  name: string | null
  address: string | null
  /** SHA-256 hex of the lower-cased address. */
  addressHash: string | null
  /** The webhook URL, or the Matrix homeserver's base URL. */
  target: string | null
  roomId: string | null
  /** The `whsec_` signing secret, or the Matrix access token. Never shown after creation. */
  secret: string | null
  components: string[]
  locations: string[]
  confirmedAt: number | null
  consentAt: number | null
  /** How consent was given (door, form), never the client's address. */
  consent: Record<string, string> | null
  confirmTokenHash: string | null
  confirmExpiresAt: number | null
  /** When the last confirmation mail was queued (a second subscribe within a window sends none). */
  confirmSentAt: number | null
  manageTokenHash: string | null
  createdAt: number
  updatedAt: number
  createdBy: string | null
}

/** A change of a subscriber. */
export type SubscriptionPatch = Partial<Omit<SubscriptionRow, 'id' | 'kind' | 'createdAt'>>

/** The audit entry a subscription write records in its transaction. */
export type SubscriptionAuditEntry = Omit<AuditEvent, 'id'>

/** Reads and writes subscribers; each write takes its audit entry into the same transaction. */
export interface SubscriptionsRepository {
  /** Inserts `row` and queues `messages` in one transaction. */
  insert(row: SubscriptionRow, messages?: readonly NewOutboxMessage[], audit?: SubscriptionAuditEntry): Promise<void>
  /** Changes a row and queues `messages` in one transaction; false when no such row. */
  update(id: string, patch: SubscriptionPatch & { updatedAt: number }, messages?: readonly NewOutboxMessage[], audit?: SubscriptionAuditEntry): Promise<boolean>
  /** Deletes a subscriber; false when there was none (and then `audit` is not recorded). */
  delete(id: string, audit?: SubscriptionAuditEntry): Promise<boolean>
  get(id: string): Promise<SubscriptionRow | null>
  byAddressHash(hash: string): Promise<SubscriptionRow | null>
  byConfirmTokenHash(hash: string): Promise<SubscriptionRow | null>
  byManageTokenHash(hash: string): Promise<SubscriptionRow | null>
  /** Every subscriber that may receive notices (webhooks, confirmed e-mail), oldest first. */
  active(): Promise<SubscriptionRow[]>
  /** Every subscriber, oldest first, optionally of one kind. */
  list(kind?: SubscriptionRow['kind']): Promise<SubscriptionRow[]>
}

type Columns = Omit<Selectable<SubscriptionsTable>, 'id' | 'kind' | 'created_at'>

function toColumns(patch: SubscriptionPatch): Partial<Columns> {
  const columns: Partial<Columns> = {}
  const set = <K extends keyof Columns>(key: K, value: Columns[K] | undefined) => {
    if (value !== undefined) columns[key] = value
  }
  set('format', patch.format)
  set('name', patch.name)
  set('address', patch.address)
  set('address_hash', patch.addressHash)
  set('target', patch.target)
  set('room_id', patch.roomId)
  set('secret', patch.secret)
  set('components', patch.components === undefined ? undefined : JSON.stringify(patch.components))
  set('locations', patch.locations === undefined ? undefined : JSON.stringify(patch.locations))
  set('confirmed_at', patch.confirmedAt)
  set('consent_at', patch.consentAt)
  set('consent', patch.consent === undefined ? undefined : patch.consent === null ? null : JSON.stringify(patch.consent))
  set('confirm_token_hash', patch.confirmTokenHash)
  set('confirm_expires_at', patch.confirmExpiresAt)
  set('confirm_sent_at', patch.confirmSentAt)
  set('manage_token_hash', patch.manageTokenHash)
  set('updated_at', patch.updatedAt)
  set('created_by', patch.createdBy)
  return columns
}

const nullableNumber = (value: number | string | null) => (value === null ? null : Number(value))

function toRow(row: Selectable<SubscriptionsTable>): SubscriptionRow {
  return {
    id: row.id,
    kind: row.kind as SubscriptionRow['kind'],
    format: row.format as SubscriptionFormat,
    name: row.name,
    address: row.address,
    addressHash: row.address_hash,
    target: row.target,
    roomId: row.room_id,
    secret: row.secret,
    components: JSON.parse(row.components) as string[],
    locations: JSON.parse(row.locations) as string[],
    confirmedAt: nullableNumber(row.confirmed_at),
    consentAt: nullableNumber(row.consent_at),
    consent: row.consent === null ? null : (JSON.parse(row.consent) as Record<string, string>),
    confirmTokenHash: row.confirm_token_hash,
    confirmExpiresAt: nullableNumber(row.confirm_expires_at),
    confirmSentAt: nullableNumber(row.confirm_sent_at),
    manageTokenHash: row.manage_token_hash,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    createdBy: row.created_by,
  }
}

/**
 * Builds the subscriptions repository over `db`, writing through `write`.
 *
 * @example
 * await store.subscriptions.insert(row, [{ receiver: `subscriber:${row.id}`, topic: 'subscription-confirm', payload }])
 * const followers = await store.subscriptions.active()
 */
export function subscriptionsRepository(db: Kysely<Database>, write: WriteTransaction): SubscriptionsRepository {
  const one = async (column: 'id' | 'address_hash' | 'confirm_token_hash' | 'manage_token_hash', value: string) => {
    const row = await db.selectFrom('subscriptions').selectAll().where(column, '=', value).executeTakeFirst()
    return row === undefined ? null : toRow(row)
  }
  return {
    async insert(row, messages = [], audit) {
      const { id, kind, createdAt, ...rest } = row
      await write(async (trx) => {
        await trx.insertInto('subscriptions').values({ id, kind, created_at: createdAt, ...(toColumns(rest) as Columns) }).execute()
        await insertOutbox(trx, messages, createdAt)
        if (audit !== undefined) await appendAuditEvent(trx, audit)
      })
    },
    async update(id, patch, messages = [], audit) {
      return write(async (trx) => {
        const result = await trx.updateTable('subscriptions').set(toColumns(patch)).where('id', '=', id).executeTakeFirst()
        if (Number(result.numUpdatedRows) === 0) return false
        await insertOutbox(trx, messages, patch.updatedAt)
        if (audit !== undefined) await appendAuditEvent(trx, audit)
        return true
      })
    },
    async delete(id, audit) {
      return write(async (trx) => {
        const result = await trx.deleteFrom('subscriptions').where('id', '=', id).executeTakeFirst()
        const deleted = Number(result.numDeletedRows) > 0
        // Erasure takes the delivery records along: a refusal may echo the address into last_error.
        if (deleted) await trx.deleteFrom('outbox').where('receiver', '=', `subscriber:${id}`).execute()
        if (deleted && audit !== undefined) await appendAuditEvent(trx, audit)
        return deleted
      })
    },
    get: (id) => one('id', id),
    byAddressHash: (hash) => one('address_hash', hash),
    byConfirmTokenHash: (hash) => one('confirm_token_hash', hash),
    byManageTokenHash: (hash) => one('manage_token_hash', hash),
    async active() {
      const rows = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where((eb) => eb.or([eb('kind', '=', 'webhook'), eb('confirmed_at', 'is not', null)]))
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      return rows.map(toRow)
    },
    async list(kind) {
      let query = db.selectFrom('subscriptions').selectAll().orderBy('created_at').orderBy('id')
      if (kind !== undefined) query = query.where('kind', '=', kind)
      return (await query.execute()).map(toRow)
    },
  }
}
