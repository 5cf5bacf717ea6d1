/**
 * The operator sessions repository on SQLite and PostgreSQL: found by hash only, touched
 * forward, deleted one by one, per token and when expired; sign-ins recorded newest first.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const parts = dialectParts()
const T0 = 1_800_000_000_000
const HOUR = 3_600_000

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`operator sessions on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('sessions are found by hash, touched forward and deleted singly, per token and when expired', async () => {
      await withStore(dialect, async (store) => {
        const sessions = store.operatorSessions
        const row = (idHash: string, tokenId: string, at: number) => ({ idHash, tokenId, createdAt: at, lastSeenAt: at, expiresAt: at + 24 * HOUR, client: '192.0.2.1' })
        await sessions.insert(row('a'.repeat(64), 'token-1', T0))
        await sessions.insert(row('b'.repeat(64), 'token-1', T0))
        await sessions.insert(row('c'.repeat(64), 'token-2', T0 - 20 * HOUR))
        assert.deepEqual(await sessions.byHash('a'.repeat(64)), row('a'.repeat(64), 'token-1', T0))
        assert.equal(await sessions.byHash('d'.repeat(64)), null)
        await sessions.touch('a'.repeat(64), T0 + HOUR)
        await sessions.touch('a'.repeat(64), T0 + 5)
        assert.equal((await sessions.byHash('a'.repeat(64)))?.lastSeenAt, T0 + HOUR, 'never moves back')
        assert.equal(await sessions.deleteExpired(T0 + 9 * HOUR, T0 + 9 * HOUR - 8 * HOUR), 2, 'b is idle, c past its absolute end')
        assert.equal(await sessions.byHash('b'.repeat(64)), null)
        await sessions.insert(row('e'.repeat(64), 'token-1', T0 + HOUR))
        assert.equal(await sessions.deleteForToken('token-1'), 2)
        assert.equal(await sessions.delete('a'.repeat(64)), false)
      })
    })

    test('sign-ins are recorded and listed newest first', async () => {
      await withStore(dialect, async (store) => {
        const base = { tokenId: null, tokenName: null, client: '198.51.100.4' }
        await store.operatorSessions.recordSignIn({ ...base, id: '01', at: T0, outcome: 'refused', reason: 'unknown token' })
        await store.operatorSessions.recordSignIn({ ...base, id: '02', at: T0 + 1, outcome: 'signed-in', reason: 'scope operator', tokenId: 't', tokenName: 'oncall' })
        const listed = await store.operatorSessions.signIns(10)
        assert.deepEqual(listed.map((entry) => [entry.outcome, entry.at, entry.tokenName]), [['signed-in', T0 + 1, 'oncall'], ['refused', T0, null]])
      })
    })
  })
}
