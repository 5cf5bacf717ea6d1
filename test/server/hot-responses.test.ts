/**
 * The server's fast path: `/` and `/scs/components` answered from memory on the raw request —
 * the same status, headers and bytes as the app, per language, with revalidation, never for a
 * request it cannot judge, and never older than the status snapshot an API write renews.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { issueToken } from '../../src/api/auth/index.js'
import { servePage, type ServedPage } from '../web/fixture.js'
import { loadSpecValidator } from '../scs/spec-validator.js'

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.once('error', reject)
    req.end(body)
  })
}

/** The headers that must be equal between the app's answer and the memory's. */
function comparable(headers: Raw['headers']): Record<string, unknown> {
  const { date: _date, 'x-request-id': requestId, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers
  assert.match(String(requestId), /^[0-9a-f-]{36}$/, 'every answer has its own request id')
  return rest
}

describe('the fast path in front of the app', () => {
  let served: ServedPage
  let operator: string

  before(async () => {
    served = await servePage()
    operator = (await issueToken(served.store.tokens, { name: 'ops', scope: 'operator' }, { now: Date.now(), createdBy: 'test' })).token
  })
  after(() => served.close())

  test('`/` is answered from memory after the app answered it once, with the same headers and bytes, plain and gzip', async () => {
    const gzip = { 'accept-encoding': 'gzip' }
    const first = await get(`${served.url}/`, gzip)
    const before = served.appRequests()
    const second = await get(`${served.url}/`, gzip)
    assert.equal(served.appRequests(), before, 'the second request never reached the app')
    assert.equal(second.status, 200)
    assert.deepEqual(comparable(second.headers), comparable(first.headers))
    assert.equal(second.headers['content-encoding'], 'gzip')
    assert.deepEqual(second.body, first.body)
    assert.notEqual(second.headers['x-request-id'], first.headers['x-request-id'])
    const plain = await get(`${served.url}/`)
    assert.equal(served.appRequests(), before)
    assert.equal(plain.headers['content-encoding'], undefined)
    assert.deepEqual(plain.body, gunzipSync(first.body))
  })

  test('each language is its own answer: German by Accept-Language or cookie, English otherwise', async () => {
    await get(`${served.url}/`, { 'accept-language': 'de-DE, en;q=0.5' })
    const before = served.appRequests()
    const german = await get(`${served.url}/`, { 'accept-language': 'de-DE, en;q=0.5' })
    const byCookie = await get(`${served.url}/`, { cookie: 'other=1; glasshouse_lang=de', 'accept-language': 'en' })
    const english = await get(`${served.url}/`, { 'accept-language': 'fr, en;q=0.2' })
    assert.equal(served.appRequests(), before)
    assert.match(german.body.toString(), /<html lang="de"/)
    assert.match(byCookie.body.toString(), /<html lang="de"/)
    assert.match(english.body.toString(), /<html lang="en"/)
  })

  test('If-None-Match with the current ETag gets 304 from memory', async () => {
    const first = await get(`${served.url}/`)
    const before = served.appRequests()
    const again = await get(`${served.url}/`, { 'if-none-match': String(first.headers.etag) })
    assert.equal(again.status, 304)
    assert.equal(again.body.length, 0)
    assert.equal(served.appRequests(), before)
  })

  test('a query string, another method or an Origin header always reaches the app', async () => {
    await get(`${served.url}/`)
    let before = served.appRequests()
    await get(`${served.url}/?lang=de`)
    await get(`${served.url}/`, {}, 'HEAD')
    const cors = await get(`${served.url}/scs/components`, { origin: 'https://status-client.example' })
    assert.equal(served.appRequests(), before + 3)
    assert.equal(cors.headers['access-control-allow-origin'], '*')
    before = served.appRequests()
    await get(`${served.url}/scs/components?at=${encodeURIComponent(new Date().toISOString())}`)
    assert.equal(served.appRequests(), before + 1)
  })

  test('/scs/components is encoded once and conforms to the SCS spec from either path', async () => {
    const spec = loadSpecValidator()
    assert.ok(spec, 'the SCS spec file is beside the project')
    const first = await get(`${served.url}/scs/components`, { 'accept-encoding': 'gzip' })
    const before = served.appRequests()
    const second = await get(`${served.url}/scs/components`, { 'accept-encoding': 'gzip' })
    assert.equal(served.appRequests(), before)
    assert.deepEqual(comparable(second.headers), comparable(first.headers))
    for (const answer of [first, second]) {
      const text = gunzipSync(answer.body).toString()
      assert.deepEqual(spec.check(spec.operationOf('GET', '/components')!, answer.status, String(answer.headers['content-type']), text), [])
    }
  })

  test('an API write renews the snapshot at once: the next read shows it, from the app, then from memory again', async () => {
    await get(`${served.url}/scs/components`)
    const created = await get(
      `${served.url}/scs/components`,
      { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ displayName: 'Block storage', labels: { category: 'Storage' } }),
    )
    assert.equal(created.status, 201)
    const before = served.appRequests()
    const after = JSON.parse((await get(`${served.url}/scs/components`)).body.toString()) as { data: { displayName: string }[] }
    assert.equal(served.appRequests(), before + 1, 'the stale answer was not served from memory')
    assert.ok(after.data.some((component) => component.displayName === 'Block storage'))
    const settled = served.appRequests()
    await get(`${served.url}/scs/components`)
    assert.equal(served.appRequests(), settled)
  })
})
