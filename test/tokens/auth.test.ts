import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createApiApp } from '../../src/api/index.js'
import { issueToken } from '../../src/api/auth/index.js'
import { createStatusReader } from '../../src/status/index.js'
import type { Store } from '../../src/store/index.js'
import { settableClock, type SettableClock } from '../incidents/support.js'
import { tempStore } from '../support/temp-store.js'

describe('bearer tokens on /api/v1', () => {
  let store: Store
  let dispose: () => Promise<void>
  let clock: SettableClock
  let app: ReturnType<typeof createApiApp>
  let reporter: string
  let shortLived: string
  const T0 = Date.UTC(2026, 11, 6, 10)

  before(async () => {
    ;({ store, dispose } = await tempStore())
    clock = settableClock(T0)
    reporter = (await issueToken(store.tokens, { name: 'agent-r1', scope: 'reporter' }, { now: T0, createdBy: 'test' })).token
    shortLived = (await issueToken(store.tokens, { name: 'temp', scope: 'admin', expiresAt: T0 + 60_000 }, { now: T0, createdBy: 'test' })).token
    app = createApiApp({ store, status: createStatusReader({ store, clock }), version: '0.0.0-test', clock })
  })
  after(() => dispose())

  const get = (path: string, authorization?: string) => app.request(path, authorization === undefined ? {} : { headers: { authorization } })

  test('a token of any scope reads what only loopback read before; without one a remote client gets 403', async () => {
    const anonymous = await get('/checks')
    assert.equal(anonymous.status, 403)
    assert.match((await anonymous.json() as { detail: string }).detail, /API token/)
    assert.equal((await get('/checks', `Bearer ${reporter}`)).status, 200)
    assert.equal((await get('/checks', `bearer ${reporter}`)).status, 200, 'the scheme is case-insensitive')
  })

  test('public reads stay anonymous, but a dead or malformed credential is a 401 with a challenge', async () => {
    assert.equal((await get('/status')).status, 200)
    const cases = [['Bearer gh_' + 'A'.repeat(43), /unknown token/], ['Basic dXNlcjpwdw==', /must be "Bearer <token>"/], ['Bearer not-a-token', /not a Glasshouse token/]] as const
    for (const [header, reason] of cases) {
      const res = await get('/status', header)
      assert.equal(res.status, 401, header)
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="glasshouse", error="invalid_token"')
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
      assert.match((await res.json() as { detail: string }).detail, reason)
    }
  })

  test('a token stops working at its expiry instant, and at once when revoked', async () => {
    assert.equal((await get('/checks', `Bearer ${shortLived}`)).status, 200)
    clock.set(T0 + 60_000)
    const expired = await get('/checks', `Bearer ${shortLived}`)
    assert.equal(expired.status, 401)
    assert.match((await expired.json() as { detail: string }).detail, /token "temp" expired at 2026-12-06T10:01:00.000Z/)
    clock.set(T0)
    await store.tokens.revoke((await store.tokens.find('agent-r1'))!.id, T0)
    assert.equal((await get('/checks', `Bearer ${reporter}`)).status, 401)
  })

  test('a weaker scope gets 403 naming the scope it needs (RFC 6750 insufficient_scope)', async () => {
    const weak = (await issueToken(store.tokens, { name: 'agent-r2', scope: 'reporter' }, { now: T0, createdBy: 'test' })).token
    const res = await app.request('/incidents', { method: 'POST', headers: { authorization: `Bearer ${weak}`, 'content-type': 'application/json' }, body: '{}' })
    assert.equal(res.status, 403)
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="glasshouse", error="insufficient_scope", scope="operator"')
    assert.match((await res.json() as { detail: string }).detail, /needs scope operator; token "agent-r2" has reporter/)
  })
})
