/**
 * Alert groups and silences. A group's new state and the messages it causes are written in one
 * transaction, so a crash never leaves a notice queued for a state that was not stored, nor a
 * stored state whose notice was lost.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { newId } from '../core/ids.js'
import { appendAuditEvent, type AuditDoor } from './audit-repository.js'
import { insertOutbox, type NewOutboxMessage } from './outbox-repository.js'
import type { AlertGroupsTable, AlertSilencesTable, Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** The state of one alert group (one per series, per vantage point, per check, …). */
export interface AlertGroup {
  key: string
  status: 'firing' | 'resolved'
  labels: Record<string, string>
  annotations: Record<string, string>
  /** What the last notification said; a different one is a change worth telling. */
  fingerprint: string
  startsAt: number
  /** Since when the condition has been clear while the group still fires; null while it holds. */
  clearSince: number | null
  endsAt: number | null
  /** Receiver name → the last notification queued for it: when, and what it said. */
  notified: Record<string, NotifiedReceiver>
  /** Notifications queued for this group in all (every receiver counted). */
  notifications: number
  updatedAt: number
}

/** What a receiver was last told about a group. */
export interface NotifiedReceiver {
  at: number
  /** The condition's fingerprint it was told. */
  fingerprint: string
  /** The labels it was told (Alertmanager identifies alerts by them). */
  labels: Record<string, string>
}

/** A silence to add: every matcher must equal the alert's label. */
export interface NewSilence {
  matchers: Record<string, string>
  startsAt: number
  endsAt: number
  createdBy: string
  comment: string
}

/** A stored silence. */
export interface Silence extends NewSilence {
  id: string
  createdAt: number
}

/** Reads and writes alert groups and silences. */
export interface AlertsRepository {
  /** Every stored group, by key. */
  groups(): Promise<AlertGroup[]>
  /** Writes the groups and queues the messages in one transaction. */
  save(groups: readonly AlertGroup[], messages: readonly NewOutboxMessage[], now: number): Promise<void>
  /** Deletes resolved groups that ended before `before`; returns how many. */
  pruneResolved(before: number): Promise<number>
  /** Stores a silence; with `door`, a `silence.create` audit entry (actor `createdBy`) commits with it. */
  addSilence(silence: NewSilence, now: number, door?: AuditDoor): Promise<Silence>
  /** Silences not yet ended at `at` (including future ones), soonest end first. */
  silences(at: number): Promise<Silence[]>
  /** Ends a silence at `now`; false when there is none by that id. With `by`, a `silence.expire` entry commits with it. */
  expireSilence(id: string, now: number, by?: { actor: string; door: AuditDoor }): Promise<boolean>
}

function groupRow(group: AlertGroup) {
  return {
    key: group.key,
    status: group.status,
    labels: JSON.stringify(group.labels),
    annotations: JSON.stringify(group.annotations),
    fingerprint: group.fingerprint,
    starts_at: group.startsAt,
    clear_since: group.clearSince,
    ends_at: group.endsAt,
    notified: JSON.stringify(group.notified),
    notifications: group.notifications,
    updated_at: group.updatedAt,
  }
}

/**
 * Builds the alerts repository over `db`, writing through `write`.
 *
 * @example
 * await store.alerts.save([group], [{ receiver: 'oncall', topic: 'alert', payload }], Date.now())
 * const muted = await store.alerts.silences(Date.now())
 */
export function alertsRepository(db: Kysely<Database>, write: WriteTransaction): AlertsRepository {
  return {
    async groups() {
      return (await db.selectFrom('alert_groups').selectAll().orderBy('key').execute()).map(toGroup)
    },
    async save(groups, messages, now) {
      if (groups.length === 0 && messages.length === 0) return
      await write(async (trx) => {
        for (const group of groups) {
          const { key, ...rest } = groupRow(group)
          await trx
            .insertInto('alert_groups')
            .values({ key, ...rest })
            .onConflict((conflict) => conflict.column('key').doUpdateSet(rest))
            .execute()
        }
        await insertOutbox(trx, messages, now)
      })
    },
    async pruneResolved(before) {
      const result = await write((trx) => trx.deleteFrom('alert_groups').where('status', '=', 'resolved').where('ends_at', '<', before).executeTakeFirst())
      return Number(result.numDeletedRows)
    },
    async addSilence(silence, now, door) {
      const stored: Silence = { ...silence, id: newId(), createdAt: now }
      await write(async (trx) => {
        await trx
          .insertInto('alert_silences')
          .values({
            id: stored.id,
            matchers: JSON.stringify(stored.matchers),
            starts_at: stored.startsAt,
            ends_at: stored.endsAt,
            created_by: stored.createdBy,
            comment: stored.comment,
            created_at: now,
          })
          .execute()
        if (door !== undefined) {
          await appendAuditEvent(trx, { at: now, actor: stored.createdBy, door, action: 'silence.create', objectType: 'silence', objectId: stored.id, before: null, after: stored })
        }
      })
      return stored
    },
    async silences(at) {
      return (await db.selectFrom('alert_silences').selectAll().where('ends_at', '>', at).orderBy('ends_at').orderBy('id').execute()).map(toSilence)
    },
    async expireSilence(id, now, by) {
      return write(async (trx) => {
        const result = await trx.updateTable('alert_silences').set({ ends_at: now }).where('id', '=', id).where('ends_at', '>', now).executeTakeFirst()
        const ended = Number(result.numUpdatedRows) > 0
        if (ended && by !== undefined) await appendAuditEvent(trx, { at: now, ...by, action: 'silence.expire', objectType: 'silence', objectId: id, before: null, after: { endsAt: new Date(now).toISOString() } })
        return ended
      })
    },
  }
}

function toGroup(row: Selectable<AlertGroupsTable>): AlertGroup {
  return {
    key: row.key,
    status: row.status === 'firing' ? 'firing' : 'resolved',
    labels: JSON.parse(row.labels) as Record<string, string>,
    annotations: JSON.parse(row.annotations) as Record<string, string>,
    fingerprint: row.fingerprint,
    startsAt: Number(row.starts_at),
    clearSince: row.clear_since === null ? null : Number(row.clear_since),
    endsAt: row.ends_at === null ? null : Number(row.ends_at),
    notified: JSON.parse(row.notified) as Record<string, NotifiedReceiver>,
    notifications: Number(row.notifications),
    updatedAt: Number(row.updated_at),
  }
}

function toSilence(row: Selectable<AlertSilencesTable>): Silence {
  return {
    id: row.id,
    matchers: JSON.parse(row.matchers) as Record<string, string>,
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    createdBy: row.created_by,
    comment: row.comment,
    createdAt: Number(row.created_at),
  }
}
