import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { systemClock } from '../../src/core/clock.js'
import { CheckSchema, compileHealth, HealthSchema, storedDefinition } from '../../src/config/index.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import type { Store } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const CANARY = 'canary-secret-7f3a'
const json = (res: Response): Promise<any> => res.json()
const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } }
const remote = { incoming: { socket: { remoteAddress: '203.0.113.9' } } }

const checks = [
  CheckSchema.parse({
    name: 'api',
    displayName: 'Public API',
    kind: 'http',
    url: `http://127.0.0.1:9/healthz?api_token=${CANARY}`,
    headers: { Authorization: `Bearer ${CANARY}` },
    failureThreshold: 2,
  }),
  CheckSchema.parse({ name: 'db-port', kind: 'tcp', host: '127.0.0.1', port: 5432 }),
  CheckSchema.parse({ name: 'unmeasured', kind: 'tcp', host: '127.0.0.1', port: 1 }),
]

describe('server', () => {
  let store: Store
  let dispose: () => Promise<void>
  let app: ReturnType<typeof testServerApp>
  const errors: object[] = []

  before(async () => {
    ;({ store, dispose } = await tempStore())
    const rows = await store.checks.sync(
      checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.displayName ?? check.name, definition: storedDefinition(check) })),
      Date.now(),
    )
    const id = (name: string) => rows.find((row) => row.name === name)!.id
    await store.components.sync(
      [
        { name: 'api', displayName: 'Public API', feeds: [{ checkId: id('api'), location: 'R1' }, { checkId: id('db-port'), location: 'R2' }] },
        { name: 'db-port', displayName: 'db-port', feeds: [{ checkId: id('db-port'), location: 'global' }] },
        { name: 'unmeasured', displayName: 'unmeasured', feeds: [{ checkId: id('unmeasured'), location: 'global' }] },
      ],
      Date.now(),
    )
    const now = Date.now()
    await store.results.insertBatch([
      { checkId: id('api'), result: httpResult({ ok: false, startedAt: now - 2_000 }) },
      { checkId: id('api'), result: httpResult({ ok: false, startedAt: now - 1_000 }) },
      { checkId: id('db-port'), result: httpResult({ startedAt: now - 1_000 }) },
    ])
    const health = compileHealth(HealthSchema.parse({}))
    const runner = createHealthRunner({ store, clock: systemClock, log: { warn: () => {}, error: () => {} }, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
    await runner.evaluateNow()
    app = testServerApp(store, { log: { error: (obj) => void errors.push(obj) } })
  })
  after(() => dispose())

  test('healthz and readyz answer when the store is migrated', async () => {
    assert.equal((await app.request('/healthz')).status, 200)
    const ready = await app.request('/readyz')
    assert.equal(ready.status, 200)
    assert.equal((await json(ready)).status, 'ready')
  })

  test('the public status derives states from stored results, no data is never operational', async () => {
    const res = await app.request('/api/v1/status')
    assert.equal(res.status, 200)
    const body = await json(res)
    const state = Object.fromEntries(body.components.map((c: { name: string; state: string }) => [c.name, c.state]))
    assert.deepEqual(state, { api: 'major_outage', 'db-port': 'operational', unmeasured: 'no_data' })
    assert.equal(body.overall, 'major_outage')
    const api = body.components.find((c: { name: string }) => c.name === 'api')
    assert.deepEqual(
      api.locations.map((l: { location: string; state: string }) => [l.location, l.state]),
      [['R1', 'major_outage'], ['R2', 'operational']],
      'one component, a state per location',
    )
    assert.deepEqual(api.locations[0].measuredBy, [{ kind: 'http', intervalSeconds: 60, simulated: false }])
    assert.doesNotMatch(JSON.stringify(body), /127\.0\.0\.1|secret-host|req-123/)
  })

  test('one component, and a problem for an unknown one', async () => {
    const one = await app.request('/api/v1/components/db-port')
    assert.equal((await json(one)).state, 'operational')
    const missing = await app.request('/api/v1/components/nope')
    assert.equal(missing.status, 404)
    assert.equal(missing.headers.get('content-type'), 'application/problem+json')
    const problem = await json(missing)
    assert.equal(problem.status, 404)
    assert.equal(problem.instance, '/api/v1/components/nope')
    assert.ok(problem.requestId)
  })

  test('check definitions and results answer only on loopback, with secrets redacted', async () => {
    const denied = await app.request('/api/v1/checks', {}, remote)
    assert.equal(denied.status, 403)
    const proxied = await app.request('/api/v1/checks', { headers: { 'x-forwarded-for': '198.51.100.1' } }, loopback)
    assert.equal(proxied.status, 403)
    const allowed = await app.request('/api/v1/checks', {}, loopback)
    assert.equal(allowed.status, 200)
    const text = await allowed.text()
    assert.ok(!text.includes(CANARY), 'the canary secret leaked')
    assert.match(text, /api_token=\*\*\*/)
    const results = await app.request('/api/v1/checks/api/results?limit=1', {}, loopback)
    const items = (await json(results)).items
    assert.equal(items.length, 1)
    assert.equal(items[0].failure.code, 'http_5xx')
  })

  test('invalid query parameters are a 400 problem listing the issue, never a 500', async () => {
    for (const query of ['limit=abc', 'limit=0', 'limit=5000', 'before=yesterday']) {
      const res = await app.request(`/api/v1/checks/api/results?${query}`, {}, loopback)
      assert.equal(res.status, 400, query)
      const problem = await json(res)
      assert.equal(problem.type, 'https://glasshouse.dev/problems/invalid-request')
      assert.ok(problem.errors.length > 0)
    }
    assert.equal((await app.request('/nothing-here')).status, 404)
    assert.deepEqual(errors, [])
  })

  test('the OpenAPI document lists every route', async () => {
    const doc = await json(await app.request('/api/v1/openapi.json'))
    assert.equal(doc.openapi, '3.1.0')
    for (const path of ['/status', '/components', '/components/{name}', '/checks', '/checks/{name}/results']) {
      assert.ok(doc.paths[path], path)
    }
  })

  test('the page is complete HTML with states in words and times in <time>', async () => {
    const res = await app.request('/')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /<title>Test cloud status<\/title>/)
    assert.match(html, /Major outage in progress/)
    assert.match(html, /Public API/)
    assert.match(html, /No data/)
    assert.match(html, /Not measured yet · /)
    assert.match(html, /<strong>R1<\/strong>/)
    assert.match(html, /<time datetime="\d{4}-\d\d-\d\dT/)
    assert.doesNotMatch(html, /<script/)
    assert.ok(!html.includes(CANARY))
  })

  test('the page is encoded once per snapshot: gzip for browsers, 304 for revalidation', async () => {
    const zipped = await app.request('/', { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    assert.equal(zipped.headers.get('content-encoding'), 'gzip')
    assert.equal(zipped.headers.get('vary'), 'accept-encoding, accept-language, cookie')
    const html = gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')
    assert.match(html, /^<!doctype html>.*Public API/s)
    const etag = zipped.headers.get('etag')!
    const again = await app.request('/', { headers: { 'if-none-match': etag } })
    assert.equal(again.status, 304)
    const refused = await app.request('/', { headers: { 'accept-encoding': 'gzip;q=0, identity' } })
    assert.equal(refused.headers.get('content-encoding'), null)
  })

  test('metrics answer in Prometheus text and in OpenMetrics', async () => {
    const text = await app.request('/metrics')
    assert.match(text.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
    const open = await app.request('/metrics', { headers: { accept: 'application/openmetrics-text; version=1.0.0' } })
    assert.match(open.headers.get('content-type') ?? '', /^application\/openmetrics-text/)
    assert.match(await open.text(), /# EOF\s*$/)
  })
})
