/**
 * CORS of the SCS API: preflights for reads from any origin by default, none for writes unless
 * the origin is configured; the actual answers carry the matching headers.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { scsFixture, TOKENS, type ScsFixture } from './support.js'

const WEB_CLIENT = 'https://status.example.com'
const OTHER = 'https://evil.example.net'

function preflight(fixture: ScsFixture, path: string, origin: string, method: string, headers = 'content-type') {
  return fixture.app.request(`/scs${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } })
}

describe('SCS CORS, defaults (any origin reads, none writes)', () => {
  let fixture: ScsFixture
  before(async () => {
    fixture = await scsFixture()
  })
  after(() => fixture.dispose())

  test('a read preflight from any origin is allowed with *', async () => {
    for (const path of ['/components', '/incidents', '/phases', '/severities', '/impacttypes']) {
      const res = await preflight(fixture, path, OTHER, 'GET')
      assert.equal(res.status, 204)
      assert.equal(res.headers.get('access-control-allow-origin'), '*')
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /GET/)
      assert.doesNotMatch(res.headers.get('access-control-allow-methods') ?? '', /POST|PATCH|DELETE/)
    }
  })

  test('the actual read answer carries Access-Control-Allow-Origin', async () => {
    const res = await fixture.app.request('/scs/components', { headers: { origin: OTHER } })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
  })

  test('a write preflight gets no CORS headers, so the browser refuses the write', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      const res = await preflight(fixture, '/incidents', WEB_CLIENT, method, 'authorization, content-type')
      assert.equal(res.status, 204)
      assert.equal(res.headers.get('access-control-allow-origin'), null, method)
      assert.equal(res.headers.get('access-control-allow-methods'), null, method)
    }
    const write = await fixture.app.request('/scs/components', { method: 'POST', headers: { origin: WEB_CLIENT, authorization: `Bearer ${TOKENS.operator}`, 'content-type': 'application/json' }, body: '{"displayName":"X"}' })
    assert.equal(write.headers.get('access-control-allow-origin'), null)
  })
})

describe('SCS CORS, a configured write origin', () => {
  let fixture: ScsFixture
  before(async () => {
    fixture = await scsFixture({ allowedOrigins: [WEB_CLIENT], writeOrigins: [WEB_CLIENT] })
  })
  after(() => fixture.dispose())

  test('the configured origin may preflight and make writes with Authorization', async () => {
    const res = await preflight(fixture, '/incidents', WEB_CLIENT, 'PATCH', 'authorization, content-type')
    assert.equal(res.headers.get('access-control-allow-origin'), WEB_CLIENT)
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PATCH/)
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/)
    assert.match(res.headers.get('vary') ?? '', /Origin/)
    const write = await fixture.app.request('/scs/components', { method: 'POST', headers: { origin: WEB_CLIENT, authorization: `Bearer ${TOKENS.operator}`, 'content-type': 'application/json' }, body: '{"displayName":"X"}' })
    assert.equal(write.status, 201)
    assert.equal(write.headers.get('access-control-allow-origin'), WEB_CLIENT)
  })

  test('another origin may neither read nor write from a browser', async () => {
    assert.equal((await preflight(fixture, '/components', OTHER, 'GET')).headers.get('access-control-allow-origin'), null)
    assert.equal((await preflight(fixture, '/incidents', OTHER, 'POST')).headers.get('access-control-allow-origin'), null)
    assert.equal((await fixture.app.request('/scs/components', { headers: { origin: OTHER } })).headers.get('access-control-allow-origin'), null)
  })
})

describe('operatorWriter (the hook on Glasshouse tokens)', () => {
  test('operator and admin write as the token name; reporter 403; anonymous 401', async () => {
    const { Hono } = await import('hono')
    const { operatorWriter } = await import('../../src/api/scs/index.js')
    const { ApiError } = await import('../../src/api/index.js')
    const app = new Hono()
    app.use(async (c, next) => {
      const scope = c.req.header('x-scope')
      c.set('principal', scope === undefined ? undefined : { tokenId: 't', name: `${scope}-token`, scope: scope as 'operator' })
      await next()
    })
    app.post('/w', async (c) => c.text(await operatorWriter(c)))
    app.onError((error, c) => c.text(String(error instanceof ApiError ? error.status : 500), error instanceof ApiError ? error.status : 500))
    assert.equal(await (await app.request('/w', { method: 'POST', headers: { 'x-scope': 'operator' } })).text(), 'operator-token')
    assert.equal(await (await app.request('/w', { method: 'POST', headers: { 'x-scope': 'admin' } })).text(), 'admin-token')
    assert.equal((await app.request('/w', { method: 'POST', headers: { 'x-scope': 'reporter' } })).status, 403)
    assert.equal((await app.request('/w', { method: 'POST' })).status, 401)
  })
})
