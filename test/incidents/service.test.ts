import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { publicState } from '../../src/core/index.js'
import { InvalidInputError, NotFoundError, seriesDeclaration, StateConflictError } from '../../src/incidents/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { MINUTE, OPERATOR, serviceOver, settableClock, T0 } from './support.js'

const parts = dialectParts()
const R1 = { component: 'compute', location: 'R1' }

function issuePaths(error: unknown): string[] {
  assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`)
  assert.equal(error.status, 422)
  return error.issues.map((issue) => `${issue.path}: ${issue.message}`)
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`incident service on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('creating an incident stores it, its impacts, its first update and one audit event', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock()
        const service = serviceOver(store, clock)
        const created = await service.createIncident(
          { title: 'Servers do not boot', beganAt: T0 - 5 * MINUTE, impacts: [{ ...R1, type: 'Connectivity Problems', severity: 80 }], text: 'We are investigating.' },
          OPERATOR,
        )
        assert.equal(created.managed, 'api')
        assert.equal(created.origin, 'human')
        assert.equal(created.phase, 'investigating')
        assert.deepEqual(created.updates.map((u) => [u.seq, u.at, u.recordedAt, u.actor]), [[1, T0, T0, 'alice']])
        assert.equal(created.impacts[0]?.from, T0 - 5 * MINUTE)
        const events = await store.audit.list({ objectId: created.id })
        assert.deepEqual(events.map((e) => [e.action, e.door, e.actor, e.before]), [['incident.create', 'api', 'alice', null]])
        assert.equal((events[0]!.after as { title: string }).title, 'Servers do not boot')
      })
    })

    test('update times: not in the future, not before the incident began, not before the previous update', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock()
        const service = serviceOver(store, clock)
        const { id } = await service.createIncident({ title: 'Slow DNS', beganAt: T0 - 10 * MINUTE, text: 'Looking.', at: T0 - 5 * MINUTE }, OPERATOR)
        const auditBefore = (await store.audit.list()).length
        for (const [at, message] of [
          [T0 + 1, /future/],
          [T0 - 11 * MINUTE, /before the incident began/],
          [T0 - 6 * MINUTE, /before the previous update/],
        ] as const) {
          const error = await service.addUpdate(id, { text: 'x', at }, OPERATOR).catch((e: unknown) => e)
          assert.match(issuePaths(error).join('\n'), message)
        }
        assert.equal((await store.audit.list()).length, auditBefore, 'a refused write leaves no audit event')
        assert.equal((await service.incident(id))!.updates.length, 1)
        const update = await service.addUpdate(id, { text: 'Found it.', phase: 'identified', at: T0 - 5 * MINUTE }, OPERATOR)
        assert.equal(update.seq, 2)
        assert.equal((await service.incident(id))!.phase, 'identified')
      })
    })

    test('escalation keeps history; resolving ends the incident and its impacts; resolved is final', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock()
        const service = serviceOver(store, clock)
        const { id } = await service.createIncident({ title: 'Packet loss', impacts: [{ ...R1, type: 'Connectivity Problems', severity: 20 }], text: 'Seen.' }, OPERATOR)
        clock.set(T0 + 10 * MINUTE)
        await service.setImpact(id, { ...R1, type: 'Connectivity Problems', severity: 90 }, OPERATOR)
        assert.deepEqual((await service.activeImpacts(T0 + 5 * MINUTE)).map((i) => i.severity), [20])
        assert.deepEqual((await service.activeImpacts(T0 + 10 * MINUTE)).map((i) => i.severity), [90])
        clock.set(T0 + 30 * MINUTE)
        await service.addUpdate(id, { text: 'Fixed.', phase: 'resolved' }, OPERATOR)
        const resolved = (await service.incident(id))!
        assert.equal(resolved.endedAt, T0 + 30 * MINUTE)
        assert.ok(resolved.impacts.every((impact) => impact.to !== null))
        assert.deepEqual(await service.openIncidents(), [])
        assert.deepEqual(await service.activeImpacts(T0 + 31 * MINUTE), [])
        await assert.rejects(service.addUpdate(id, { text: 'Back.', phase: 'investigating' }, OPERATOR), StateConflictError)
        await assert.rejects(service.setImpact(id, { ...R1, severity: 50 }, OPERATOR), StateConflictError)
        await service.addUpdate(id, { text: 'Postmortem published.' }, OPERATOR)
        const actions = (await store.audit.list({ objectId: id })).map((e) => e.action)
        assert.deepEqual(actions, ['incident.create', 'impact.set', 'incident.update.add', 'incident.update.add'])
      })
    })

    test('bad input is refused with every issue: unknown component, duplicate impacts, unknown ids', async () => {
      await withStore(dialect, async (store) => {
        const service = serviceOver(store, settableClock())
        const unknown = await service.createIncident({ title: 'x', text: 'y', impacts: [{ component: 'storage', severity: 50 }] }, OPERATOR).catch((e: unknown) => e)
        assert.match(issuePaths(unknown).join('\n'), /impacts\.0\.component: no component named "storage"/)
        const twice = await service.createIncident({ title: 'x', text: 'y', impacts: [{ ...R1, severity: 50 }, { ...R1, severity: 60 }] }, OPERATOR).catch((e: unknown) => e)
        assert.match(issuePaths(twice).join('\n'), /listed twice/)
        const shape = await service.createIncident({ title: '', text: 'y', impacts: [{ ...R1, severity: 101 }] }, OPERATOR).catch((e: unknown) => e)
        assert.deepEqual(issuePaths(shape).map((line) => line.split(':')[0]), ['title', 'impacts.0.severity'])
        await assert.rejects(service.addUpdate('0190e7a0-0000-7000-8000-000000000000', { text: 'x' }, OPERATOR), NotFoundError)
        assert.deepEqual(await store.audit.list(), [])
      })
    })

    test('maintenance: scheduled in the future, in progress by time, cancellable once', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock()
        const service = serviceOver(store, clock)
        const window = await service.createMaintenance(
          { title: 'Network upgrade', components: [{ component: 'network', locations: ['R1'] }], start: T0 + 60 * MINUTE, end: T0 + 120 * MINUTE },
          OPERATOR,
        )
        assert.equal(window.status, 'scheduled')
        assert.deepEqual(await service.activeMaintenance(T0), [])
        assert.deepEqual((await service.activeMaintenance(T0 + 60 * MINUTE)).map((w) => w.id), [window.id])
        const bad = await service.createMaintenance({ title: 'x', components: [{ component: 'network' }], start: T0, end: T0 }, OPERATOR).catch((e: unknown) => e)
        assert.match(issuePaths(bad).join('\n'), /end: must be after start/)
        const cancelled = await service.cancelMaintenance(window.id, OPERATOR)
        assert.equal(cancelled.status, 'cancelled')
        assert.deepEqual(await service.activeMaintenance(T0 + 60 * MINUTE), [])
        await assert.rejects(service.cancelMaintenance(window.id, OPERATOR), StateConflictError)
        assert.deepEqual((await store.audit.list({ objectId: window.id })).map((e) => e.action), ['maintenance.create', 'maintenance.cancel'])
      })
    })

    test('active impacts and windows feed the public state function', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock()
        const service = serviceOver(store, clock)
        await service.createIncident({ title: 'Partial', impacts: [{ ...R1, severity: 50 }], text: 'Seen.' }, OPERATOR)
        const impacts = await service.activeImpacts(T0)
        const windows = await service.activeMaintenance(T0)
        assert.deepEqual(publicState({ measured: 'no_data', ...seriesDeclaration(R1, impacts, windows) }).state, 'partial_outage')
        assert.deepEqual(publicState({ measured: 'degraded', ...seriesDeclaration({ component: 'compute', location: 'R2' }, impacts, windows) }).state, 'degraded')
        await service.createMaintenance({ title: 'Reboot', components: [{ component: 'compute' }], start: T0, end: T0 + MINUTE }, OPERATOR)
        const during = seriesDeclaration(R1, impacts, await service.activeMaintenance(T0))
        assert.equal(publicState({ measured: 'major_outage', ...during }).state, 'maintenance')
      })
    })

    test('pages of incidents follow the cursor; a forged cursor is refused', async () => {
      await withStore(dialect, async (store) => {
        const clock = settableClock()
        const service = serviceOver(store, clock)
        for (let n = 0; n < 5; n++) {
          clock.set(T0 + n * MINUTE)
          await service.createIncident({ title: `Incident ${n}`, text: 'x' }, OPERATOR)
        }
        const seen: string[] = []
        let cursor: string | undefined
        for (let page = 0; page < 5; page++) {
          const result = await service.incidents({ limit: 2, ...(cursor === undefined ? {} : { cursor }) })
          seen.push(...result.items.map((i) => i.title))
          if (result.nextCursor === null) break
          cursor = result.nextCursor
        }
        assert.deepEqual(seen, ['Incident 4', 'Incident 3', 'Incident 2', 'Incident 1', 'Incident 0'])
        await assert.rejects(service.incidents({ cursor: 'bm90IGEgY3Vyc29y' }), InvalidInputError)
      })
    })
  })
}
