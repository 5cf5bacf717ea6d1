import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { localDateStart } from '../../src/records/index.js'
import { createRecordsJob } from '../../src/records-job/index.js'
import { availabilityReport, type ReportRequest } from '../../src/reports/index.js'
import type { Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { fakeClock, memoryLog, outcome, seed } from './fixtures.js'

const parts = dialectParts()
const ZONE = 'Europe/Berlin'
const HOUR = 3_600_000
const INTERVAL = 10 * 60_000
const FROM = localDateStart('2025-03-28', ZONE)
const TO = localDateStart('2025-04-02', ZONE)
/** Mid-day on the last day: that day is partial and always computed from raw results. */
const NOW = TO - 12 * HOUR
const REQUEST: ReportRequest = { from: FROM, to: TO, timeZone: ZONE, now: NOW }

async function fill(store: Store, checkId: string): Promise<void> {
  const rows = []
  for (let at = FROM - HOUR; at < NOW; at += INTERVAL) {
    if (at >= localDateStart('2025-03-29', ZONE) + 5 * HOUR && at < localDateStart('2025-03-29', ZONE) + 7 * HOUR) continue
    rows.push({ checkId, result: outcome(at, at % (7 * INTERVAL) !== 0) })
  }
  await store.results.insertBatch(rows)
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`availability report from day rollups on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('settled days come from the day rollups and equal the raw computation, DST day included', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [{ check: 'api', intervalSeconds: INTERVAL / 1000, component: 'compute', location: 'R1' }])
        const api = ids.get('api')!
        await fill(store, api)
        const raw = await availabilityReport(store, REQUEST, [])
        const job = createRecordsJob({ store, clock: fakeClock(NOW), log: memoryLog(), timeZone: ZONE })
        await job.runNow()
        const rolled = await availabilityReport(store, REQUEST, [])
        assert.deepEqual(rolled, raw)
        assert.deepEqual(raw.rows.map((row) => row.period), ['2025-03', '2025-04', 'total'])

        const late = localDateStart('2025-03-30', ZONE) + 2 * HOUR + 60_000
        await store.results.insertBatch([{ checkId: api, result: outcome(late, false) }])
        const lagging = await availabilityReport(store, REQUEST, [])
        assert.deepEqual(lagging, rolled, 'a result stored after the last run is not in the day rollup yet')
        await job.runNow()
        const caughtUp = await availabilityReport(store, REQUEST, [])
        assert.notDeepEqual(caughtUp, rolled)
        const march = (report: typeof raw) => report.rows.find((row) => row.period === '2025-03')!.measured
        assert.equal(march(caughtUp).count, march(rolled).count + 1)
        assert.equal(march(caughtUp).failures, march(rolled).failures + 1)
        assert.ok(march(caughtUp).downMs > march(rolled).downMs)
      }))
  })
}
