/**
 * Live caching headers (issue 8 item 6): every public page, feed, badge and JSON answer carries
 * an ETag and `Cache-Control: public, max-age=15, stale-while-revalidate=60, stale-if-error=86400`,
 * and answers a matching `If-None-Match` with 304 — through the app and through the server's
 * fast path.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { PUBLIC_CACHE_CONTROL } from '../../src/api/statuspage/index.js'
import { servePage, type ServedPage } from '../web/fixture.js'

const POLICY = 'public, max-age=15, stale-while-revalidate=60, stale-if-error=86400'

describe('live caching headers on every public route', () => {
  let served: ServedPage
  before(async () => {
    served = await servePage()
  })
  after(async () => {
    await served?.close()
  })

  const routes = (incident: string) => [
    '/',
    '/?location=R1',
    '/history',
    '/availability',
    '/methodology',
    '/handbook',
    '/components/compute',
    `/incidents/${incident}`,
    '/feed.atom',
    '/feed.json',
    '/maintenance.ics',
    '/feeds/components/compute.rss',
    '/badge/status.svg',
    '/badge/uptime/compute.svg?window=7d',
    '/api/v2/summary.json',
    '/api/v2/incidents/unresolved.json',
    '/api/v1/status',
    '/scs/components',
    '/embed',
  ]

  test('the policy is the one the issue names', () => {
    assert.equal(PUBLIC_CACHE_CONTROL, POLICY)
  })

  test('each route answers 200 with an ETag and the policy, then 304 to If-None-Match (also weak and in a list)', async () => {
    for (const path of routes(served.incidentId)) {
      const first = await fetch(served.url + path, { headers: { 'accept-language': 'de' } })
      await first.arrayBuffer()
      assert.equal(first.status, 200, path)
      assert.equal(first.headers.get('cache-control'), POLICY, path)
      const etag = first.headers.get('etag')
      assert.match(etag ?? '', /^(W\/)?"[^"]+"$/, `${path} has an ETag`)
      const again = await fetch(served.url + path, { headers: { 'accept-language': 'de', 'if-none-match': etag! } })
      assert.equal(again.status, 304, `${path} revalidates`)
      assert.equal(await again.text(), '')
      assert.equal(again.headers.get('etag'), etag, path)
      const listed = await fetch(served.url + path, { headers: { 'accept-language': 'de', 'if-none-match': `"other", W/${etag!.replace(/^W\//, '')}` } })
      await listed.arrayBuffer()
      assert.equal(listed.status, 304, `${path} revalidates with a list of weak tags`)
      const changed = await fetch(served.url + path, { headers: { 'accept-language': 'de', 'if-none-match': '"something-else"' } })
      await changed.arrayBuffer()
      assert.equal(changed.status, 200, `${path} answers in full for another tag`)
    }
  })

  test('the fast path answers `/` from memory with the same policy and revalidates', async () => {
    const first = await fetch(`${served.url}/`)
    await first.arrayBuffer()
    const etag = first.headers.get('etag')!
    const before = served.appRequests()
    const fromMemory = await fetch(`${served.url}/`)
    await fromMemory.arrayBuffer()
    const notModified = await fetch(`${served.url}/`, { headers: { 'if-none-match': `"x", ${etag}` } })
    assert.equal(served.appRequests(), before, 'the fast path answered both')
    assert.equal(fromMemory.headers.get('cache-control'), POLICY)
    assert.equal(notModified.status, 304)
    assert.equal(notModified.headers.get('cache-control'), POLICY)
  })

  test('a language switch stays private: it sets a cookie', async () => {
    const switched = await fetch(`${served.url}/history?lang=de`)
    await switched.arrayBuffer()
    assert.match(switched.headers.get('cache-control') ?? '', /^private/)
  })
})
