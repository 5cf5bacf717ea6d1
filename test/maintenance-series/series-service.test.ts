import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createIncidentService, ManagedByConfigError, StateConflictError, InvalidInputError, type IncidentService } from '../../src/incidents/index.js'
import type { Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { COMPONENTS, OPERATOR, settableClock, type SettableClock } from '../incidents/support.js'

const parts = dialectParts()
const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2026-12-07 00:00 UTC. */
const MONDAY = Date.UTC(2026, 11, 7)
const SUNDAYS_02_BERLIN = { weekdays: ['sun' as const], at: '02:00', timeZone: 'Europe/Berlin' }
const SERIES = { title: 'Weekly database patching', components: [{ component: 'compute' }], durationMs: 2 * HOUR, schedule: SUNDAYS_02_BERLIN }

function service(store: Store, clock: SettableClock, horizonMs = 30 * DAY): IncidentService {
  return createIncidentService({ store, clock, knownComponents: async () => COMPONENTS, maintenance: { seriesHorizonMs: () => horizonMs } })
}

async function windowsOf(store: Store) {
  const rows = await store.maintenance.list({ limit: 1000 })
  return rows.sort((a, b) => a.start - b.start).map((row) => ({ id: row.id, start: new Date(row.start).toISOString(), end: new Date(row.end).toISOString(), title: row.title, cancelled: row.cancelledAt !== null }))
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`maintenance series on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a weekday series materializes its windows a horizon ahead, idempotently, and after a restart the same', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock(MONDAY)
        const created = await service(store, clock).createSeries(SERIES, OPERATOR)
        assert.equal(created.status, 'active')
        assert.equal(new Date(created.next!).toISOString(), '2026-12-13T01:00:00.000Z')
        assert.deepEqual(created.warnings, [])
        const first = await windowsOf(store)
        assert.deepEqual(first.map((w) => w.start), ['2026-12-13T01:00:00.000Z', '2026-12-20T01:00:00.000Z', '2026-12-27T01:00:00.000Z', '2027-01-03T01:00:00.000Z'])
        assert.equal(first[0]!.end, '2026-12-13T03:00:00.000Z')
        const again = await service(store, clock).materializeAllSeries()
        assert.deepEqual(again, { created: 0, updated: 0, cancelled: 0 })
        assert.deepEqual(await windowsOf(store), first, 'a second run and a new service (restart) change nothing')
        clock.set(MONDAY + 7 * DAY)
        assert.deepEqual(await service(store, clock).materializeAllSeries(), { created: 1, updated: 0, cancelled: 0 })
        const audit = await store.audit.list({ objectType: 'maintenance-series' })
        assert.deepEqual(audit.map((e) => [e.action, e.actor]), [['maintenance-series.create', 'alice']])
      })
    })

    test('editing a series changes only windows that have not started; cancelling cancels them; past ones stay', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock(MONDAY)
        const incidents = service(store, clock, 14 * DAY)
        const { id } = await incidents.createSeries(SERIES, OPERATOR)
        clock.set(Date.parse('2026-12-13T02:00:00Z')) // inside the first window
        const edited = await incidents.updateSeries(id, { title: 'Database patching', durationMs: HOUR }, OPERATOR)
        assert.equal(edited.title, 'Database patching')
        const windows = await windowsOf(store)
        assert.deepEqual(windows.map((w) => [w.start, w.end, w.title, w.cancelled]), [
          ['2026-12-13T01:00:00.000Z', '2026-12-13T03:00:00.000Z', 'Weekly database patching', false],
          ['2026-12-20T01:00:00.000Z', '2026-12-20T02:00:00.000Z', 'Database patching', false],
          ['2026-12-27T01:00:00.000Z', '2026-12-27T02:00:00.000Z', 'Database patching', false],
        ])
        await incidents.updateSeries(id, { schedule: { cron: '0 3 * * sat', timeZone: 'UTC' } }, OPERATOR)
        const moved = await windowsOf(store)
        assert.deepEqual(moved.filter((w) => !w.cancelled).map((w) => w.start), ['2026-12-13T01:00:00.000Z', '2026-12-19T03:00:00.000Z', '2026-12-26T03:00:00.000Z'])
        assert.deepEqual(moved.filter((w) => w.cancelled).map((w) => w.start), ['2026-12-20T01:00:00.000Z', '2026-12-27T01:00:00.000Z'])
        const cancelled = await incidents.cancelSeries(id, OPERATOR)
        assert.equal(cancelled.status, 'cancelled')
        assert.equal(cancelled.next, null)
        const after = await windowsOf(store)
        assert.deepEqual(after.filter((w) => !w.cancelled).map((w) => w.start), ['2026-12-13T01:00:00.000Z'], 'the running window stays')
        await assert.rejects(incidents.cancelSeries(id, OPERATOR), StateConflictError)
        await assert.rejects(incidents.updateSeries(id, { title: 'x' }, OPERATOR), StateConflictError)
        clock.set(MONDAY + 30 * DAY)
        assert.deepEqual(await incidents.materializeAllSeries(), { created: 0, updated: 0, cancelled: 0 })
      })
    })

    test('a window cancelled or edited on its own stays so when the series is materialized again', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock(MONDAY)
        const incidents = service(store, clock, 14 * DAY)
        const { id } = await incidents.createSeries(SERIES, OPERATOR)
        const [first, second] = await windowsOf(store)
        await incidents.cancelMaintenance(first!.id, OPERATOR)
        const edited = await incidents.updateMaintenance(second!.id, { title: 'Longer this time', end: Date.parse('2026-12-20T05:00:00Z') }, OPERATOR)
        assert.deepEqual(edited.warnings, [])
        await incidents.updateSeries(id, { title: 'Renamed series' }, OPERATOR)
        const windows = await windowsOf(store)
        assert.deepEqual(windows.map((w) => [w.title, w.cancelled]), [['Weekly database patching', true], ['Longer this time', false]])
      })
    })

    test('minimum notice: a window or a series starting sooner warns, and is still written', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock(MONDAY)
        const incidents = service(store, clock)
        const soon = await incidents.createMaintenance({ title: 'Urgent patch', components: [{ component: 'dns' }], start: MONDAY + 5 * HOUR, end: MONDAY + 6 * HOUR }, OPERATOR)
        assert.deepEqual(soon.warnings, ['notice is only 5 h, the policy is 36 h'])
        assert.equal(soon.status, 'scheduled')
        const later = await incidents.createMaintenance({ title: 'Planned', components: [{ component: 'dns' }], start: MONDAY + 2 * DAY, end: MONDAY + 2 * DAY + HOUR }, OPERATOR)
        assert.deepEqual(later.warnings, [])
        const moved = await incidents.updateMaintenance(later.id, { start: MONDAY + 3 * HOUR }, OPERATOR)
        assert.deepEqual(moved.warnings, ['notice is only 3 h, the policy is 36 h'])
        const series = await incidents.createSeries({ ...SERIES, schedule: { cron: '30 1 * * *', timeZone: 'UTC' } }, OPERATOR)
        assert.deepEqual(series.warnings, ['notice is only 1 h 30 min, the policy is 36 h'])
      })
    })

    test('bad input: an unknown component, a bad cron, an unknown time zone → issues by path', async () => {
      await withStore(dialect, async (store) => {
        const incidents = service(store, settableClock(MONDAY))
        const issues = async (input: unknown) => {
          try {
            await incidents.createSeries(input as never, OPERATOR)
          } catch (error) {
            assert.ok(error instanceof InvalidInputError)
            return error.issues.map((issue) => `${issue.path}: ${issue.message}`)
          }
          assert.fail('accepted')
        }
        assert.deepEqual(await issues({ ...SERIES, components: [{ component: 'nope' }] }), ['components.0.component: no component named "nope"'])
        assert.deepEqual(await issues({ ...SERIES, schedule: { cron: '61 * * * *', timeZone: 'UTC' } }), ['schedule.cron: minute: 61 is outside 0–59'])
        assert.deepEqual(await issues({ ...SERIES, schedule: { ...SUNDAYS_02_BERLIN, timeZone: 'Mars/Olympus' } }), ['schedule.timeZone: "Mars/Olympus" is not an IANA time zone (such as UTC or Europe/Berlin)'])
        assert.deepEqual(await store.maintenanceSeries.list(), [])
      })
    })

    test('config series: created, materialized, edited and archived by the sync; the API cannot change them', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock(MONDAY)
        const incidents = service(store, clock)
        const declared = { name: 'weekly-db', title: 'Weekly DB', description: null, targets: [{ component: 'compute', locations: null }], durationMs: HOUR, schedule: SUNDAYS_02_BERLIN, source: 'glasshouse.yaml:12' }
        const first = await incidents.syncFromConfig({ incidents: [], maintenance: [], series: [declared], seriesHorizonMs: 14 * DAY }, MONDAY)
        assert.deepEqual(first.created, ['maintenance/weekly-db'])
        assert.equal((await windowsOf(store)).length, 2)
        const again = await incidents.syncFromConfig({ incidents: [], maintenance: [], series: [declared], seriesHorizonMs: 14 * DAY }, MONDAY)
        assert.deepEqual(again, { created: [], updated: [], archived: [] })
        const [series] = await incidents.listSeries()
        await assert.rejects(incidents.cancelSeries(series!.id, OPERATOR), ManagedByConfigError)
        const [window] = await windowsOf(store)
        await assert.rejects(incidents.cancelMaintenance(window!.id, OPERATOR), ManagedByConfigError)
        await incidents.syncFromConfig({ incidents: [], maintenance: [], series: [{ ...declared, durationMs: 3 * HOUR }], seriesHorizonMs: 14 * DAY }, MONDAY)
        assert.deepEqual((await windowsOf(store)).map((w) => w.end), ['2026-12-13T04:00:00.000Z', '2026-12-20T04:00:00.000Z'])
        const removed = await incidents.syncFromConfig({ incidents: [], maintenance: [], series: [], seriesHorizonMs: 14 * DAY }, MONDAY)
        assert.deepEqual(removed.archived, ['maintenance/weekly-db'])
        assert.deepEqual((await windowsOf(store)).map((w) => w.cancelled), [true, true])
        assert.deepEqual(await incidents.listSeries(), [])
      })
    })
  })
}
