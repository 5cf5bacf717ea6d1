/**
 * A Glasshouse app over a real SQLite store for the embed and Statuspage tests: compute@R1 fails
 * (major outage), compute@R2 is in an active maintenance window, storage@global is declared
 * degraded by an open incident, a resolved and a retracted incident, an upcoming and a
 * cancelled window, a series of the simulated cloud with its own incident and window, and hourly rollups
 * for compute@R1 only (so storage has no uptime data). Markers are planted in every internal
 * field (target URL, request id, failure message, step reason, actor) so a test can grep.
 *
 * @module
 */
import { systemClock } from '../../src/core/clock.js'
import { CheckSchema, compileHealth, HealthSchema, PageSchema, storedDefinition } from '../../src/config/index.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { bucketsBetween, LatencyHistogram } from '../../src/records/index.js'
import type { Store } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

/** Strings that must never reach an anonymous embed or API answer. */
export const MARKERS = ['marker-target-9f1c', 'marker-request-5d2e', 'marker-failure-77ab', 'marker-reason-3c4d', 'marker-actor-0e6f'] as const

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** The app and the ids a test checks against. */
export interface EmbedFixture {
  request(path: string, headers?: Record<string, string>, method?: string): Promise<Response>
  store: Store
  ids: { degraded: string; resolved: string; retracted: string; simulated: string; upcoming: string; active: string; cancelled: string; simulatedWindow: string }
  dispose(): Promise<void>
}

async function seedChecks(store: Store, now: number): Promise<void> {
  const checks = [
    CheckSchema.parse({ name: 'api', kind: 'http', url: 'http://marker-target-9f1c.internal:9/healthz', failureThreshold: 1 }),
    CheckSchema.parse({ name: 'db', kind: 'tcp', host: '127.0.0.1', port: 5432 }),
    CheckSchema.parse({ name: 'demo', kind: 'scenario', simulated: true, owner: 'embedstest', vms: 1, bootMode: 'image', skipReachability: true, interval: '2m', timeout: '1m' }),
  ]
  const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check) })), now)
  const id = (name: string) => rows.find((row) => row.name === name)!.id
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', labels: {}, feeds: [{ checkId: id('api'), location: 'R1' }, { checkId: id('db'), location: 'R2' }] },
      { name: 'storage', displayName: 'Object <storage> & "blobs"', labels: {}, feeds: [{ checkId: id('db'), location: 'global' }] },
      { name: 'demo', displayName: 'Demo cloud', labels: {}, feeds: [{ checkId: id('demo'), location: 'sim' }] },
    ],
    now,
  )
  const failing = (startedAt: number) =>
    httpResult({
      ok: false,
      startedAt,
      steps: [{ name: 'http', status: 'failed', reason: 'marker-reason-3c4d', durationMs: 12.5 }],
      calls: [{ operation: 'GET /healthz', status: 503, durationMs: 12.5, phases: { dns: 0.1, connect: 0.4, ttfb: 11.2, transfer: 0.8 }, requestId: 'marker-request-5d2e', attempt: 1 }],
      failure: { code: 'http_5xx', message: 'status 503 marker-failure-77ab' },
    })
  await store.results.insertBatch([
    { checkId: id('api'), result: failing(now - 2_000) },
    { checkId: id('api'), result: failing(now - 1_000) },
    { checkId: id('db'), result: httpResult({ startedAt: now - 1_000 }) },
  ])
  const health = compileHealth(HealthSchema.parse({}))
  await createHealthRunner({ store, clock: systemClock, log: { warn: () => {}, error: () => {} }, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName }).evaluateNow()
}

/** 48 hours of compute@R1 rollups, 1 % of them down. */
async function seedRollups(store: Store, now: number): Promise<void> {
  const hours = bucketsBetween('hour', now - 48 * HOUR_MS, now, 'UTC').map((hour) => {
    const downMs = 0.01 * HOUR_MS
    const record = { bucketStart: hour.start, bucketEnd: hour.end, count: 10, failures: 0, latency: new LatencyHistogram(), upMs: HOUR_MS - downMs, downMs, noDataMs: 0, maintenanceMs: 0, excludedMs: 0, availability: 0.99 }
    return { scope: 'series' as const, key: 'compute@R1', granularity: 'hour' as const, record }
  })
  await store.rollups.upsert(hours, now)
}

async function seedDeclared(store: Store, now: number): Promise<EmbedFixture['ids']> {
  const incidents = createIncidentService({ store, clock: systemClock })
  const writer = { actor: 'marker-actor-0e6f', door: 'api' as const }
  const impact = (component: string, location: string, severity: number) => [{ component, location, type: 'Performance Degradation', severity }]
  const degraded = await incidents.createIncident({ title: 'Slow object storage', beganAt: now - HOUR_MS, impacts: impact('storage', 'global', 20), text: 'Uploads are slow.', at: now - HOUR_MS }, writer)
  await incidents.addUpdate(degraded.id, { text: 'We found a slow disk.', phase: 'identified', at: now - HOUR_MS / 2 }, writer)
  const resolved = await incidents.createIncident({ title: 'Earlier compute errors', beganAt: now - 3 * DAY_MS, impacts: impact('compute', 'R1', 80), text: 'Errors.', at: now - 3 * DAY_MS }, writer)
  await incidents.addUpdate(resolved.id, { text: 'Watching.', phase: 'monitoring', at: now - 3 * DAY_MS + HOUR_MS }, writer)
  await incidents.addUpdate(resolved.id, { text: 'Fixed.', phase: 'resolved', at: now - 3 * DAY_MS + 2 * HOUR_MS }, writer)
  const retracted = await incidents.createIncident({ title: 'Posted by mistake', impacts: impact('compute', 'R2', 90), text: 'Oops.' }, writer)
  await incidents.retractIncident(retracted.id, 'posted by mistake', writer)
  const simulated = await incidents.createIncident({ title: 'Demo outage', impacts: impact('demo', 'sim', 90), text: 'Simulated.' }, writer)
  const window = (title: string, components: { component: string; locations?: string[] }[], start: number, end: number) => incidents.createMaintenance({ title, components, start, end }, writer)
  const upcoming = await window('Storage firmware upgrade', [{ component: 'storage' }], now + 2 * DAY_MS, now + 2 * DAY_MS + 2 * HOUR_MS)
  const active = await window('Compute R2 host patching', [{ component: 'compute', locations: ['R2'] }], now - HOUR_MS, now + HOUR_MS)
  const cancelled = await window('Cancelled network work', [{ component: 'compute' }], now + 3 * DAY_MS, now + 3 * DAY_MS + HOUR_MS)
  await incidents.cancelMaintenance(cancelled.id, writer)
  const simulatedWindow = await window('Demo maintenance', [{ component: 'demo' }], now + DAY_MS, now + DAY_MS + HOUR_MS)
  return { degraded: degraded.id, resolved: resolved.id, retracted: retracted.id, simulated: simulated.id, upcoming: upcoming.id, active: active.id, cancelled: cancelled.id, simulatedWindow: simulatedWindow.id }
}

/**
 * Seeds a fresh store and builds the server app (requests through `app.request`).
 *
 * @example
 * const fixture = await embedFixture()
 * const res = await fixture.request('/api/v2/summary.json')
 */
export async function embedFixture(): Promise<EmbedFixture> {
  const { store, dispose } = await tempStore()
  const now = Date.now()
  await seedChecks(store, now)
  await seedRollups(store, now)
  const ids = await seedDeclared(store, now)
  const app = testServerApp(store, { page: () => PageSchema.parse({ publicUrl: 'https://status.example.com/' }) })
  return {
    request: async (path, headers = {}, method = 'GET') => app.request(path, { headers, method }),
    store,
    ids,
    dispose,
  }
}
