import assert from 'node:assert/strict'
import { test } from 'node:test'
import { systemClock } from '../../src/core/clock.js'
import { CheckSchema, PageSchema, storedDefinition } from '../../src/config/index.js'
import { FEED_ENTRY_LIMIT } from '../../src/feeds/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { createServerApp } from '../../src/server/index.js'
import { createStatusReader } from '../../src/status/index.js'
import { tempStore } from '../support/temp-store.js'

const HOUR_MS = 3_600_000

test(`a feed lists the ${FEED_ENTRY_LIMIT} newest events, including a fresh update of an old incident`, async () => {
  const { store, dispose } = await tempStore()
  try {
    const now = Date.now()
    const [check] = await store.checks.sync([CheckSchema.parse({ name: 'db', kind: 'tcp', host: '127.0.0.1', port: 5432 })].map((c) => ({ name: c.name, kind: c.kind, displayName: c.name, definition: storedDefinition(c) })), now)
    await store.components.sync([{ name: 'compute', displayName: 'Compute', feeds: [{ checkId: check!.id, location: 'R1' }] }], now)
    const service = createIncidentService({ store, clock: systemClock })
    const writer = { actor: 'ops', door: 'api' as const }
    const ids: string[] = []
    for (let i = 0; i < 40; i += 1) {
      const at = now - (40 - i) * 4 * HOUR_MS
      const incident = await service.createIncident({ title: `Incident ${i}`, beganAt: at, at, impacts: [{ component: 'compute', location: 'R1', severity: 50 }], text: 'Looking.' }, writer)
      await service.addUpdate(incident.id, { text: 'Fixed.', phase: 'resolved', at: at + HOUR_MS }, writer)
      ids.push(incident.id)
    }
    await service.addUpdate(ids[0]!, { text: 'Postmortem published.', phase: 'resolved' }, writer)
    const app = createServerApp({ store, status: createStatusReader({ store, clock: systemClock }), metrics: createMetrics(), title: 'T', version: '0', log: { error: () => {} }, page: () => PageSchema.parse({}) })
    const feed = (await (await app.request('/feed.json')).json()) as { items: { title: string; url: string; date_published: string }[] }
    assert.equal(feed.items.length, FEED_ENTRY_LIMIT)
    assert.equal(feed.items[0]!.url, `http://localhost/incidents/${ids[0]}#update-3`, 'the oldest incident’s fresh update comes first')
    const times = feed.items.map((item) => Date.parse(item.date_published))
    assert.deepEqual(times, [...times].sort((a, b) => b - a))
    assert.equal(feed.items.at(-1)!.title, 'Resolved: Incident 15', 'after the fresh update: 24 incidents (39–16) with two entries each, then the newest of incident 15')
  } finally {
    await dispose()
  }
})
