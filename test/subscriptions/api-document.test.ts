import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startHarness, type SubscriptionHarness } from './support.js'

describe('/api/v1/subscriptions in the v1 API document', () => {
  let h: SubscriptionHarness
  before(async () => {
    h = await startHarness()
  })
  after(() => h.dispose())

  test('every subscription route is documented with the operator scope', async () => {
    const document = (await (await h.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>> }
    const operations = ['/subscriptions', '/subscriptions/{id}'].flatMap((path) => Object.entries(document.paths[path] ?? {}).map(([method, operation]) => `${method} ${path} ${JSON.stringify(operation.security)}`))
    assert.deepEqual(operations.sort(), [
      'delete /subscriptions/{id} [{"bearer":["operator"]}]',
      'get /subscriptions [{"bearer":["operator"]}]',
      'get /subscriptions/{id} [{"bearer":["operator"]}]',
      'patch /subscriptions/{id} [{"bearer":["operator"]}]',
      'post /subscriptions [{"bearer":["operator"]}]',
    ])
  })

  test('a body of the wrong shape is a 400 problem naming the field; an id that is no UUID a 400', async () => {
    const res = await h.api('operator', 'POST', '/api/v1/subscriptions', { url: 42 })
    assert.equal(res.status, 400)
    assert.equal(res.headers.get('content-type'), 'application/problem+json')
    assert.match(await res.text(), /url/)
    assert.equal((await h.api('operator', 'GET', '/api/v1/subscriptions/not-a-uuid')).status, 400)
    assert.equal((await h.api('operator', 'GET', '/api/v1/subscriptions/0190e7a0-0000-7000-8000-000000000000')).status, 404)
  })
})
