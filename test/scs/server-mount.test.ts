/**
 * The SCS API as `glasshouse serve` mounts it: under the configured prefix, on real tokens, and
 * the native read API answering the SCS web client's CORS preflights too.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { issueToken } from '../../src/api/auth/index.js'
import { ScsSchema } from '../../src/config/index.js'
import type { Store } from '../../src/store/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

describe('the SCS API mounted in the server', () => {
  let app: ReturnType<typeof testServerApp>
  let store: Store
  let dispose: () => Promise<void>
  let operator: string
  let reporter: string

  before(async () => {
    const temp = await tempStore()
    store = temp.store
    dispose = temp.dispose
    await store.components.sync([{ name: 'compute', displayName: 'Compute' }], Date.now())
    const by = { now: Date.now(), createdBy: 'test' }
    operator = (await issueToken(store.tokens, { name: 'ops', scope: 'operator' }, by)).token
    reporter = (await issueToken(store.tokens, { name: 'bot', scope: 'reporter' }, by)).token
    app = testServerApp(store, { scs: ScsSchema.parse({ prefix: '/status-api' }) })
  })
  after(() => dispose())

  test('reads answer under the configured prefix, and not under the default one', async () => {
    const res = await app.request('/status-api/components')
    assert.equal(res.status, 200)
    const { data } = (await res.json()) as { data: { displayName: string }[] }
    assert.deepEqual(data.map((c) => c.displayName), ['Compute'])
    assert.equal((await app.request('/scs/components')).status, 404)
  })

  test('writes need an operator token; a dead token is refused with the reference message field; the writer is audited by token name', async () => {
    const post = (authorization?: string) =>
      app.request('/status-api/impacttypes', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
        body: JSON.stringify({ displayName: 'Slow API', description: 'calls take longer' }),
      })
    const anonymous = await post()
    assert.equal(anonymous.status, 401)
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/)
    const forged = await post(`Bearer gh_${'x'.repeat(43)}`)
    assert.equal(forged.status, 401)
    const body = (await forged.json()) as { message?: string; status: number }
    assert.equal(body.status, 401)
    assert.equal(typeof body.message, 'string', 'SCS errors carry the reference server message field')
    assert.equal((await post(`Bearer ${reporter}`)).status, 403)
    const created = await post(`Bearer ${operator}`)
    assert.equal(created.status, 201)
    const events = await store.audit.list({ objectType: 'impact-type' })
    assert.ok(events.some((event) => event.actor === 'ops'))
  })

  test('the native read API answers a cross-origin preflight for reads, never for writes', async () => {
    const preflight = (method: string) =>
      app.request('/api/v1/status', { method: 'OPTIONS', headers: { origin: 'https://client.example', 'access-control-request-method': method } })
    const read = await preflight('GET')
    assert.equal(read.headers.get('access-control-allow-origin'), '*')
    const write = await preflight('POST')
    assert.equal(write.headers.get('access-control-allow-origin'), null)
    const answer = await app.request('/api/v1/status', { headers: { origin: 'https://client.example' } })
    assert.equal(answer.status, 200)
    assert.equal(answer.headers.get('access-control-allow-origin'), '*')
  })
})
