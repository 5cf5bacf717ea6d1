/**
 * The store writes outside the declared model (tokens, operator sessions, subscribers, alert
 * silences) append
 * their audit entry in the write's own transaction, on SQLite and PostgreSQL: a write that
 * does not happen (unknown row, already revoked) records nothing, and the chain stays intact.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { signInEntry, signOutEntry, subscriptionEntry, SUBSCRIBER_ACTOR, verifyAuditChain } from '../../src/audit/index.js'
import { newId } from '../../src/core/index.js'
import type { SubscriptionRow } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const T0 = Date.parse('2026-12-07T10:00:00Z')
const parts = dialectParts()

function subscriber(id: string): SubscriptionRow {
  return {
    id, kind: 'email', format: 'email', name: null, address: 'a@example.org', addressHash: 'ab'.repeat(32), target: null, roomId: null, secret: null, components: [], locations: [],
    confirmedAt: null, consentAt: null, consent: null, confirmTokenHash: null, confirmExpiresAt: null, confirmSentAt: null, manageTokenHash: null, createdAt: T0, updatedAt: T0, createdBy: null,
  }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`audited repository writes on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('tokens, sessions and subscribers record one entry per applied write', async () => {
      await withStore(dialect, async (store) => {
        const by = { actor: 'root', door: 'cli' as const }
        const token = await store.tokens.insert({ id: newId(), name: 'ci', scope: 'operator', hash: 'f'.repeat(64), createdAt: T0, createdBy: 'root', expiresAt: null }, by)
        await store.tokens.revoke(token.id, T0 + 1, by)
        await store.tokens.revoke(token.id, T0 + 2, by)
        assert.equal(await store.tokens.revoke(newId(), T0 + 2, by), null)
        const ref = { id: token.id, name: token.name, scope: token.scope }
        await store.operatorSessions.insert({ idHash: 'a'.repeat(64), tokenId: token.id, createdAt: T0, lastSeenAt: T0, expiresAt: T0 + 1000, client: '192.0.2.1' }, signInEntry(ref, T0, T0 + 1000))
        assert.equal(await store.operatorSessions.delete('a'.repeat(64), signOutEntry(ref, T0 + 5)), true)
        assert.equal(await store.operatorSessions.delete('a'.repeat(64), signOutEntry(ref, T0 + 6)), false)
        const row = subscriber(newId())
        await store.subscriptions.insert(row, [], subscriptionEntry('subscription.create', SUBSCRIBER_ACTOR, T0, row.id, null, row))
        assert.equal(await store.subscriptions.update(newId(), { updatedAt: T0 }, [], subscriptionEntry('subscription.confirm', SUBSCRIBER_ACTOR, T0, 'x', row, row)), false)
        assert.equal(await store.subscriptions.delete(row.id, subscriptionEntry('subscription.delete', SUBSCRIBER_ACTOR, T0, row.id, row, null)), true)
        assert.equal(await store.subscriptions.delete(row.id, subscriptionEntry('subscription.delete', SUBSCRIBER_ACTOR, T0, row.id, row, null)), false)
        const silence = await store.alerts.addSilence({ matchers: { component: 'compute' }, startsAt: T0, endsAt: T0 + 3_600_000, createdBy: 'alice', comment: 'upgrade' }, T0, 'cli')
        assert.equal(await store.alerts.expireSilence(silence.id, T0 + 60_000, { actor: 'bob', door: 'cli' }), true)
        assert.equal(await store.alerts.expireSilence(silence.id, T0 + 120_000, { actor: 'bob', door: 'cli' }), false)
        const entries = await store.audit.page({ limit: 100 })
        assert.deepEqual(entries.map((entry) => entry.action), [
          'token.create', 'token.revoke', 'session.sign-in', 'session.sign-out', 'subscription.create', 'subscription.delete', 'silence.create', 'silence.expire',
        ])
        assert.deepEqual(entries.slice(-2).map((entry) => entry.actor), ['alice', 'bob'])
        assert.equal((await verifyAuditChain(store.audit)).intact, true)
      })
    })
  })
}
