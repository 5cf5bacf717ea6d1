/**
 * The sweep's part beyond measurements: the audit trail's front (attested first, then removed
 * behind a moving anchor), subscriber personal data, and delivery logs (finished outbox
 * messages). Each in batches of short transactions with yields between.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { FinishedMessage, MessageCursor, Store } from '../store/index.js'
import { EVENT_TOPIC, FAN_OUT_RECEIVER, LATE_LIMIT_MS } from '../subscriptions/index.js'
import { drain, ROWS_PER_BATCH } from './batches.js'

/**
 * Removes audit entries recorded before `olderThan` from the front of the chain: one
 * `retention.audit-pruned` entry first (how many, up to which position and hash), then batches
 * that delete and move the anchor together, so every commit leaves a chain `audit verify`
 * proves. Resolves to how many entries went.
 *
 * @example
 * await sweepAudit(store, now - 365 * 86_400_000, now)
 */
export async function sweepAudit(store: Store, olderThan: number, now: number): Promise<number> {
  const attestation = await store.retention.attestAuditPrune(olderThan, now)
  if (attestation === null) return 0
  return drain(() => store.retention.pruneAudit(attestation.upToSeq, ROWS_PER_BATCH, now))
}

/**
 * Deletes subscriber personal data older than `olderThan`: e-mail sign-ups never confirmed (the
 * address and its consent trail; a sign-up whose link is still valid stays), and the delivery
 * records of subscribers who are gone (an unsubscribe deletes the subscriber at once; the
 * messages sent to it keep only its id, and go after this period rather than `deliveryLogs`).
 *
 * @example
 * await sweepSubscriberData(store, now - 30 * 86_400_000, now)
 */
export async function sweepSubscriberData(store: Store, olderThan: number, now: number): Promise<number> {
  const signUps = await drain(() => store.retention.deleteUnconfirmedSubscribers(olderThan, now, ROWS_PER_BATCH))
  const deliveries = await drain(() => store.retention.deleteGoneSubscriberMessages(olderThan, ROWS_PER_BATCH))
  return signUps + deliveries
}

/**
 * Whether a finished message must outlive delivery-log retention: a maintenance event before
 * the fan-out is the record that the window was announced (reminders, starts, completions and
 * cancellations follow only announced windows, and the maintenance job queues each once by
 * looking it up), so it stays until the window is over and too late for any of them.
 */
function stillNeeded(message: FinishedMessage, now: number): boolean {
  if (message.receiver !== FAN_OUT_RECEIVER || message.topic !== EVENT_TOPIC) return false
  const { window } = JSON.parse(message.payload) as { window?: { end?: unknown } | null }
  return typeof window?.end === 'number' && window.end + LATE_LIMIT_MS > now
}

/**
 * Deletes sent and dead outbox messages created before `olderThan` (alerts, subscriber mails
 * and webhooks, with their last error); pending ones are never touched. Resolves to how many went.
 *
 * @example
 * await sweepDeliveryLogs(store, now - 90 * 86_400_000, now)
 */
export async function sweepDeliveryLogs(store: Store, olderThan: number, now: number): Promise<number> {
  let total = 0
  let after: MessageCursor | null = null
  for (;;) {
    const batch = await store.retention.finishedMessages(olderThan, after, ROWS_PER_BATCH)
    const last = batch.at(-1)
    if (last === undefined) return total
    total += await store.retention.deleteMessages(batch.filter((message) => !stillNeeded(message, now)).map((message) => message.id))
    after = { createdAt: last.createdAt, id: last.id }
    await yieldToLoop()
    if (batch.length < ROWS_PER_BATCH) return total
  }
}
