/**
 * The availability report page over HTTP, from seeded day rollups with a fixed clock: the exact
 * percentages, time with data, declared downtime, maintenance and worst day; "no data" for a
 * series without rollups (never 100 %); simulated series left out; bad values → 400 with the
 * reason; German strings. Also the location tabs of `/` and the user-monitoring link.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { CheckSchema, compileHealth, HealthSchema, PageSchema, storedDefinition } from '../../src/config/index.js'
import type { Clock } from '../../src/core/clock.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { bucketsBetween, LatencyHistogram, type RollupRecord } from '../../src/records/index.js'
import { RESULTS_WATERMARK } from '../../src/records-job/index.js'
import { createServerApp } from '../../src/server/index.js'
import { createStatusReader } from '../../src/status/index.js'
import type { Store } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'
import { tempStore } from '../support/temp-store.js'

const NOW = Date.UTC(2026, 11, 6, 12, 0)
const NOVEMBER = Date.UTC(2026, 10, 1)
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const clock: Clock = { now: () => NOW, monotonic: () => performance.now() }

function day(start: number, fields: Partial<RollupRecord>): RollupRecord {
  const upMs = fields.upMs ?? DAY_MS
  const downMs = fields.downMs ?? 0
  const base = { bucketStart: start, bucketEnd: start + DAY_MS, count: 1440, failures: 0, latency: new LatencyHistogram(), noDataMs: 0, maintenanceMs: 0, excludedMs: 0 }
  return { ...base, upMs, downMs, availability: upMs + downMs === 0 ? null : upMs / (upMs + downMs), ...fields }
}

/** November: compute@R1 every day (the 10th 2 % down, the 20th 2 h maintenance); compute@R2 the first 15 days only; storage none. */
async function seedNovember(store: Store): Promise<void> {
  const days = bucketsBetween('day', NOVEMBER, Date.UTC(2026, 11, 1), 'UTC')
  const r1 = days.map((d, i) => {
    if (i === 9) return day(d.start, { upMs: 0.98 * DAY_MS, downMs: 0.02 * DAY_MS, failures: 29 })
    if (i === 19) return day(d.start, { upMs: DAY_MS - 2 * HOUR_MS, maintenanceMs: 2 * HOUR_MS })
    return day(d.start, {})
  })
  const r2 = days.slice(0, 15).map((d) => day(d.start, {}))
  await store.rollups.upsert(
    [...r1.map((record) => ({ key: 'compute@R1', record })), ...r2.map((record) => ({ key: 'compute@R2', record })), ...r1.map((record) => ({ key: 'demo@global', record }))].map((row) => ({
      scope: 'series' as const,
      granularity: 'day' as const,
      ...row,
    })),
    NOW,
  )
  await store.rollups.setWatermark(RESULTS_WATERMARK, NOW, NOW)
}

async function serveSeeded(): Promise<{ url: string; close(): Promise<void> }> {
  const { store, dispose } = await tempStore()
  const checks = [
    CheckSchema.parse({ name: 'api', kind: 'http', url: 'http://127.0.0.1:9/healthz' }),
    CheckSchema.parse({ name: 'db', kind: 'tcp', host: '127.0.0.1', port: 5432 }),
    CheckSchema.parse({ name: 'demo', kind: 'scenario', simulated: true, interval: '20s', timeout: '15s', skipReachability: true }),
  ]
  const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check) })), NOW)
  const id = (name: string) => rows.find((row) => row.name === name)!.id
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', labels: {}, feeds: [{ checkId: id('api'), location: 'R1' }, { checkId: id('db'), location: 'R2' }] },
      { name: 'storage', displayName: 'Object storage', labels: {}, feeds: [{ checkId: id('db'), location: 'global' }] },
      { name: 'demo', displayName: 'Demo cloud', labels: {}, feeds: [{ checkId: id('demo'), location: 'global' }] },
    ],
    NOW,
  )
  await store.results.insertBatch([
    { checkId: id('api'), result: httpResult({ startedAt: NOW - 1_000 }) },
    { checkId: id('db'), result: httpResult({ startedAt: NOW - 1_000 }) },
  ])
  const health = compileHealth(HealthSchema.parse({}))
  await createHealthRunner({ store, clock, log: { warn: () => {}, error: () => {} }, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName }).evaluateNow()
  await seedNovember(store)
  const incidents = createIncidentService({ store, clock })
  const writer = { actor: 'tester', door: 'api' as const }
  const began = Date.UTC(2026, 10, 12, 10, 0)
  const incident = await incidents.createIncident(
    { title: 'R1 broken', beganAt: began, at: began, impacts: [{ component: 'compute', location: 'R1', type: 'Major Outage', severity: 90 }], text: 'Looking.' },
    writer,
  )
  await incidents.addUpdate(incident.id, { text: 'Fixed.', phase: 'resolved', at: began + 3 * HOUR_MS }, writer)
  const app = createServerApp({
    store,
    status: createStatusReader({ store, clock }),
    metrics: createMetrics(),
    title: 'Test cloud',
    version: '0.0.0-test',
    log: { error: () => {} },
    clock,
    recordsTimeZone: () => 'UTC',
    page: () => PageSchema.parse({ userMonitoringUrl: 'https://monitoring.example.com/my', userMonitoringLabel: 'Your dashboards' }),
  })
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started))
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await dispose()
    },
  }
}

/** The cells of the report row whose header links to `component` and whose location is `location`. */
function rowCells(html: string, component: string, location: string): Record<string, string> {
  const rows = html.match(/<tr><th scope="row">[\s\S]*?<\/tr>/g) ?? []
  const row = rows.find((text) => text.includes(`/components/${component}"`) && text.includes(`<td>${location}</td>`))
  assert.ok(row, `no row for ${component}@${location}`)
  const cell = (cls: string) => (new RegExp(`<td class="${cls}">(.*?)</td>`).exec(row)?.[1] ?? '').replace(/<[^>]+>/g, '')
  return { availability: cell('availability'), coverage: cell('coverage'), declared: cell('declared'), maintenance: cell('maintenance'), worst: cell('worst') }
}

describe('the availability report page', () => {
  let served: { url: string; close(): Promise<void> }
  before(async () => {
    served = await serveSeeded()
  })
  after(() => served.close())
  const get = (path: string, headers: Record<string, string> = {}) => fetch(served.url + path, { headers })

  test('defaults to the last complete month and reports exact figures from the rollups', async () => {
    const res = await get('/availability')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /<h1>Availability in November 2026<\/h1>/)
    assert.match(html, /<input type="month" name="month" value="2026-11"/)
    // up = 30 d − 0.02 d − 2 h, down = 0.02 d: 2,583,072,000 / 2,584,800,000 = 99.9331… %
    assert.deepEqual(rowCells(html, 'compute', 'R1'), {
      availability: '99.93 %',
      coverage: '100 % (718 h 0 min)',
      declared: '3 h 0 min',
      maintenance: '2 h 0 min',
      worst: '2026-11-10: 98 %',
    })
    // 15 of 30 days measured: 100 % of the measured half, the rest is no data.
    assert.deepEqual(rowCells(html, 'compute', 'R2'), { availability: '100 %', coverage: '50 % (360 h 0 min)', declared: 'none', maintenance: 'none', worst: '2026-11-01: 100 %' })
  })

  test('a series without data says "no data", never 100 %; simulated series are left out', async () => {
    const html = await (await get('/availability?month=2026-11')).text()
    assert.deepEqual(rowCells(html, 'storage', 'global'), { availability: 'no data', coverage: 'no data', declared: 'none', maintenance: 'none', worst: 'no data' })
    assert.ok(!html.includes('/components/demo"'), 'the simulated series has no row')
    assert.match(html, /<option value="demo">Demo cloud<\/option>/, 'but the component is still in the form')
  })

  test('component and location filter the rows; a month without data shows no data', async () => {
    const html = await (await get('/availability?month=2026-11&component=compute&location=R2')).text()
    assert.equal((html.match(/<tr><th scope="row">/g) ?? []).length, 1)
    rowCells(html, 'compute', 'R2')
    const october = await (await get('/availability?month=2026-10&component=compute')).text()
    assert.deepEqual(rowCells(october, 'compute', 'R1'), { availability: 'no data', coverage: 'no data', declared: 'none', maintenance: 'none', worst: 'no data' })
  })

  test('the running month is marked as running up to now', async () => {
    const html = await (await get('/availability?month=2026-12&component=storage')).text()
    assert.match(html, /This month is not over yet/)
  })

  test('bad values answer 400 with the reasons beside the form', async () => {
    const cases: [string, RegExp][] = [
      ['month=2026-13', /month: expected a month such as 2026-01/],
      ['month=November', /month: expected a month such as 2026-01/],
      ['month=2027-01', /month: lies in the future; nothing is measured yet/],
      ['component=%3Cnope%3E', /component: no component named &quot;&lt;nope&gt;&quot;|component: no component named "&lt;nope&gt;"/],
      ['location=R9', /location: no location named "R9"|location: no location named &quot;R9&quot;/],
    ]
    for (const [query, reason] of cases) {
      const res = await get(`/availability?${query}`)
      assert.equal(res.status, 400, query)
      const html = await res.text()
      assert.match(html, reason, query)
      assert.ok(!html.includes('<nope>'), 'the value is escaped')
    }
  })

  test('German: headings, no data and the decimal comma', async () => {
    const html = await (await get('/availability?month=2026-11', { 'accept-language': 'de' })).text()
    assert.match(html, /<h1>Verfügbarkeit im November 2026<\/h1>/)
    assert.match(html, /Gemessene Verfügbarkeit/)
    assert.equal(rowCells(html, 'compute', 'R1').availability, '99,93 %')
    assert.equal(rowCells(html, 'storage', 'global').availability, 'keine Daten')
    assert.match(html, /href="\/methodology"/)
  })

  test('header and footer link to the report; the method sentence links to the methodology', async () => {
    const html = await (await get('/')).text()
    assert.equal((html.match(/href="\/availability"/g) ?? []).length, 2)
    const report = await (await get('/availability')).text()
    assert.match(report, /Measured availability is the time covered by passing checks[^<]*<a href="\/methodology">/)
  })
})

describe('location tabs and the user-monitoring link on /', () => {
  let served: { url: string; close(): Promise<void> }
  before(async () => {
    served = await serveSeeded()
  })
  after(() => served.close())
  const get = (path: string, headers: Record<string, string> = {}) => fetch(served.url + path, { headers })

  test('a tab row of plain links, "All" current on /', async () => {
    const html = await (await get('/')).text()
    const tabs = /<nav class="tabs" aria-label="Locations">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? ''
    assert.deepEqual([...tabs.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]), ['/', '/?location=R1', '/?location=R2', '/?location=global'])
    assert.match(tabs, /<a href="\/" aria-current="page">All<\/a>/)
    assert.equal((tabs.match(/aria-current/g) ?? []).length, 1)
  })

  test('?location= shows only that location, the banner stays global and says so', async () => {
    const html = await (await get('/?location=R2')).text()
    assert.match(html, /<a href="\/\?location=R2" aria-current="page">R2<\/a>/)
    assert.match(html, /\(for all locations\)/)
    assert.match(html, /id="component-compute"/)
    assert.ok(!html.includes('id="component-storage"'), 'storage is not measured in R2')
    assert.ok(!/svg[^>]*aria-label="[^"]*\(R1\)/.test(html), 'no R1 block')
    const german = await (await get('/?location=global', { 'accept-language': 'de' })).text()
    assert.match(german, /\(für alle Standorte\)/)
    assert.match(german, /id="component-storage"/)
    assert.ok(!german.includes('id="component-compute"'))
  })

  test('an unknown location answers 400 with the reason', async () => {
    const res = await get('/?location=R9')
    assert.equal(res.status, 400)
    assert.match(await res.text(), /location: There is no location named &quot;R9&quot;\.|location: There is no location named "R9"\./)
  })

  test('the user-monitoring link from page.userMonitoringUrl', async () => {
    const html = await (await get('/')).text()
    assert.match(html, /<a href="https:\/\/monitoring\.example\.com\/my">Your dashboards<\/a>/)
    assert.throws(() => PageSchema.parse({ userMonitoringUrl: 'javascript:alert(1)' }), /expected an http\(s\) URL or a path/)
    assert.equal(PageSchema.parse({}).userMonitoringUrl, undefined)
  })
})
