/**
 * A served Glasshouse for the browser tests: a real SQLite store with components in two
 * categories and locations, results that put one series in a major outage, 90 days of day
 * rollups (one partial day, one day without data), hourly latencies, an incident whose Markdown
 * tries every XSS trick, and a planned maintenance window. Markers are planted in every internal
 * field (target URL, request id, failure message, step reason) so a test can grep the pages.
 *
 * @module
 */
import { systemClock } from '../../src/core/clock.js'
import { CheckSchema, compileHealth, HealthSchema, PageSchema, storedDefinition } from '../../src/config/index.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { bucketsBetween, LatencyHistogram, type RollupRecord } from '../../src/records/index.js'
import { createHotResponses, listenHttp } from '../../src/server/index.js'
import type { Store } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

/** Strings that must never reach an anonymous page. */
export const MARKERS = ['marker-target-9f1c', 'marker-request-5d2e', 'marker-failure-77ab', 'marker-reason-3c4d', 'marker-actor-0e6f', 'marker-console-2b7a'] as const

/** Markdown that tries to run script in every way markdown-it + sanitize-html must stop. */
export const XSS_MARKDOWN = [
  'We are **investigating** <script>window.__xss = "script"</script>',
  '',
  '<img src="x" onerror="window.__xss = \'onerror\'">',
  '',
  '[details](javascript:window.__xss=\'link\') and [safe](https://example.com/x)',
  '',
  '<a href="#" onclick="window.__xss=\'onclick\'">click</a>',
].join('\n')

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

function record(start: number, end: number, fields: Partial<RollupRecord>): RollupRecord {
  const latency = new LatencyHistogram()
  const upMs = fields.upMs ?? end - start
  const downMs = fields.downMs ?? 0
  return { bucketStart: start, bucketEnd: end, count: 10, failures: 0, latency, upMs, downMs, noDataMs: 0, maintenanceMs: 0, excludedMs: 0, availability: upMs + downMs === 0 ? null : upMs / (upMs + downMs), ...fields }
}

async function seedRollups(store: Store, now: number): Promise<void> {
  const days = bucketsBetween('day', now - 89 * DAY_MS, now + 1, 'UTC')
  const rows = days.flatMap((day, i) => {
    const ago = days.length - 1 - i
    if (ago === 10) return []
    const downMs = ago === 3 ? 0.02 * DAY_MS : 0
    return [{ scope: 'series' as const, key: 'compute@R1', granularity: 'day' as const, record: record(day.start, day.end, { upMs: DAY_MS - downMs, downMs }) }]
  })
  const hours = bucketsBetween('hour', now - 48 * HOUR_MS, now, 'UTC').map((hour, i) => {
    const latency = new LatencyHistogram()
    for (let n = 0; n < 20; n += 1) latency.add(40 + ((i * 7 + n * 3) % 30))
    return { scope: 'series' as const, key: 'compute@R1', granularity: 'hour' as const, record: { ...record(hour.start, hour.end, {}), latency } }
  })
  await store.rollups.upsert([...rows, ...hours], now)
}

/** The served app and what the tests need to know about it. */
export interface ServedPage {
  url: string
  incidentId: string
  store: Store
  /** Requests that reached the app (the rest the server's fast path answered from memory). */
  appRequests(): number
  close(): Promise<void>
}

/**
 * Seeds a store and serves the app on a loopback port.
 *
 * @example
 * const served = await servePage()
 * await page.goto(served.url)
 */
export async function servePage(): Promise<ServedPage> {
  const { store, dispose } = await tempStore()
  const now = Date.now()
  const checks = [
    CheckSchema.parse({ name: 'api', kind: 'http', url: `http://marker-target-9f1c.internal:9/healthz`, failureThreshold: 1 }),
    CheckSchema.parse({ name: 'db', kind: 'tcp', host: '127.0.0.1', port: 5432 }),
  ]
  const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check) })), now)
  const id = (name: string) => rows.find((row) => row.name === name)!.id
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', labels: { category: 'Infrastructure' }, feeds: [{ checkId: id('api'), location: 'R1' }, { checkId: id('db'), location: 'R2' }] },
      { name: 'storage', displayName: 'Object storage', labels: { category: 'Storage' }, feeds: [{ checkId: id('db'), location: 'global' }] },
    ],
    now,
  )
  const failing = (startedAt: number) =>
    httpResult({
      ok: false,
      startedAt,
      steps: [
        { name: 'http', status: 'failed', reason: 'marker-reason-3c4d', durationMs: 12.5 },
        { name: 'vm-1-reach', status: 'failed', reason: 'connection refused\n--- console of VM_VM1 (last 50 lines) ---\nmarker-console-2b7a', durationMs: 1 },
      ],
      calls: [{ operation: 'GET /healthz', status: 503, durationMs: 12.5, phases: { dns: 0.1, connect: 0.4, ttfb: 11.2, transfer: 0.8 }, requestId: 'marker-request-5d2e', attempt: 1 }],
      failure: { code: 'http_5xx', message: 'status 503 marker-failure-77ab' },
    })
  await store.results.insertBatch([
    { checkId: id('api'), result: failing(now - 2_000) },
    { checkId: id('api'), result: failing(now - 1_000) },
    { checkId: id('db'), result: httpResult({ startedAt: now - 1_000 }) },
  ])
  const health = compileHealth(HealthSchema.parse({}))
  const runner = createHealthRunner({ store, clock: systemClock, log: { warn: () => {}, error: () => {} }, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
  await runner.evaluateNow()
  await seedRollups(store, now)
  const incidents = createIncidentService({ store, clock: systemClock })
  const writer = { actor: 'marker-actor-0e6f', door: 'api' as const }
  /** 01:00 UTC three days ago: the incident touches the same four days at any time of day. */
  const threeDaysAgo = Math.floor(now / DAY_MS) * DAY_MS - 3 * DAY_MS + HOUR_MS
  const incident = await incidents.createIncident(
    {
      title: 'Compute API errors in R1',
      description: XSS_MARKDOWN,
      beganAt: threeDaysAgo,
      impacts: [{ component: 'compute', location: 'R1', type: 'Partial Outage', severity: 70 }],
      text: XSS_MARKDOWN,
      at: threeDaysAgo,
    },
    writer,
  )
  await incidents.createMaintenance(
    { title: 'Storage firmware upgrade', description: 'Rolling **upgrade**; no downtime expected.', components: [{ component: 'storage' }], start: now + 2 * DAY_MS, end: now + 2 * DAY_MS + 2 * HOUR_MS },
    writer,
  )
  const hot = createHotResponses()
  const app = testServerApp(store, {
    hot,
    page: () => PageSchema.parse({ about: 'Customer-eye monitoring of **Test cloud**.', imprint: 'https://example.com/imprint', privacy: '/privacy' }),
  })
  let appRequests = 0
  const counted = { fetch: (request: Request, env: unknown) => ((appRequests += 1), app.fetch(request, env as object)) }
  const { server, address } = await listenHttp(counted, hot, { hostname: '127.0.0.1', port: 0 })
  return {
    url: `http://127.0.0.1:${address.port}`,
    incidentId: incident.id,
    store,
    appRequests: () => appRequests,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await dispose()
    },
  }
}
