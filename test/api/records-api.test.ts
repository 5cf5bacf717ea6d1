import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { STANDARD_RULE_SET } from '../../src/config/health-schema.js'
import { CheckSchema, storedDefinition } from '../../src/config/index.js'
import { systemClock, type SeriesKey } from '../../src/core/index.js'
import { compileRuleSet, evaluate, type Evaluation } from '../../src/health/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { rollupBuckets, type FeedSample } from '../../src/records/index.js'
import { openStore, type Store } from '../../src/store/index.js'
import { run } from '../health/samples.js'
import { httpResult } from '../support/results.js'
import { testServerApp } from '../support/server-app.js'
import { DIALECTS, dialectParts, freshDatabase, type FreshDatabase } from '../store/harness.js'

const parts = dialectParts()
const MINUTE = 60_000
const T0 = Date.parse('2026-11-01T00:00:00Z')
const R1: SeriesKey = { component: 'api', location: 'R1' }
const EVALUATIONS = 13
const json = (res: Response): Promise<any> => res.json()
const compiled = compileRuleSet(STANDARD_RULE_SET)
if (!compiled.ok) throw new Error('the standard rule set does not compile')
const standard = compiled.ruleSet

/** Checks feeding api@R1 and api@R2, one result a minute for an hour; R1 fails in minutes 10–19. */
async function seed(store: Store): Promise<void> {
  const definition = (name: string) => storedDefinition(CheckSchema.parse({ name, kind: 'http', url: 'http://127.0.0.1:9/secret-path', interval: '1m' }))
  const rows = await store.checks.sync(
    ['api-r1', 'api-r2'].map((name) => ({ name, kind: 'http', displayName: name, definition: definition(name) })),
    T0,
  )
  const [r1, r2] = [rows.find((r) => r.name === 'api-r1')!, rows.find((r) => r.name === 'api-r2')!]
  await store.components.sync([{ name: 'api', displayName: 'API', feeds: [{ checkId: r1.id, location: 'R1' }, { checkId: r2.id, location: 'R2' }] }], T0)
  const results = Array.from({ length: 60 }, (_, minute) => [
    { checkId: r1.id, result: httpResult({ ok: minute < 10 || minute >= 20, startedAt: T0 + minute * MINUTE }) },
    { checkId: r2.id, result: httpResult({ startedAt: T0 + minute * MINUTE }) },
  ]).flat()
  await store.results.insertBatch(results)
  const samples: FeedSample[] = Array.from({ length: 60 }, (_, minute) => ({
    feed: 'api-r1',
    at: T0 + minute * MINUTE,
    durationMs: 10 + minute,
    ok: minute < 10 || minute >= 20,
    countsAgainst: true,
    vantage: 'local',
    intervalMs: MINUTE,
    resultId: `r1-${minute}`,
  }))
  const buckets = Array.from({ length: 60 }, (_, minute) => ({ from: T0 + minute * MINUTE, to: T0 + (minute + 1) * MINUTE }))
  const records = rollupBuckets(samples, buckets, {})
  await store.rollups.upsert(records.map((record) => ({ scope: 'series', key: 'api@R1', granularity: 'minute', record })), T0)
  let previous: Evaluation | null = null
  for (let n = 0; n < EVALUATIONS; n++) {
    // The last two share an instant, so the cursor must break the tie by id.
    const now = T0 + Math.min(n, EVALUATIONS - 2) * MINUTE
    const evaluation = evaluate(standard, run({ outcomes: n % 3 === 0 ? 'SSFFF' : 'SSSSS', end: now }), { now, series: R1, previous: previous?.hysteresis ?? null, intervalMs: MINUTE })
    await store.evaluations.record(evaluation, R1, { keepAliveMs: 0 })
    previous = evaluation
  }
  const incidents = createIncidentService({ store, clock: systemClock, knownComponents: async () => new Set(['api']) })
  await incidents.createIncident(
    { title: 'API errors', beganAt: T0 + 10 * MINUTE, impacts: [{ component: 'api', location: 'R1', severity: 80 }], text: 'We are looking into it.' },
    { actor: 'operator-canary', door: 'api' },
  )
}

async function walk(app: { request(path: string): Promise<Response> | Response }, path: string, pages = 100): Promise<any[]> {
  const items: any[] = []
  let cursor: string | null = null
  for (let page = 0; page < pages; page++) {
    const res = await app.request(cursor === null ? path : `${path}&cursor=${cursor}`)
    assert.equal(res.status, 200, await res.clone().text())
    const body = await json(res)
    items.push(...body.items)
    cursor = body.nextCursor
    if (cursor === null) return items
  }
  throw new Error(`more than ${pages} pages`)
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`records API on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    let fresh: FreshDatabase
    let store: Store
    let app: ReturnType<typeof testServerApp>

    before(async () => {
      fresh = await freshDatabase(dialect)
      store = await openStore(fresh.options)
      await store.migrate()
      await seed(store)
      app = testServerApp(store, { title: 'Test <cloud>', phaseNames: () => ({ identified: 'Cause found' }) })
    })
    after(async () => {
      await store.close()
      await fresh.drop()
    })

    test('evaluations: every stored row once, newest first, with public evidence only', async () => {
      const path = `/api/v1/components/api/locations/R1/evaluations?from=2026-10-31T00:00:00Z&to=2026-11-02T00:00:00Z&limit=4`
      const items = await walk(app, path)
      assert.equal(items.length, EVALUATIONS)
      assert.equal(new Set(items.map((item) => item.id)).size, EVALUATIONS)
      const instants = items.map((item) => Date.parse(item.at))
      assert.deepEqual(instants, [...instants].sort((a, b) => b - a))
      const first = items[0]
      assert.equal(first.ruleSet, 'standard')
      assert.ok(first.flags.length > 0 && typeof first.flags[0].window.from === 'string')
      assert.ok(['operational', 'degraded', 'partial_outage', 'major_outage', 'no_data'].includes(first.measured))
      const text = JSON.stringify(items)
      for (const secret of ['secret-path', '127.0.0.1', 'req-123', 'secret-host']) assert.ok(!text.includes(secret), secret)
    })

    test('rollups: minute records walk once, percentiles from the histogram, histogram on request', async () => {
      const path = '/api/v1/components/api/locations/R1/rollups?granularity=minute&from=2026-11-01T00:00:00Z&to=2026-11-01T01:00:00Z&limit=7'
      const items = await walk(app, path)
      assert.equal(items.length, 60)
      assert.deepEqual(items.map((item) => Date.parse(item.bucketStart)), Array.from({ length: 60 }, (_, m) => T0 + m * MINUTE))
      assert.equal(items.filter((item) => item.failures === 1).length, 10)
      assert.equal(items[0].histogram, undefined)
      assert.ok(Math.abs(items[0].latency.p50Ms - 10) / 10 <= 0.02, String(items[0].latency.p50Ms))
      const withHistogram = await json(await app.request(`${path}&histogram=true`))
      assert.equal(withHistogram.items[0].histogram.v, 1)
      assert.equal(withHistogram.method, '/methodology#rollups-in-the-api')
    })

    test('availability: measured and declared side by side, from the report', async () => {
      const body = await json(await app.request('/api/v1/availability?from=2026-11-01T00:00:00Z&to=2026-11-01T01:00:00Z&granularity=day&component=api'))
      assert.equal(body.method, '/methodology#availability-in-the-api')
      const r1 = body.items.find((row: { location: string }) => row.location === 'R1')
      assert.equal(r1.period, '2026-11-01')
      assert.equal(r1.measured.upMs, 50 * MINUTE)
      assert.equal(r1.measured.downMs, 10 * MINUTE)
      assert.equal(r1.measured.noDataMs, 0)
      assert.equal(r1.measured.availability, 50 / 60)
      assert.equal(r1.declared.downMs, 50 * MINUTE, 'the open broken impact since minute 10')
      assert.equal(r1.declared.maintenanceMs, 0)
      const r2 = body.items.find((row: { location: string }) => row.location === 'R2')
      assert.equal(r2.measured.availability, 1)
      assert.equal(r2.declared.availability, 1)
    })

    test('availability pages walk every period once', async () => {
      const days = await walk(app, '/api/v1/availability?from=2026-10-01&to=2026-11-03&granularity=day&location=R2&limit=5')
      assert.equal(days.length, 33)
      assert.equal(new Set(days.map((row) => row.period)).size, 33)
      const months = await walk(app, '/api/v1/availability?from=2026-09-15&to=2026-11-03&granularity=month&limit=1')
      assert.deepEqual([...new Set(months.map((row) => row.period))], ['2026-09', '2026-10', '2026-11'])
      assert.equal(months.filter((row) => row.period === '2026-09')[0].from, '2026-09-15T00:00:00.000Z')
    })

    test('bad input is a 4xx problem with a clear detail, never a 500', async () => {
      const cases: [string, number][] = [
        ['/api/v1/availability?from=2026-11-02&to=2026-11-01', 400],
        ['/api/v1/availability?from=yesterday', 400],
        ['/api/v1/availability?from=2026-02-30', 400],
        ['/api/v1/availability?from=2099-01-01&to=2099-02-01', 400],
        ['/api/v1/availability?component=nope', 404],
        ['/api/v1/availability?location=R9', 404],
        ['/api/v1/availability?granularity=week', 400],
        ['/api/v1/availability?timeZone=Mars/Olympus', 400],
        ['/api/v1/availability?from=1990-01-01&to=2026-11-01', 400],
        ['/api/v1/availability?cursor=Zm9yZ2Vk', 422],
        ['/api/v1/components/nope/locations/R1/rollups', 404],
        ['/api/v1/components/api/locations/R9/evaluations', 404],
        ['/api/v1/components/api/locations/R1/rollups?limit=0', 400],
        ['/api/v1/components/api/locations/R1/rollups?limit=1001', 400],
        ['/api/v1/components/api/locations/R1/rollups?granularity=second', 400],
        ['/api/v1/components/api/locations/R1/rollups?granularity=minute&from=2026-09-01&to=2026-11-01', 400],
        ['/api/v1/components/api/locations/R1/evaluations?cursor=%E2%9C%93', 422],
      ]
      for (const [path, status] of cases) {
        const res = await app.request(path)
        assert.equal(res.status, status, `${path}: ${await res.clone().text()}`)
        assert.equal(res.headers.get('content-type'), 'application/problem+json', path)
        assert.ok((await json(res)).detail.length > 0, path)
      }
      const page = await json(await app.request('/api/v1/components/api/locations/R1/rollups?granularity=minute&from=2026-11-01T00:00:00Z&to=2026-11-01T01:00:00Z&limit=2'))
      const foreign = await app.request(`/api/v1/components/api/locations/R1/evaluations?cursor=${page.nextCursor}`)
      assert.equal(foreign.status, 422, 'a cursor of another list is refused')
    })

    test('the component carries the evidence of its newest evaluation per location', async () => {
      const body = await json(await app.request('/api/v1/components/api'))
      const r1 = body.locations.find((l: { location: string }) => l.location === 'R1')
      assert.equal(r1.evidence.ruleSet, 'standard')
      assert.equal(r1.evidence.at, new Date(T0 + (EVALUATIONS - 2) * MINUTE).toISOString())
      assert.equal(body.locations.find((l: { location: string }) => l.location === 'R2').evidence, null)
      const list = await json(await app.request('/api/v1/components'))
      assert.equal(list.items[0].locations[0].evidence, undefined, 'lists stay small')
    })

    test('incidents show the configured phase name beside the lifecycle key, in the API and on the page', async () => {
      const [incident] = (await json(await app.request('/api/v1/incidents'))).items
      assert.equal(incident.phase, 'investigating')
      assert.equal(incident.phaseName, 'Investigating')
      const service = createIncidentService({ store, clock: systemClock, knownComponents: async () => new Set(['api']) })
      await service.addUpdate(incident.id, { text: 'A disk filled up.', phase: 'identified' }, { actor: 'operator-canary', door: 'api' })
      const detail = await json(await app.request(`/api/v1/incidents/${incident.id}`))
      assert.deepEqual(detail.updates.map((u: { phase: string; phaseName: string }) => [u.phase, u.phaseName]), [['investigating', 'Investigating'], ['identified', 'Cause found']])
      assert.equal(detail.phaseName, 'Cause found')
      const fresh = testServerApp(store, { phaseNames: () => ({ identified: 'Cause found' }) })
      const page = await (await fresh.request('/')).text()
      assert.match(page, /<span class="phase" data-phase="identified">Cause found<small> \(identified\)<\/small><\/span>/)
      assert.match(page, /A disk filled up\./)
      assert.ok(!page.includes('operator-canary'))
      assert.match(page, /<a href="\/methodology">/)
    })

    test('the OpenAPI document describes the records routes', async () => {
      const doc = await json(await app.request('/api/v1/openapi.json'))
      for (const path of ['/components/{name}/locations/{location}/evaluations', '/components/{name}/locations/{location}/rollups', '/availability']) {
        assert.ok(doc.paths[path]?.get, path)
      }
      assert.ok(doc.components.schemas.Evidence && doc.components.schemas.Rollup && doc.components.schemas.Availability)
    })
  })
}

describe('methodology page', () => {
  test('/methodology serves the rendered file with heading anchors the API links to', async () => {
    const store = { status: async () => ({ reachable: true, migrationsPending: 0 }) } as unknown as Store
    const app = testServerApp(store, { title: 'Test <cloud>' })
    const res = await app.request('/methodology')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
    const html = await res.text()
    for (const anchor of ['public-evidence', 'rollups-in-the-api', 'availability-in-the-api', 'rollups', 'latency-percentiles']) {
      assert.ok(html.includes(`id="${anchor}"`), anchor)
    }
    assert.match(html, /<title>Test &lt;cloud&gt; — methodology<\/title>/)
    assert.match(html, /<table>/)
  })
})
