import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../../../src/incidents/index.js'
import { createEvidenceBuilder } from '../../../src/postmortems/evidence/index.js'
import type { TimelineEntry } from '../../../src/postmortems/types.js'
import { DIALECTS, dialectParts, withStore } from '../../store/harness.js'
import { OPERATOR, serviceOver, settableClock } from '../../incidents/support.js'
import { at, MINUTE, SECRET_DETAILS, storeEverything, T0 } from './fixtures.js'

const parts = dialectParts()
const summary = (entry: TimelineEntry) => [entry.kind, (entry.at - T0) / MINUTE, entry.text]

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`postmortem evidence on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('timeline from the incident and its pinned evidence, in order, with generic public texts', () =>
      withStore(dialect, async (store) => {
        const incident = await storeEverything(store)
        const { timeline } = await createEvidenceBuilder({ store })([incident.id], at(60))

        assert.deepEqual(timeline.map(summary), [
          ['probe-failure', -5, 'First failed check of Compute in R1: connection failed'],
          ['state-change', -3, 'Compute in R1: operational → major outage'],
          ['probe-failure', -2, 'First failed check of Compute in R1: server create (server error)'],
          ['incident-opened', 0, 'Incident opened: Compute API errors in R1'],
          ['incident-update', 0, 'Investigating: We are investigating errors creating servers.'],
          ['incident-update', 8, 'Identified: A failed storage node was identified.'],
          ['state-change', 10, 'Compute in R1: major outage → no data'],
          ['state-change', 15, 'Compute in R1: no data → operational'],
          ['incident-update', 20, 'Resolved: Servers are created normally again.'],
          ['resolution', 20, 'Incident resolved: Compute API errors in R1'],
        ])
        for (const entry of timeline.filter((item) => item.kind === 'probe-failure' || item.kind === 'state-change')) {
          for (const secret of SECRET_DETAILS) assert.ok(!entry.text.includes(secret), `public text "${entry.text}" shows ${secret}`)
        }
        assert.ok(timeline.every((entry) => entry.annotation === null && !entry.internal))

        const [apiFailure, , bootFailure] = timeline
        assert.deepEqual(apiFailure!.evidence!.requestIds, ['req-api--5'])
        assert.equal(apiFailure!.evidence!.component, 'compute')
        assert.equal(apiFailure!.evidence!.location, 'R1')
        assert.ok(apiFailure!.evidence!.resultId, 'the stored result is referenced')
        assert.match(JSON.stringify(apiFailure!.evidence!.detail), /ECONNREFUSED 10\.1\.2\.3:443 \(api\.internal\.example\)/, 'the raw error stays in the evidence')
        assert.deepEqual(bootFailure!.evidence!.requestIds, ['req-boot--2'], 'only the failing call')
        assert.notEqual(bootFailure!.evidence!.checkId, apiFailure!.evidence!.checkId)
        assert.match(JSON.stringify(bootFailure!.evidence!.detail), /"status":503/)

        const changes = timeline.filter((entry) => entry.kind === 'state-change').map((entry) => entry.evidence!)
        assert.deepEqual(changes.map((evidence) => evidence.rule), ['api_down', 'stale', null])
        assert.deepEqual((changes[0]!.detail.flags as { flag: string; value: number }[]).map((flag) => [flag.flag, flag.value]), [['api_down', 3]])
        assert.deepEqual(timeline.filter((entry) => entry.kind.startsWith('incident') || entry.kind === 'resolution').map((entry) => entry.evidence!.incidentId), Array(5).fill(incident.id))
      }))

    test('entry ids are stable across builds and unique; phase names come from config', () =>
      withStore(dialect, async (store) => {
        const incident = await storeEverything(store)
        const build = createEvidenceBuilder({ store })
        const first = await build([incident.id], at(60))
        const second = await build([incident.id, incident.id], at(600))
        assert.deepEqual(second.timeline, first.timeline)
        assert.equal(new Set(first.timeline.map((entry) => entry.id)).size, first.timeline.length)
        assert.equal(second.impact.computedAt, at(600))

        const renamed = await createEvidenceBuilder({ store, phaseNames: { identified: 'Cause found' } })([incident.id], at(60))
        assert.deepEqual(renamed.timeline.map((entry) => entry.id), first.timeline.map((entry) => entry.id), 'ids do not depend on texts')
        assert.ok(renamed.timeline.some((entry) => entry.text === 'Cause found: A failed storage node was identified.'))
      }))

    test('measured impact matches the hand-computed numbers; no data is never availability', () =>
      withStore(dialect, async (store) => {
        const incident = await storeEverything(store)
        const { impact } = await createEvidenceBuilder({ store })([incident.id], at(60))
        assert.deepEqual([impact.from, impact.to, impact.durationMs, impact.computedAt], [T0, at(20), 20 * MINUTE, at(60)])
        assert.match(impact.method, /no-data/)
        const [compute, network] = impact.series
        // Up 5.5 + 5 min, down 5 min (api fails 0–4), no data 10.5–15 (both checks silent 10–14).
        assert.equal(compute!.availability, 10.5 / 15.5)
        // Results started in [0, 20): 15 per check; failures: api 0–4, boot 0–2.
        assert.deepEqual([compute!.results, compute!.errorRate], [30, 8 / 30])
        // Major outage 0–10, no data 10–15, operational 15–20.
        assert.deepEqual([compute!.component, compute!.location, compute!.downMinutes, compute!.noDataMinutes], ['compute', 'R1', 10, 5])
        assert.deepEqual(network, { component: 'network', location: 'R1', availability: null, errorRate: null, results: 0, downMinutes: 0, noDataMinutes: 20 })
      }))

    test('an open incident has no end, no duration and no resolution entry', () =>
      withStore(dialect, async (store) => {
        const incident = await storeEverything(store, 12)
        const { timeline, impact } = await createEvidenceBuilder({ store })([incident.id], at(12))
        assert.deepEqual([impact.from, impact.to, impact.durationMs], [T0, null, null])
        assert.ok(!timeline.some((entry) => entry.kind === 'resolution'))
        assert.deepEqual(
          timeline.filter((entry) => entry.kind === 'state-change').map((entry) => (entry.at - T0) / MINUTE),
          [-3, 10],
          'evaluations up to now are read',
        )
        const compute = impact.series.find((series) => series.component === 'compute')!
        assert.deepEqual([compute.downMinutes, compute.noDataMinutes], [10, 2])
      }))

    test('retracted incidents are left out; an unknown incident is bad input', () =>
      withStore(dialect, async (store) => {
        const incident = await storeEverything(store)
        const service = serviceOver(store, settableClock(at(30)))
        const other = await service.createIncident({ title: 'Mistake', beganAt: at(-30), at: at(-30), text: 'Opened by mistake.', notify: false }, OPERATOR)
        await service.retractIncident(other.id, 'opened by mistake', OPERATOR)
        const { timeline, impact } = await createEvidenceBuilder({ store })([incident.id, other.id], at(60))
        assert.ok(timeline.every((entry) => entry.evidence?.incidentId !== other.id))
        assert.equal(impact.from, T0)
        await assert.rejects(createEvidenceBuilder({ store })([incident.id, '0190e7a0-0000-7000-8000-000000000000'], at(60)), InvalidInputError)
      }))
  })
}
