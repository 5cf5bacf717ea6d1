/**
 * What subscribers are told: one event per public change (an incident opened, updated or
 * resolved; a maintenance window announced, reminded, started, completed or cancelled). A write
 * with `notify` queues ONE event message for the receiver {@link FAN_OUT_RECEIVER} in its own
 * transaction; the fan-out turns it into one message per matching subscriber.
 *
 * @module
 */
import { z } from 'zod'
import { derivedUuid, type DeclaredTransaction, type MaintenanceRow, type NewOutboxMessage, type Store } from '../store/index.js'

/** The outbox receiver of events before the fan-out. */
export const FAN_OUT_RECEIVER = 'subscriptions'
/** The topic of events and of the per-subscriber messages made from them. */
export const EVENT_TOPIC = 'subscriber-event'
/** The topic of a confirmation mail (double opt-in). */
export const CONFIRM_TOPIC = 'subscription-confirm'

/** Every kind of event, as `webhook` type names. */
export const EVENT_KINDS = [
  'incident.opened', 'incident.updated', 'incident.resolved',
  'maintenance.announced', 'maintenance.reminder', 'maintenance.started', 'maintenance.completed', 'maintenance.cancelled',
  'postmortem.published',
] as const
export type SubscriberEventKind = (typeof EVENT_KINDS)[number]

/** A component an event touches; `locations: null` means every location. */
export const EventTargetSchema = z.object({ component: z.string(), locations: z.array(z.string()).nullable() })
export type EventTarget = z.infer<typeof EventTargetSchema>

/** One event, as stored in the outbox (public data only: it is what every subscriber may see). */
export const SubscriberEventSchema = z.object({
  id: z.string(),
  kind: z.enum(EVENT_KINDS),
  at: z.number(),
  subject: z.object({ type: z.enum(['incident', 'maintenance', 'postmortem']), id: z.string() }),
  title: z.string(),
  /** The update's text or the window's description (Markdown source). */
  text: z.string().nullable(),
  /** The incident's phase after the update. */
  phase: z.string().nullable(),
  window: z.object({ start: z.number(), end: z.number() }).nullable(),
  targets: z.array(EventTargetSchema),
})
export type SubscriberEvent = z.infer<typeof SubscriberEventSchema>

/**
 * The stable id of an event: the same change always gets the same id, so queuing it twice (a
 * retried write, a restarted reminder job) queues it once.
 *
 * @example
 * eventId('maintenance', windowId, `reminder@${start}`)
 */
export function eventId(type: SubscriberEvent['subject']['type'], id: string, what: string): string {
  return derivedUuid('glasshouse:subscriber-event:', `${type}:${id}:${what}`)
}

/** The outbox message of an event, for {@link FAN_OUT_RECEIVER}. */
export function eventMessage(event: SubscriberEvent): NewOutboxMessage {
  return { id: event.id, receiver: FAN_OUT_RECEIVER, topic: EVENT_TOPIC, payload: event }
}

/**
 * Queues `event` inside a declared transaction, so it commits (or not) with the write.
 *
 * @example
 * if (input.notify) await queueEvent(tx, incidentEvent(...), now)
 */
export async function queueEvent(tx: DeclaredTransaction, event: SubscriberEvent, now: number): Promise<void> {
  await tx.outbox.enqueue([eventMessage(event)], now)
}

/**
 * Groups impacts (component, location) into targets.
 *
 * @example
 * targetsOfImpacts([{ component: 'compute', location: 'R1' }, { component: 'compute', location: 'R2' }])
 * // [{ component: 'compute', locations: ['R1', 'R2'] }]
 */
export function targetsOfImpacts(impacts: readonly { component: string; location: string }[]): EventTarget[] {
  const byComponent = new Map<string, Set<string>>()
  for (const impact of impacts) byComponent.set(impact.component, (byComponent.get(impact.component) ?? new Set()).add(impact.location))
  return [...byComponent].map(([component, locations]) => ({ component, locations: [...locations].sort() }))
}

/**
 * The subscriber event of a window: announced and cancelled come from writes, reminder, started
 * and completed from the subscriptions' maintenance job (ids include the start, so a moved window
 * is announced again).
 *
 * @example
 * windowEvent(row, 'announced', Date.now())
 */
export function windowEvent(row: MaintenanceRow, what: 'announced' | 'reminder' | 'started' | 'completed' | 'cancelled', at: number): SubscriberEvent {
  return {
    id: eventId('maintenance', row.id, `${what}@${row.start}`), kind: `maintenance.${what}`, at, subject: { type: 'maintenance', id: row.id },
    title: row.title, text: row.description, phase: null, window: { start: row.start, end: row.end },
    targets: row.targets.map((target) => ({ component: target.component, locations: target.locations })),
  }
}

/**
 * Whether subscribers were told of the window as it stands: its announcement for its current
 * start is in the outbox. The maintenance job follows only such windows, and the fan-out drops the
 * cancellation of a window nobody was told of.
 *
 * @example
 * if (await wasAnnounced(store, row)) …
 */
export async function wasAnnounced(store: Store, window: { id: string; start: number }): Promise<boolean> {
  return (await store.outbox.get(eventId('maintenance', window.id, `announced@${window.start}`))) !== null
}
