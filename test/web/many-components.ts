/**
 * A large public page for the page-weight test and `bench/page-weight.ts`: `count` components
 * with one location each, a year of day rollups and eight days of hour rollups per series (a
 * few degraded days, one day without data, one partial outage), and one incident on the first
 * component. Served from a real SQLite store.
 *
 * @module
 */
import { systemClock } from '../../src/core/clock.js'
import { CheckSchema, compileHealth, HealthSchema, PageSchema, storedDefinition } from '../../src/config/index.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { bucketsBetween, LatencyHistogram, type RollupRecord } from '../../src/records/index.js'
import type { RollupRow, Store } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

function record(start: number, end: number, downShare: number, latencyBase: number): RollupRecord {
  const latency = new LatencyHistogram()
  for (let n = 0; n < 20; n += 1) latency.add(latencyBase + ((n * 7) % 40))
  const downMs = Math.round((end - start) * downShare)
  const upMs = end - start - downMs
  return { bucketStart: start, bucketEnd: end, count: 60, failures: downMs > 0 ? 1 : 0, latency, upMs, downMs, noDataMs: 0, maintenanceMs: 0, excludedMs: 0, availability: upMs / (upMs + downMs) }
}

/** The day rollups of series `index`: mostly clean, a few bad days at series-specific ages. */
function dayRows(key: string, index: number, now: number): RollupRow[] {
  return bucketsBetween('day', now - 364 * DAY_MS, now + 1, 'UTC').flatMap((day, i, all) => {
    const ago = all.length - 1 - i
    if (ago === 40) return []
    const downShare = ago === 3 && index % 10 === 0 ? 0.02 : (ago + index) % 29 === 0 ? 0.005 : 0
    return [{ scope: 'series' as const, key, granularity: 'day' as const, record: record(day.start, day.end, downShare, 40 + (index % 50)) }]
  })
}

function hourRows(key: string, index: number, now: number): RollupRow[] {
  return bucketsBetween('hour', now - 8 * DAY_MS, now, 'UTC').map((hour) => ({ scope: 'series' as const, key, granularity: 'hour' as const, record: record(hour.start, hour.end, 0, 40 + (index % 50)) }))
}

/** Component `i`'s name. */
export const componentName = (i: number): string => `service-${String(i).padStart(3, '0')}`

/** The seeded store and an app serving it. */
export interface ManyComponents {
  app: ReturnType<typeof testServerApp>
  store: Store
  dispose(): Promise<void>
}

/**
 * Seeds `count` components with a year of history and builds the server app (not listening:
 * use `app.request`).
 *
 * @example
 * const { app, dispose } = await manyComponents(200)
 * const html = await (await app.request('/')).text()
 */
export async function manyComponents(count: number): Promise<ManyComponents> {
  const { store, dispose } = await tempStore()
  const now = Date.now()
  const names = Array.from({ length: count }, (_, i) => componentName(i))
  const checks = names.map((name) => CheckSchema.parse({ name, kind: 'tcp', host: '127.0.0.1', port: 5432 }))
  const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check) })), now)
  const idOf = new Map(rows.map((row) => [row.name, row.id]))
  await store.components.sync(
    names.map((name, i) => ({ name, displayName: `Service ${i}`, labels: { category: `Group ${i % 8}` }, feeds: [{ checkId: idOf.get(name)!, location: 'R1' }] })),
    now,
  )
  await store.results.insertBatch(names.map((name) => ({ checkId: idOf.get(name)!, result: httpResult({ startedAt: now - 1_000 }) })))
  const health = compileHealth(HealthSchema.parse({}))
  await createHealthRunner({ store, clock: systemClock, log: { warn: () => {}, error: () => {} }, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName }).evaluateNow()
  for (const [i, name] of names.entries()) await store.rollups.upsert([...dayRows(`${name}@R1`, i, now), ...hourRows(`${name}@R1`, i, now)], now)
  /** 01:00 UTC three days ago: the incident touches the same four days at any time of day. */
  const threeDaysAgo = Math.floor(now / DAY_MS) * DAY_MS - 3 * DAY_MS + HOUR_MS
  await createIncidentService({ store, clock: systemClock }).createIncident(
    {
      title: 'Service 0 errors',
      description: 'Errors.',
      beganAt: threeDaysAgo,
      impacts: [{ component: componentName(0), location: 'R1', type: 'Partial Outage', severity: 70 }],
      text: 'Investigating.',
      at: threeDaysAgo,
    },
    { actor: 'bench', door: 'api' },
  )
  const app = testServerApp(store, { title: 'Big cloud', page: () => PageSchema.parse({}) })
  return { app, store, dispose }
}
