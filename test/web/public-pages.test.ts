/**
 * The public pages over HTTP, without a browser: nothing internal on any anonymous page, the
 * language rules, absolute links behind trusted proxies only, and bad history filters.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { fromAcceptLanguage, pickLanguage } from '../../src/web/index.js'
import { baseUrl, trustedProxies } from '../../src/web/public-url.js'
import { systemClock } from '../../src/core/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { MARKERS, servePage, type ServedPage } from './fixture.js'

describe('public pages', () => {
  let served: ServedPage
  before(async () => {
    served = await servePage()
  })
  after(() => served.close())

  const get = (path: string, headers: Record<string, string> = {}) => fetch(served.url + path, { headers })

  test('no anonymous page shows a target URL, request id, failure message, step reason or actor', async () => {
    const paths = ['/', '/?lang=de', '/history', '/history?type=incident', `/incidents/${served.incidentId}`, '/components/compute', '/components/storage', '/methodology']
    for (const path of paths) {
      const res = await get(path)
      assert.ok(res.status === 200, `${path}: ${res.status}`)
      const html = await res.text()
      for (const marker of MARKERS) assert.ok(!html.includes(marker), `${path} leaks ${marker}`)
      assert.doesNotMatch(html, /marker-target|\.internal:9/, path)
    }
  })

  test('the planted markers really are stored (so the grep above can fail)', async () => {
    const privateView = await (await get('/api/v1/checks/api/results?limit=5')).text()
    for (const marker of ['marker-request-5d2e', 'marker-failure-77ab', 'marker-reason-3c4d', 'marker-console-2b7a']) assert.ok(privateView.includes(marker), marker)
    const evaluations = JSON.stringify([...(await served.store.evaluations.current()).values()])
    assert.ok(evaluations.includes('compute'), 'the series was evaluated')
  })

  test('Accept-Language picks German, ?lang sets a cookie, Vary says so', async () => {
    const de = await get('/', { 'accept-language': 'fr, de-AT;q=0.9, en;q=0.5' })
    assert.match(await de.text(), /<html lang="de">/)
    assert.match(de.headers.get('vary') ?? '', /accept-language/)
    const switched = await get('/history?lang=de')
    assert.match(switched.headers.get('set-cookie') ?? '', /glasshouse_lang=de;.*Path=\//)
    const kept = await get('/history', { cookie: 'glasshouse_lang=de', 'accept-language': 'en' })
    assert.match(await kept.text(), /Verlauf der Störungen und Wartungen/)
    assert.equal(fromAcceptLanguage('fr;q=1, de-DE;q=0.8, en;q=0.9'), 'en')
    assert.equal(fromAcceptLanguage('de;q=0, en;q=0.1'), 'en')
    assert.equal(fromAcceptLanguage('fr'), null)
    assert.equal(pickLanguage({ query: 'xx', cookie: undefined, acceptLanguage: undefined }), 'en')
  })

  test('the page is cached per snapshot, language and page data: ETag differs by language', async () => {
    const en = await get('/')
    const de = await get('/', { 'accept-language': 'de' })
    assert.notEqual(en.headers.get('etag'), de.headers.get('etag'))
    const again = await get('/', { 'if-none-match': en.headers.get('etag')! })
    assert.equal(again.status, 304)
  })

  test('bad history filters answer 400 with the reason beside the form', async () => {
    const res = await get('/history?from=2026-02-30&type=everything&component=%3Cx%3E')
    assert.equal(res.status, 400)
    const html = await res.text()
    assert.match(html, /from: expected a date such as 2026-01-31/)
    assert.match(html, /type: expected all, incident or maintenance/)
    assert.match(html, /component: expected a name/)
    assert.ok(!html.includes('<x>'))
    const reversed = await get('/history?from=2026-03-02&to=2026-03-01')
    assert.match(await reversed.text(), /to: must not be before from/)
  })

  test('unknown incidents and components answer an HTML 404', async () => {
    for (const path of ['/incidents/not-an-id', '/incidents/00000000-0000-7000-8000-000000000000', '/components/nope']) {
      const res = await get(path)
      assert.equal(res.status, 404, path)
      assert.match(res.headers.get('content-type') ?? '', /text\/html/)
    }
  })

  test('a withdrawn incident answers 410 with the time and the reason; its content stays stored', async () => {
    const service = createIncidentService({ store: served.store, clock: systemClock })
    const created = await service.createIncident({ title: 'Wrong alarm', text: 'Posted by mistake.' }, { actor: 'marker-actor-0e6f', door: 'api' })
    assert.equal((await get(`/incidents/${created.id}`)).status, 200)
    await service.retractIncident(created.id, 'posted for the wrong cloud', { actor: 'marker-actor-0e6f', door: 'api' })
    const res = await get(`/incidents/${created.id}`)
    assert.equal(res.status, 410)
    const html = await res.text()
    assert.match(html, /posted for the wrong cloud/)
    assert.doesNotMatch(html, /marker-actor-0e6f/, 'the operator is not named')
    assert.ok((await served.store.incidents.get(created.id)) !== null, 'the content stays in the store')
  })

  test('uPlot is served from our own origin', async () => {
    const res = await get('/assets/uplot.iife.min.js')
    assert.equal(res.status, 200)
    assert.match(await res.text(), /uPlot/)
    const page = await (await get('/components/compute')).text()
    assert.doesNotMatch(page, /src="https?:|<link[^>]+href="https?:/, 'no third-party requests')
  })
})

describe('absolute links', () => {
  const origin = { peer: '10.1.2.3', host: 'internal:8080', forwardedProto: 'https', forwardedHost: 'status.example.com' }
  test('publicUrl wins; X-Forwarded-* only from a trusted proxy', () => {
    assert.equal(baseUrl({ publicUrl: 'https://status.example.org/', trust: trustedProxies([]) }, origin), 'https://status.example.org')
    assert.equal(baseUrl({ publicUrl: undefined, trust: trustedProxies(['10.0.0.0/8']) }, origin), 'https://status.example.com')
    assert.equal(baseUrl({ publicUrl: undefined, trust: trustedProxies(['192.168.0.1']) }, origin), 'http://internal:8080')
    assert.equal(baseUrl({ publicUrl: undefined, trust: trustedProxies(['::1']) }, { ...origin, peer: '::1', forwardedHost: 'evil.example/x' }), 'https://internal:8080')
    assert.ok(trustedProxies(['127.0.0.1'])('::ffff:127.0.0.1'))
  })
})
