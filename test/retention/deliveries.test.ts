/**
 * Retention of subscriber personal data and delivery logs: unconfirmed sign-ups and the delivery
 * records of gone subscribers go after `subscriberData`; sent and dead outbox messages after
 * `deliveryLogs`; pending messages, confirmed subscribers and the record that a maintenance
 * window not yet over was announced stay.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createRetentionJob, DEFAULT_RETENTION, sweep } from '../../src/retention/index.js'
import { newId } from '../../src/core/index.js'
import type { NewOutboxMessage, Store, SubscriptionRow } from '../../src/store/index.js'
import { EVENT_TOPIC, FAN_OUT_RECEIVER } from '../../src/subscriptions/index.js'
import { fakeClock, memoryLog } from '../records-job/fixtures.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const DAY = 86_400_000
const NOW = Date.parse('2026-12-07T03:00:00Z')
const POLICY = { ...DEFAULT_RETENTION, rawMs: null, minuteMs: null, hourMs: null, subscriberMs: 30 * DAY, deliveryMs: 90 * DAY }

function emailRow(address: string, at: number, confirmed: boolean, confirmExpiresAt: number): SubscriptionRow {
  return {
    id: newId(), kind: 'email', format: 'email', name: null, address, addressHash: `hash-of-${address}`, target: null, roomId: null, secret: null,
    components: [], locations: [], confirmedAt: confirmed ? at : null, consentAt: confirmed ? at : null, consent: confirmed ? { door: 'subscribe form' } : null,
    confirmTokenHash: `confirm-${address}`, confirmExpiresAt, confirmSentAt: at, manageTokenHash: `manage-${address}`, createdAt: at, updatedAt: at, createdBy: null,
  }
}

/** Queues one message at `at` and finishes it as `status`; resolves to its id. */
async function message(store: Store, at: number, status: 'pending' | 'sent' | 'dead', fields: Omit<NewOutboxMessage, 'id'>): Promise<string> {
  const [id] = await store.outbox.enqueue([fields], at)
  if (status === 'sent') await store.outbox.markSent(id!, at + 1)
  if (status === 'dead') await store.outbox.markDead(id!, 'connection refused')
  return id!
}

function maintenanceEvent(end: number): unknown {
  return { id: newId(), kind: 'maintenance.announced', at: end - DAY, subject: { type: 'maintenance', id: newId() }, title: 'Upgrade', text: null, phase: null, window: { start: end - DAY, end }, targets: [] }
}

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`subscriber data and delivery log retention on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('each kind goes after its own period; what is still needed stays; a rerun deletes nothing', () =>
      withStore(dialect, async (store) => {
        const staleSignUp = emailRow('stale@example.org', NOW - 40 * DAY, false, NOW - 39 * DAY)
        const freshSignUp = emailRow('fresh@example.org', NOW - 5 * DAY, false, NOW - 4 * DAY)
        const linkStillValid = emailRow('slow@example.org', NOW - 40 * DAY, false, NOW + DAY)
        const subscriber = emailRow('kept@example.org', NOW - 400 * DAY, true, NOW - 399 * DAY)
        for (const row of [staleSignUp, freshSignUp, linkStillValid, subscriber]) await store.subscriptions.insert(row)

        const gone = `subscriber:${newId()}`
        const kept = new Set([
          await message(store, NOW - 20 * DAY, 'sent', { receiver: gone, topic: EVENT_TOPIC, payload: {} }),
          await message(store, NOW - 40 * DAY, 'sent', { receiver: `subscriber:${subscriber.id}`, topic: EVENT_TOPIC, payload: {} }),
          await message(store, NOW - 100 * DAY, 'pending', { receiver: 'oncall', topic: 'alert', payload: {} }),
          await message(store, NOW - 100 * DAY, 'sent', { receiver: FAN_OUT_RECEIVER, topic: EVENT_TOPIC, payload: maintenanceEvent(NOW + 10 * DAY) }),
        ])
        const deleted = new Set([
          await message(store, NOW - 40 * DAY, 'pending', { receiver: `subscriber:${staleSignUp.id}`, topic: 'subscription-confirm', payload: { issuedAt: NOW - 40 * DAY } }),
          await message(store, NOW - 40 * DAY, 'dead', { receiver: gone, topic: EVENT_TOPIC, payload: {} }),
          await message(store, NOW - 100 * DAY, 'sent', { receiver: `subscriber:${subscriber.id}`, topic: EVENT_TOPIC, payload: {} }),
          await message(store, NOW - 100 * DAY, 'dead', { receiver: 'oncall', topic: 'alert', payload: {} }),
          await message(store, NOW - 100 * DAY, 'sent', { receiver: FAN_OUT_RECEIVER, topic: EVENT_TOPIC, payload: maintenanceEvent(NOW - 95 * DAY) }),
          await message(store, NOW - 100 * DAY, 'sent', { receiver: FAN_OUT_RECEIVER, topic: EVENT_TOPIC, payload: { ...(maintenanceEvent(0) as object), window: null } }),
        ])

        const counts = await sweep(store, POLICY, NOW)
        assert.deepEqual([counts.subscriberData, counts.deliveryLogs], [2, 4], JSON.stringify(counts))
        assert.deepEqual((await store.subscriptions.list()).map((row) => row.address).sort(), ['fresh@example.org', 'kept@example.org', 'slow@example.org'])
        const left = new Set((await store.outbox.list({ limit: 100 })).map((row) => row.id))
        assert.deepEqual(left, kept)
        for (const id of deleted) assert.ok(!left.has(id))

        const again = await sweep(store, POLICY, NOW)
        assert.deepEqual([again.subscriberData, again.deliveryLogs], [0, 0])
        const forever = await sweep(store, { ...POLICY, subscriberMs: null, deliveryMs: null }, NOW + 1000 * DAY)
        assert.deepEqual([forever.subscriberData, forever.deliveryLogs], [0, 0], 'forever keeps everything')
      }))

    test('more messages than a batch all go, and the kept ones in between do not stop the walk', () =>
      withStore(dialect, async (store) => {
        const old = NOW - 100 * DAY
        const plenty: NewOutboxMessage[] = Array.from({ length: 1_203 }, (_, n) =>
          n % 100 === 0 ? { receiver: FAN_OUT_RECEIVER, topic: EVENT_TOPIC, payload: maintenanceEvent(NOW + DAY) } : { receiver: 'oncall', topic: 'alert', payload: { n } },
        )
        for (let start = 0; start < plenty.length; start += 300) {
          const ids = await store.outbox.enqueue(plenty.slice(start, start + 300), old)
          for (const id of ids) await store.outbox.markSent(id, old)
        }
        const counts = await sweep(store, POLICY, NOW)
        assert.equal(counts.deliveryLogs, 1_203 - 13)
        assert.equal((await store.outbox.list({ limit: 2_000 })).length, 13)
      }))

    test('the daily job logs what it deleted, each kind by name', () =>
      withStore(dialect, async (store) => {
        await message(store, NOW - 100 * DAY, 'dead', { receiver: 'oncall', topic: 'alert', payload: {} })
        const log = memoryLog()
        await createRetentionJob({ store, clock: fakeClock(NOW), log, policy: POLICY }).runNow()
        const done = log.lines.find((line) => line.message === 'retention sweep done')
        assert.deepEqual(done?.object, { deleted: { results: 0, evaluations: 0, minutes: 0, hours: 0, days: 0, auditEntries: 0, subscriberData: 0, deliveryLogs: 1 } })
      }))
  })
}
