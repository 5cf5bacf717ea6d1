/**
 * The audit entries of subscription writes. An e-mail subscriber appears by the subscription's
 * random id only — never the address, not even its hash: the consent record (address hash,
 * consent time and how) lives in the subscription row as long as the subscription does, and an
 * append-only trail must not keep a key to a person who asked to be forgotten. A webhook appears
 * by its target with secret query values and userinfo passwords redacted, never its signing
 * secret or access token. A deletion entry keeps nothing of what was deleted but the kind.
 *
 * @module
 */
import { DEFAULT_REDACT } from '../config/index.js'
import { redactUrl } from '../core/redact.js'
import type { AuditActor, SubscriptionRow } from '../store/index.js'
import type { NewAuditEntry } from './session-entries.js'

/** The actor of writes made by a subscriber through the public links and forms. */
export const SUBSCRIBER_ACTOR: AuditActor = { actor: 'subscriber', door: 'api' }

/** Subscription actions recorded in the trail. */
export type SubscriptionAction = 'subscription.create' | 'subscription.renew' | 'subscription.confirm' | 'subscription.update' | 'subscription.delete'

/**
 * What an entry keeps of a subscriber: no address, no secret.
 *
 * @example
 * subscriptionSnapshot(row) // { kind: 'email', format: 'email', components: [], confirmed: true, … }
 */
export function subscriptionSnapshot(row: SubscriptionRow): Record<string, unknown> {
  return {
    kind: row.kind,
    format: row.format,
    ...(row.kind === 'email' ? {} : { name: row.name, target: row.target === null ? null : redactUrl(row.target, DEFAULT_REDACT), roomId: row.roomId }),
    components: row.components,
    locations: row.locations,
    confirmed: row.confirmedAt !== null,
    consentAt: row.consentAt === null ? null : new Date(row.consentAt).toISOString(),
    consent: row.consent,
  }
}

/**
 * An entry of `action` on subscriber `id` from `before` to `after` (rows; null where absent). A
 * `subscription.delete` keeps only the kind and format of the deleted row.
 *
 * @example
 * await store.subscriptions.insert(row, messages, subscriptionEntry('subscription.create', SUBSCRIBER_ACTOR, now, row.id, null, row))
 */
export function subscriptionEntry(action: SubscriptionAction, by: AuditActor, at: number, id: string, before: SubscriptionRow | null, after: SubscriptionRow | null): NewAuditEntry {
  const deleted = action === 'subscription.delete' && before !== null ? { kind: before.kind, format: before.format } : null
  return {
    ...by, at, action, objectType: 'subscription', objectId: id,
    before: deleted ?? (before === null ? null : subscriptionSnapshot(before)),
    after: after === null ? null : subscriptionSnapshot(after),
  }
}
