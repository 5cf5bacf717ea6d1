import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { issueToken, hashToken } from '../../src/api/auth/index.js'
import { InvalidInputError } from '../../src/incidents/index.js'
import { TokenNameTakenError } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const parts = dialectParts()
const T0 = 1_800_000_000_000

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`api tokens on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a token is stored as its hash only, found by it, listed without it, and revoked once', async () => {
      await withStore(dialect, async (store) => {
        const { token, row } = await issueToken(store.tokens, { name: 'ci', scope: 'operator', expiresAt: T0 + 1000 }, { now: T0, createdBy: 'alice' })
        assert.match(token, /^gh_[A-Za-z0-9_-]{43}$/)
        assert.deepEqual(row, { id: row.id, name: 'ci', scope: 'operator', createdAt: T0, createdBy: 'alice', expiresAt: T0 + 1000, revokedAt: null })
        assert.deepEqual(await store.tokens.byHash(hashToken(token)), row)
        assert.equal(await store.tokens.byHash(hashToken(`${token}x`)), null)
        const listed = await store.tokens.list()
        assert.deepEqual(listed, [row])
        assert.ok(!JSON.stringify(listed).includes(token) && !JSON.stringify(listed).includes(hashToken(token)), 'neither the token nor its hash is listed')
        assert.deepEqual(await store.tokens.find('ci'), row)
        assert.deepEqual(await store.tokens.find(row.id), row)

        assert.equal((await store.tokens.revoke(row.id, T0 + 5))?.revokedAt, T0 + 5)
        assert.equal((await store.tokens.revoke(row.id, T0 + 9))?.revokedAt, T0 + 5, 'revoking twice keeps the first time')
        assert.deepEqual(await store.tokens.list(), [])
        assert.equal((await store.tokens.list({ includeRevoked: true })).length, 1)
        assert.equal(await store.tokens.revoke('no-such-id', T0), null)
      })
    })

    test('names are never reused; bad names, scopes and past expiries are refused', async () => {
      await withStore(dialect, async (store) => {
        const first = await issueToken(store.tokens, { name: 'ci', scope: 'admin' }, { now: T0, createdBy: 'alice' })
        await store.tokens.revoke(first.row.id, T0)
        await assert.rejects(issueToken(store.tokens, { name: 'ci', scope: 'admin' }, { now: T0, createdBy: 'alice' }), TokenNameTakenError)
        await assert.rejects(issueToken(store.tokens, { name: 'has space', scope: 'admin' }, { now: T0, createdBy: 'a' }), InvalidInputError)
        await assert.rejects(issueToken(store.tokens, { name: 'x', scope: 'root' as 'admin' }, { now: T0, createdBy: 'a' }), InvalidInputError)
        await assert.rejects(issueToken(store.tokens, { name: 'x', scope: 'admin', expiresAt: T0 }, { now: T0, createdBy: 'a' }), /expiresAt: must be in the future/)
        assert.equal((await store.tokens.list({ includeRevoked: true })).length, 1)
      })
    })
  })
}
