/**
 * Retention never deletes what a postmortem's timeline names: a sweep with periods of one
 * millisecond leaves the probe result a published postmortem cites (outside every evidence pin)
 * and deletes its unpinned, uncited neighbours. Written against the postmortem store
 * (`tx.postmortems.insert`), not the service, so it does not depend on the workflow.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createIncidentService } from '../../src/incidents/index.js'
import type { Postmortem } from '../../src/postmortems/types.js'
import { catchUp } from '../../src/records-job/index.js'
import { sweep } from '../../src/retention/index.js'
import type { Store } from '../../src/store/index.js'
import { fakeClock, outcome, seed } from '../records-job/fixtures.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const DAY = 86_400_000
const NOW = Date.parse('2026-12-07T03:00:00Z')
const TINY = { rawMs: 1, minuteMs: 1, hourMs: 1, dayMs: 1, auditMs: 1, subscriberMs: 1, deliveryMs: 1 }

function published(id: string, incidentId: string, cited: { checkId: string; resultId: string; at: number }): Postmortem {
  const evidence = { component: 'compute', location: 'R1', incidentId, checkId: cited.checkId, resultId: cited.resultId, requestIds: [], rule: null, detail: {} }
  return {
    id, status: 'published', incidentIds: [incidentId], revision: 3, createdAt: NOW - 2 * DAY, updatedAt: NOW - DAY, publishedAt: NOW - DAY,
    title: 'Compute outage', tldr: 'Compute was down.', impactSummary: '', rootCause: '', contributingFactors: '', wentWell: '', wentBadly: '', internalNotes: '',
    actionItems: [], redactions: [], handbookPages: [],
    timeline: [{ id: 'first-failure', at: cited.at, kind: 'probe-failure', text: 'First failing probe', annotation: null, internal: false, evidence }],
    impact: { from: cited.at, to: cited.at + DAY, durationMs: DAY, series: [], computedAt: NOW - DAY, method: 'test' },
  }
}

async function resultIds(store: Store, checkId: string): Promise<string[]> {
  return (await store.results.list(checkId, { limit: 1_000 })).map((result) => result.id)
}

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`postmortem evidence under retention on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('the result a published postmortem cites survives periods of 1 ms; its uncited neighbours go', () =>
      withStore(dialect, async (store) => {
        const api = (await seed(store, [{ check: 'api', intervalSeconds: 3600, component: 'compute', location: 'R1' }])).get('api')!
        const hourly = Array.from({ length: 48 }, (_, i) => NOW - 10 * DAY + i * 3_600_000)
        await store.results.insertBatch(hourly.map((at, i) => ({ checkId: api, result: outcome(at, i < 20) })))
        const clock = fakeClock(NOW)
        await catchUp(store, { clock, retention: { minuteMs: null, hourMs: null } })
        const incident = await createIncidentService({ store, clock }).createIncident(
          { title: 'Outage', impacts: [{ component: 'compute', location: 'R1', severity: 100 }], text: 'Seen.' },
          { actor: 'alice', door: 'api' },
        )
        const all = await store.results.list(api, { limit: 1_000 })
        const cited = all.find((result) => !result.ok)!
        await store.writeDeclared((tx) => tx.postmortems.insert(published('pm-1', incident.id, { checkId: api, resultId: cited.id, at: cited.startedAt })))
        assert.deepEqual(await store.evidencePins.forIncident(incident.id), [], 'nothing pins the cited result')

        const counts = await sweep(store, TINY, NOW, 0)
        assert.equal(counts.results, hourly.length - 1, JSON.stringify(counts))
        assert.deepEqual(await resultIds(store, api), [cited.id], 'only the cited result is left')
        assert.equal((await store.postmortems.get('pm-1'))?.timeline[0]?.evidence?.resultId, cited.id)
      }))
  })
}
