import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { STANDARD_RULE_SET } from '../../src/config/health-schema.js'
import { compileRuleSet, evaluate } from '../../src/health/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { catchUp } from '../../src/records-job/index.js'
import { createRetentionJob, DEFAULT_RETENTION } from '../../src/retention/index.js'
import type { Store } from '../../src/store/index.js'
import { run } from '../health/samples.js'
import { fakeClock, memoryLog, outcome, seed } from '../records-job/fixtures.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const parts = dialectParts()
const DAY = 86_400_000
const MINUTE = 60_000
const NOW = Date.parse('2025-06-01T00:00:00Z')
const SERIES = { component: 'compute', location: 'R1' }
const compiled = compileRuleSet(STANDARD_RULE_SET)
if (!compiled.ok) throw new Error('the standard rule set does not compile')
const ruleSet = compiled.ruleSet

async function startedAts(store: Store, checkId: string): Promise<number[]> {
  return (await store.results.outcomesBetween([checkId], 0, NOW * 2)).map((row) => row.startedAt)
}

async function recordEvaluations(store: Store, ats: readonly number[]): Promise<void> {
  for (const at of ats) {
    const evaluation = evaluate(ruleSet, run({ outcomes: 'SSSSS', end: at, intervalMs: MINUTE }), { now: at, series: SERIES, previous: null, intervalMs: MINUTE })
    await store.evaluations.record(evaluation, SERIES, { keepAliveMs: 0 })
  }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`retention on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('deletes old results, calls, evaluations and minute rollups in batches; keeps pinned and un-rolled ones; reruns delete nothing more', () =>
      withStore(dialect, async (store) => {
        const api = (await seed(store, [{ check: 'api', intervalSeconds: 3600, component: 'compute', location: 'R1' }])).get('api')!
        const hourly = Array.from({ length: 40 * 24 }, (_, i) => NOW - 40 * DAY + i * 3_600_000)
        await store.results.insertBatch(hourly.map((at) => ({ checkId: api, result: outcome(at, true) })))
        await recordEvaluations(store, [NOW - 39 * DAY, NOW - 35 * DAY, NOW - 20 * DAY])
        const clock = fakeClock(NOW)
        const service = createIncidentService({ store, clock })
        const incident = await service.createIncident({ title: 'Outage', impacts: [{ ...SERIES, severity: 100 }], text: 'Seen.' }, { actor: 'alice', door: 'api' })
        const pin = { from: NOW - 36 * DAY, to: NOW - 34 * DAY }
        await store.evidencePins.pin([{ incidentId: incident.id, ...SERIES, checkId: api, from: pin.from }, { incidentId: incident.id, ...SERIES, checkId: '', from: pin.from }], NOW)
        await store.evidencePins.close(incident.id, pin.to)
        const retention = createRetentionJob({ store, clock, log: memoryLog(), settleMs: 0 })
        assert.equal((await retention.runNow()).results, 0, 'nothing goes before the records job has rolled it up')

        await catchUp(store, { clock, retention: { minuteMs: 40 * DAY, hourMs: 730 * DAY } })
        const lateAt = NOW - 38 * DAY + 17 * MINUTE
        await store.results.insertBatch([{ checkId: api, result: outcome(lateAt, false) }])

        const waiting = await retention.runNow()
        const keptWhileWaiting = await startedAts(store, api)
        assert.ok(keptWhileWaiting.includes(lateAt), 'a result the records job has not rolled up stays')
        assert.deepEqual(keptWhileWaiting.filter((at) => at < lateAt - 2 * DAY), [], 'older ones go')
        assert.equal(waiting.results, hourly.filter((at) => at < lateAt - 2 * DAY).length, 'its neighbours stay so its hour can be recomputed')

        await catchUp(store, { clock, retention: { minuteMs: 40 * DAY, hourMs: 730 * DAY } })
        const counts = await retention.runNow()
        const kept = await startedAts(store, api)
        const pinned = hourly.filter((at) => at >= pin.from && at <= pin.to)
        assert.equal(counts.results + waiting.results, hourly.length + 1 - kept.length, JSON.stringify(counts))
        for (const at of pinned) assert.ok(kept.includes(at), 'pinned results stay')
        assert.deepEqual(
          kept.filter((at) => at < NOW - 30 * DAY && !(at >= pin.from && at <= pin.to)),
          [],
          'every other result older than 30 days is gone, the late one too once rolled up',
        )
        assert.equal(kept.filter((at) => at >= NOW - 30 * DAY).length, 30 * 24)
        assert.equal((await store.results.list(api, { limit: 1 }))[0]!.calls.length, 1, 'kept results keep their calls')
        const evaluations = (await store.evaluations.list(SERIES, { limit: 10 })).map((e) => e.at)
        assert.deepEqual(evaluations, [NOW - 20 * DAY, NOW - 35 * DAY], 'the pinned and the recent evaluation stay')
        assert.ok(counts.minutes > 0)
        assert.ok((await store.rollups.between('series', 'compute@R1', 'minute', 0, NOW - 30 * DAY)).length === 0)
        assert.equal((await store.rollups.between('series', 'compute@R1', 'day', 0, NOW)).length, 40, 'days are kept forever')

        assert.deepEqual(await retention.runNow(), { results: 0, evaluations: 0, minutes: 0, hours: 0, days: 0, auditEntries: 0, subscriberData: 0, deliveryLogs: 0 }, 'a rerun deletes nothing more')
        assert.ok(DEFAULT_RETENTION.dayMs === null)
      }))
  })
}
