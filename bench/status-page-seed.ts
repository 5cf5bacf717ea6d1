/**
 * The data of the status-page benchmark: `components` components (one HTTP check each, one
 * location each, in ten categories), a year of day rollups per series with a few outage days,
 * 48 hours of hourly latencies, one fresh result per check so every component has a state, and
 * one resolved incident per tenth component — what a provider's page shows after a year.
 *
 * @module
 */
import { systemClock } from '../src/core/clock.js'
import { CheckSchema, compileHealth, HealthSchema, storedDefinition } from '../src/config/index.js'
import { createHealthRunner } from '../src/health-runner/index.js'
import { createIncidentService } from '../src/incidents/index.js'
import { bucketsBetween, LatencyHistogram, type RollupRecord } from '../src/records/index.js'
import type { Store } from '../src/store/index.js'
import { httpResult } from '../test/support/results.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const LOCATIONS = ['R1', 'R2', 'R3', 'R4'] as const

type RollupRow = Parameters<Store['rollups']['upsert']>[0][number]

function record(start: number, end: number, downMs: number, latency = new LatencyHistogram()): RollupRecord {
  const upMs = end - start - downMs
  return { bucketStart: start, bucketEnd: end, count: 1_440, failures: downMs > 0 ? 5 : 0, latency, upMs, downMs, noDataMs: 0, maintenanceMs: 0, excludedMs: 0, availability: upMs / (upMs + downMs) }
}

function seriesRollups(key: string, index: number, now: number): RollupRow[] {
  const days = bucketsBetween('day', now - 365 * DAY_MS, now + 1, 'UTC').map((day, i) => {
    const downMs = (i * 7 + index * 13) % 61 === 0 ? 0.01 * DAY_MS : 0
    return { scope: 'series' as const, key, granularity: 'day' as const, record: record(day.start, day.end, downMs) }
  })
  const hours = bucketsBetween('hour', now - 48 * HOUR_MS, now, 'UTC').map((hour, i) => {
    const latency = new LatencyHistogram()
    for (let n = 0; n < 20; n += 1) latency.add(40 + ((i * 7 + n * 3 + index) % 60))
    return { scope: 'series' as const, key, granularity: 'hour' as const, record: record(hour.start, hour.end, 0, latency) }
  })
  return [...days, ...hours]
}

/** A series as the records name it: `<component>@<location>`. */
function seriesOf(index: number): { component: string; location: string } {
  return { component: `service-${String(index).padStart(3, '0')}`, location: LOCATIONS[index % LOCATIONS.length]! }
}

/**
 * Fills an empty, migrated store with the benchmark's page data.
 *
 * @example
 * const { store } = await tempStore(); await seedStatusPage(store, 200, Date.now())
 */
export async function seedStatusPage(store: Store, components: number, now: number): Promise<void> {
  const indexes = Array.from({ length: components }, (_, i) => i)
  const checks = indexes.map((i) => CheckSchema.parse({ name: `check-${i}`, kind: 'http', url: `http://127.0.0.1:9/${i}` }))
  const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check) })), now)
  const checkId = new Map(rows.map((row) => [row.name, row.id]))
  await store.components.sync(
    indexes.map((i) => {
      const { component, location } = seriesOf(i)
      return { name: component, displayName: `Service ${i}`, labels: { category: `Category ${i % 10}` }, feeds: [{ checkId: checkId.get(`check-${i}`)!, location }] }
    }),
    now,
  )
  await store.results.insertBatch(indexes.map((i) => ({ checkId: checkId.get(`check-${i}`)!, result: httpResult({ startedAt: now - 1_000, ok: i % 50 !== 7 }) })))
  const health = compileHealth(HealthSchema.parse({}))
  await createHealthRunner({ store, clock: systemClock, log: { warn: () => {}, error: () => {} }, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName }).evaluateNow()
  for (const i of indexes) {
    const { component, location } = seriesOf(i)
    await store.rollups.upsert(seriesRollups(`${component}@${location}`, i, now), now)
  }
  const incidents = createIncidentService({ store, clock: systemClock })
  for (const i of indexes.filter((n) => n % 10 === 3)) {
    const { component, location } = seriesOf(i)
    const beganAt = now - ((i % 80) + 2) * DAY_MS
    const writer = { actor: 'bench', door: 'api' as const }
    const incident = await incidents.createIncident(
      { title: `Errors in ${component}`, description: 'Elevated **error rates**.', beganAt, impacts: [{ component, location, type: 'Partial Outage', severity: 60 }], text: 'Investigating.', at: beganAt },
      writer,
    )
    await incidents.addUpdate(incident.id, { text: 'Fixed.', phase: 'resolved', at: beganAt + HOUR_MS }, writer)
  }
}
