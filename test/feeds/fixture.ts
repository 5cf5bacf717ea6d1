/**
 * A Glasshouse app (real SQLite store, `app.request`) with what the feeds must show and hide:
 * components `compute` (R1 — measured by a real and a simulated check — and R2), `storage`
 * (global) and `sim` (measured only by a simulated scenario); an incident with two updates
 * after its opening, a retracted incident, an incident with a retracted update, a
 * simulated-only incident; a future window on storage, a cancelled one on compute, a
 * simulated-only one. Markers sit in every internal field a feed must not show.
 *
 * @module
 */
import type { Hono } from 'hono'
import { systemClock } from '../../src/core/clock.js'
import { CheckSchema, PageSchema, storedDefinition } from '../../src/config/index.js'
import { createIncidentService, type IncidentService } from '../../src/incidents/index.js'
import type { Store } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'
import { MARKERS, XSS_MARKDOWN } from '../web/fixture.js'

export { MARKERS, XSS_MARKDOWN }

/** The configured public URL every absolute link starts with. */
export const PUBLIC_URL = 'https://status.example.com'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** The seeded app and the ids the tests look for. */
export interface FeedFixture {
  app: Hono
  store: Store
  service: IncidentService
  writer: { actor: string; door: 'api' }
  ids: { threeEntries: string; retracted: string; withRetractedUpdate: string; simulated: string; futureWindow: string; cancelledWindow: string; simulatedWindow: string }
  dispose(): Promise<void>
}

async function seedTopology(store: Store, now: number): Promise<void> {
  const checks = [
    CheckSchema.parse({ name: 'api', kind: 'http', url: 'http://marker-target-9f1c.internal:9/healthz' }),
    CheckSchema.parse({ name: 'db', kind: 'tcp', host: '127.0.0.1', port: 5432 }),
    CheckSchema.parse({ name: 'demo', kind: 'scenario', simulated: true }),
  ]
  const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check) })), now)
  const id = (name: string) => rows.find((row) => row.name === name)!.id
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', feeds: [{ checkId: id('api'), location: 'R1' }, { checkId: id('demo'), location: 'R1' }, { checkId: id('db'), location: 'R2' }] },
      { name: 'storage', displayName: 'Object storage', feeds: [{ checkId: id('db'), location: 'global' }] },
      { name: 'sim', displayName: 'Simulated cloud', feeds: [{ checkId: id('demo'), location: 'SIM' }] },
    ],
    now,
  )
  const failure = { code: 'http_5xx' as const, message: 'status 503 marker-failure-77ab' }
  const steps = [{ name: 'http', status: 'failed' as const, reason: 'marker-reason-3c4d', durationMs: 1 }]
  const calls = [{ operation: 'GET /healthz', status: 503, durationMs: 1, phases: {}, requestId: 'marker-request-5d2e', attempt: 1 }]
  await store.results.insertBatch([{ checkId: id('api'), result: httpResult({ ok: false, startedAt: now - 1_000, failure, steps, calls }) }])
}

/**
 * Seeds a fresh store and builds the app.
 *
 * @example
 * const fixture = await feedFixture()
 * const res = await fixture.app.request('/feed.atom')
 */
export async function feedFixture(): Promise<FeedFixture> {
  const { store, dispose } = await tempStore()
  const now = Date.now()
  await seedTopology(store, now)
  const service = createIncidentService({ store, clock: systemClock })
  const writer = { actor: 'marker-actor-0e6f', door: 'api' as const }
  const open = (title: string, component: string, location: string, text: string, hoursAgo: number) =>
    service.createIncident({ title, beganAt: now - hoursAgo * HOUR_MS, at: now - hoursAgo * HOUR_MS, impacts: [{ component, location, type: 'Partial Outage', severity: 70 }], text }, writer)

  const three = await open('Compute API errors in R1', 'compute', 'R1', XSS_MARKDOWN, 10)
  await service.addUpdate(three.id, { text: 'Cause found: a bad <deploy> & "rollback" ]]> underway.', phase: 'identified', at: now - 9 * HOUR_MS }, writer)
  await service.addUpdate(three.id, { text: 'Rolled back; all good.', phase: 'resolved', at: now - 8 * HOUR_MS }, writer)
  const retracted = await open('Wrongly posted storage outage', 'storage', 'global', 'Posted for the wrong cloud.', 7)
  await service.retractIncident(retracted.id, 'posted for the wrong cloud', writer)
  const partly = await open('Slow volumes in R2', 'compute', 'R2', 'Volumes attach slowly.', 6)
  await service.addUpdate(partly.id, { text: 'A mistaken update to withdraw.', at: now - 5 * HOUR_MS }, writer)
  await service.retractUpdate(partly.id, 2, 'wrong incident', writer)
  const simulated = await open('Simulated outage drill', 'sim', 'SIM', 'Only the simulated cloud.', 4)

  const window = (title: string, component: string, startInDays: number, description?: string) =>
    service.createMaintenance({ title, components: [{ component }], start: now + startInDays * DAY_MS, end: now + startInDays * DAY_MS + 2 * HOUR_MS, ...(description === undefined ? {} : { description }) }, writer)
  const future = await window('Storage firmware, phase 1; racks A,B \\ C', 'storage', 2, 'Rolling **upgrade**.\nNo downtime expected; really, none.')
  const cancelled = await window('Compute network change', 'compute', 3)
  await service.cancelMaintenance(cancelled.id, writer)
  const simulatedWindow = await window('Simulated maintenance drill', 'sim', 1)

  const app = testServerApp(store, { page: () => PageSchema.parse({ name: 'Test cloud', publicUrl: PUBLIC_URL }) })
  return {
    app,
    store,
    service,
    writer,
    ids: { threeEntries: three.id, retracted: retracted.id, withRetractedUpdate: partly.id, simulated: simulated.id, futureWindow: future.id, cancelledWindow: cancelled.id, simulatedWindow: simulatedWindow.id },
    dispose,
  }
}
