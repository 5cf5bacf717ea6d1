import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startWriteApi, type WriteApi } from './support.js'

describe('token administration through /api/v1', () => {
  let api: WriteApi
  before(async () => (api = await startWriteApi()))
  after(() => api.dispose())

  const withToken = (token: string, method: string, path: string, body?: unknown) =>
    api.app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })

  test('an admin issues a token (value shown once), it works at its scope, is listed without its value, and dies when revoked', async () => {
    const created = await api.call('admin', 'POST', '/api/v1/tokens', { name: 'deploy-bot', scope: 'operator', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
    assert.equal(created.status, 201)
    assert.equal(created.headers.get('cache-control'), 'no-store')
    const issued = (await created.json()) as { id: string; token: string; createdBy: string; scope: string }
    assert.deepEqual([issued.createdBy, issued.scope], ['root', 'operator'])

    const write = await withToken(issued.token, 'POST', '/api/v1/maintenance', {
      title: 'Patch', components: [{ component: 'compute' }], start: new Date(Date.now() + 60_000).toISOString(), end: new Date(Date.now() + 120_000).toISOString(),
    })
    assert.equal(write.status, 201)
    assert.deepEqual((await api.store.audit.list({ objectType: 'maintenance' })).map((e) => e.actor), ['deploy-bot'])
    assert.equal((await withToken(issued.token, 'GET', '/api/v1/tokens')).status, 403, 'an operator token cannot list tokens')

    const listed = await (await api.call('admin', 'GET', '/api/v1/tokens')).text()
    assert.ok(listed.includes('deploy-bot') && !listed.includes(issued.token))
    assert.equal((await api.call('admin', 'POST', `/api/v1/tokens/${issued.id}/revoke`)).status, 200)
    assert.equal((await withToken(issued.token, 'GET', '/api/v1/checks')).status, 401)
    assert.ok(!(await (await api.call('admin', 'GET', '/api/v1/tokens')).text()).includes('deploy-bot'))
    assert.ok((await (await api.call('admin', 'GET', '/api/v1/tokens?all=true')).text()).includes('deploy-bot'))
  })

  test('a reused name is 409, a past expiry 422, an unknown id 404', async () => {
    assert.equal((await api.call('admin', 'POST', '/api/v1/tokens', { name: 'oncall', scope: 'admin' })).status, 409)
    const past = await api.call('admin', 'POST', '/api/v1/tokens', { name: 'late', scope: 'admin', expiresAt: '2020-01-01T00:00:00Z' })
    assert.equal(past.status, 422)
    assert.deepEqual(((await past.json()) as { errors: unknown[] }).errors, [{ path: 'expiresAt', message: 'must be in the future' }])
    assert.equal((await api.call('admin', 'POST', '/api/v1/tokens/0190e7a0-0000-7000-8000-000000000000/revoke')).status, 404)
  })
})
