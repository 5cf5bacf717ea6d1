/**
 * Suite `store-subscriptions` on SQLite and PostgreSQL: a subscriber and its confirmation mail
 * commit together; lookups by address hash and token hashes; one row per address; only webhooks
 * and confirmed addresses are active; a delete leaves nothing; a declared write and its
 * subscriber event commit (or roll back) together.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Store, SubscriptionRow } from '../../src/store/index.js'
import { dialectParts, DIALECTS, withStore } from '../store/harness.js'

const parts = dialectParts()
const NOW = 1_800_000_000_000

function emailRow(id: string, address: string, extra: Partial<SubscriptionRow> = {}): SubscriptionRow {
  return {
    id, kind: 'email', format: 'email', name: null, address, addressHash: `hash-${address}`, target: null, roomId: null, secret: null,
    components: ['compute'], locations: [], confirmedAt: null, consentAt: null, consent: null, confirmTokenHash: `confirm-${id}`,
    confirmExpiresAt: NOW + 1000, confirmSentAt: NOW, manageTokenHash: `manage-${id}`, createdAt: NOW, updatedAt: NOW, createdBy: null, ...extra,
  }
}

async function outboxCount(store: Store): Promise<number> {
  return (await store.outbox.list({ limit: 100 })).length
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`subscriptions store (${dialect})`, { skip: part.available ? false : part.skip }, () => {
    test('insert with its mail, lookups, one row per address, active, delete', () =>
      withStore(dialect, async (store) => {
        const a = emailRow('0190e7a0-0000-7000-8000-00000000000a', 'a@example.org')
        await store.subscriptions.insert(a, [{ id: '0190e7a0-0000-7000-8000-0000000000f1', receiver: `subscriber:${a.id}`, topic: 'subscription-confirm', payload: { issuedAt: NOW } }])
        assert.equal(await outboxCount(store), 1)
        assert.deepEqual(await store.subscriptions.get(a.id), a)
        assert.equal((await store.subscriptions.byAddressHash('hash-a@example.org'))?.id, a.id)
        assert.equal((await store.subscriptions.byConfirmTokenHash(`confirm-${a.id}`))?.id, a.id)
        assert.equal((await store.subscriptions.byManageTokenHash(`manage-${a.id}`))?.id, a.id)
        await assert.rejects(store.subscriptions.insert(emailRow('0190e7a0-0000-7000-8000-00000000000b', 'a@example.org'), [{ receiver: 'x', topic: 'y', payload: {} }]))
        assert.equal(await outboxCount(store), 1, 'a refused insert queues no mail')
        assert.deepEqual(await store.subscriptions.active(), [])
        assert.equal(await store.subscriptions.update(a.id, { confirmedAt: NOW + 5, consentAt: NOW + 5, consent: { door: 'form' }, updatedAt: NOW + 5 }), true)
        const webhook: SubscriptionRow = { ...emailRow('0190e7a0-0000-7000-8000-00000000000c', ''), kind: 'webhook', format: 'matrix', address: null, addressHash: null, target: 'https://m.example.org', roomId: '!r:example.org', secret: 'syt_x', confirmTokenHash: null, manageTokenHash: null, components: [], createdAt: NOW + 1 }
        await store.subscriptions.insert(webhook)
        assert.deepEqual((await store.subscriptions.active()).map((row) => row.id), [a.id, webhook.id])
        assert.deepEqual((await store.subscriptions.list('webhook')).map((row) => row.id), [webhook.id])
        assert.deepEqual((await store.subscriptions.get(a.id))?.consent, { door: 'form' })
        assert.equal(await store.subscriptions.update('0190e7a0-0000-7000-8000-0000000000ff', { updatedAt: NOW }), false)
        assert.equal(await store.subscriptions.delete(a.id), true)
        assert.equal(await store.subscriptions.delete(a.id), false)
        assert.equal(await store.subscriptions.byAddressHash('hash-a@example.org'), null)
      }))

    test('a declared write and its subscriber event commit or roll back together', () =>
      withStore(dialect, async (store) => {
        await store.writeDeclared(async (tx) => void (await tx.outbox.enqueue([{ id: '0190e7a0-0000-7000-8000-0000000000e1', receiver: 'subscriptions', topic: 'subscriber-event', payload: {} }], NOW)))
        await assert.rejects(
          store.writeDeclared(async (tx) => {
            await tx.outbox.enqueue([{ id: '0190e7a0-0000-7000-8000-0000000000e2', receiver: 'subscriptions', topic: 'subscriber-event', payload: {} }], NOW)
            throw new Error('the write failed')
          }),
        )
        assert.deepEqual((await store.outbox.list({ limit: 10 })).map((message) => message.id), ['0190e7a0-0000-7000-8000-0000000000e1'])
      }))
  })
}
