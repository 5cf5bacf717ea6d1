import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Store } from '../../src/store/index.js'
import { createStatusReader } from '../../src/status/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { COMPUTE_R1, COMPUTE_R2, MINUTE, NETWORK_R1, publish, rig, seed, T0 } from './support.js'

const parts = dialectParts()
const OPERATOR = { actor: 'alice', door: 'api' } as const

async function openSystem(store: Store) {
  const open = await store.incidents.open()
  const system = open.filter((row) => row.origin === 'system')
  const impacts = await store.incidents.impacts(system.map((row) => row.id))
  return system.map((row) => ({ row, open: impacts.filter((impact) => impact.incidentId === row.id && impact.to === null) }))
}

const brief = (impacts: readonly { location: string; type: string; severity: number }[]) =>
  impacts.map((impact) => `${impact.location}:${impact.type}:${impact.severity}`).sort()

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`incident automation on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a series leaving operational opens one generic system incident, audited as the automation', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        await publish(store, COMPUTE_R1, 'degraded', T0)
        const { automation, clock, service } = rig(store, T0 + MINUTE)
        assert.equal((await automation.reconcile()).opened, 1)
        clock.set(T0 + 2 * MINUTE)
        assert.equal((await automation.reconcile()).opened, 0, 'a second pass opens nothing new')
        const [incident, ...others] = await openSystem(store)
        assert.equal(others.length, 0)
        assert.equal(incident!.row.title, 'Compute in R1: degraded performance')
        assert.equal(incident!.row.managed, 'api')
        assert.equal(incident!.row.beganAt, T0, 'it began when the state was published')
        assert.deepEqual(brief(incident!.open), ['R1:Performance Degradation:33'])
        const detail = (await service.incident(incident!.row.id))!
        const publicText = JSON.stringify([detail.title, detail.description, detail.updates.map((u) => u.text)])
        assert.doesNotMatch(publicText, /compute-r1|http|down|test:/, 'no check names, kinds, flags or reasons in public text')
        const audit = await store.audit.list({ objectType: 'incident', objectId: incident!.row.id })
        assert.deepEqual(audit.map((event) => [event.action, event.actor, event.door]), [['incident.create', 'automation', 'system']])
      }))

    test('another location joins, escalation raises and de-escalation lowers the impact with updates', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const { automation, clock, service } = rig(store, T0)
        await publish(store, COMPUTE_R1, 'degraded', T0)
        await automation.reconcile()
        await publish(store, COMPUTE_R2, 'major_outage', T0 + MINUTE)
        clock.set(T0 + MINUTE)
        assert.equal((await automation.reconcile()).changed, 1)
        let [incident, ...others] = await openSystem(store)
        assert.equal(others.length, 0, 'R2 joined the open incident of compute')
        assert.deepEqual(brief(incident!.open), ['R1:Performance Degradation:33', 'R2:Major Outage:100'])
        assert.equal((await store.incidents.get(incident!.row.id))!.title, 'Compute in R1, R2: major outage')

        await publish(store, COMPUTE_R1, 'partial_outage', T0 + 2 * MINUTE)
        await publish(store, COMPUTE_R2, 'degraded', T0 + 2 * MINUTE)
        clock.set(T0 + 2 * MINUTE)
        await automation.reconcile()
        ;[incident] = await openSystem(store)
        assert.deepEqual(brief(incident!.open), ['R1:Partial Outage:66', 'R2:Performance Degradation:33'])
        const updates = (await service.incident(incident!.row.id))!.updates.map((u) => u.text)
        assert.equal(updates.length, 3)
        assert.match(updates[1]!, /Also affected: Compute in R2 \(major outage\)/)
        assert.match(updates[2]!, /Compute in R1: now partial outage\..*Compute in R2: improved to degraded performance/)
        const all = await store.incidents.impacts([incident!.row.id])
        assert.equal(all.filter((impact) => impact.to !== null).length, 2, 'the replaced impacts are kept as history')
      }))

    test('recovery ends after the quiet period; a relapse inside it keeps the incident open', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const { automation, clock, service } = rig(store, T0, { quietPeriod: '15m' })
        await publish(store, COMPUTE_R1, 'major_outage', T0)
        await publish(store, COMPUTE_R2, 'major_outage', T0)
        await automation.reconcile()
        const row = (await openSystem(store))[0]!.row
        await publish(store, COMPUTE_R1, 'operational', T0 + 5 * MINUTE)
        await publish(store, COMPUTE_R2, 'operational', T0 + 5 * MINUTE)
        clock.set(T0 + 12 * MINUTE)
        await automation.reconcile()
        await publish(store, COMPUTE_R1, 'major_outage', T0 + 12 * MINUTE)
        await publish(store, COMPUTE_R1, 'operational', T0 + 14 * MINUTE)
        clock.set(T0 + 20 * MINUTE)
        const pass = await automation.reconcile()
        assert.equal(pass.changed, 1, 'R2 has been operational for 15 min: its impact ends')
        let [incident] = await openSystem(store)
        assert.equal(incident!.row.id, row.id, 'the relapse kept the same incident open')
        assert.deepEqual(brief(incident!.open), ['R1:Major Outage:100'])
        clock.set(T0 + 29 * MINUTE - 1)
        await automation.reconcile()
        assert.equal((await openSystem(store)).length, 1, 'R1 is still inside its quiet period')
        clock.set(T0 + 29 * MINUTE)
        assert.equal((await automation.reconcile()).resolved, 1)
        const detail = (await service.incident(row.id))!
        assert.equal(detail.phase, 'resolved')
        assert.equal(detail.endedAt, T0 + 29 * MINUTE)
        assert.match(detail.updates.at(-1)!.text, /Compute in R1 has been operational for 15m\. Resolved automatically\./)
        assert.ok(detail.impacts.every((impact) => impact.to !== null))
      }))

    test('recovery shows on the public status at once; the incident waits in monitoring and returns to investigating on a relapse', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const { automation, clock, service } = rig(store, T0, { quietPeriod: '15m' })
        const status = createStatusReader({ store, clock, maxAgeMs: -1, minAgeMs: 0 })
        const shown = async () => (await status.current()).components.find((c) => c.name === 'compute')!.locations.find((l) => l.location === 'R1')!
        await publish(store, COMPUTE_R1, 'major_outage', T0)
        await automation.reconcile()
        const id = (await openSystem(store))[0]!.row.id
        assert.equal((await shown()).state, 'major_outage')
        await publish(store, COMPUTE_R1, 'operational', T0 + 5 * MINUTE)
        clock.set(T0 + 5 * MINUTE)
        assert.equal((await shown()).state, 'operational', 'the automatic impact does not hold the public state down')
        await automation.reconcile()
        let detail = (await service.incident(id))!
        assert.equal(detail.phase, 'monitoring')
        assert.match(detail.updates.at(-1)!.text, /Compute in R1 is operational again\. We are monitoring and resolve this incident after 15m without failures\./)
        clock.set(T0 + 6 * MINUTE)
        assert.equal((await automation.reconcile()).changed, 0, 'no second monitoring update')
        await publish(store, COMPUTE_R1, 'partial_outage', T0 + 8 * MINUTE)
        clock.set(T0 + 8 * MINUTE)
        await automation.reconcile()
        detail = (await service.incident(id))!
        assert.equal(detail.phase, 'investigating')
        assert.equal((await shown()).state, 'partial_outage')
        assert.match(detail.updates.at(-1)!.text, /We are investigating\./)
      }))

    test('human incidents are never touched, and a series a human covers opens nothing', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const { automation, clock, service } = rig(store, T0)
        const human = await service.createIncident({ title: 'Compute trouble', impacts: [{ component: 'compute', location: 'R1', severity: 50 }], text: 'We know.' }, OPERATOR)
        await publish(store, COMPUTE_R1, 'major_outage', T0)
        await automation.reconcile()
        assert.equal((await openSystem(store)).length, 0)
        await publish(store, COMPUTE_R1, 'operational', T0 + MINUTE)
        clock.set(T0 + 60 * MINUTE)
        await automation.reconcile()
        const after = (await service.incident(human.id))!
        assert.deepEqual(after, human, 'no update, impact or phase change on the human incident')
        const pins = await store.evidencePins.forIncident(human.id)
        assert.deepEqual(pins.map((pin) => pin.checkId === '' ? 'series' : 'check').sort(), ['check', 'series'], 'pins still go to the human incident')
      }))

    test('maintenance suppresses opening and escalation', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const { automation, clock, service } = rig(store, T0)
        await publish(store, NETWORK_R1, 'degraded', T0)
        await automation.reconcile()
        await service.createMaintenance({ title: 'Upgrade', components: [{ component: 'compute' }, { component: 'network' }], start: T0 + MINUTE, end: T0 + 60 * MINUTE }, OPERATOR)
        clock.set(T0 + 2 * MINUTE)
        await publish(store, COMPUTE_R1, 'major_outage', T0 + 2 * MINUTE)
        await publish(store, NETWORK_R1, 'major_outage', T0 + 2 * MINUTE)
        await automation.reconcile()
        const open = await openSystem(store)
        assert.equal(open.length, 1, 'compute opened nothing during its maintenance')
        assert.deepEqual(brief(open[0]!.open), ['R1:Performance Degradation:33'], 'network did not escalate')
        clock.set(T0 + 61 * MINUTE)
        await automation.reconcile()
        const later = await openSystem(store)
        assert.deepEqual(later.map((item) => brief(item.open)).sort(), [['R1:Major Outage:100'], ['R1:Major Outage:100']], 'after the window both count')
      }))

    test('restart-safe: a new reconciler on the same store continues without duplicates', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const first = rig(store, T0)
        await publish(store, COMPUTE_R1, 'major_outage', T0)
        await first.automation.reconcile()
        await publish(store, COMPUTE_R1, 'operational', T0 + MINUTE)
        first.clock.set(T0 + 10 * MINUTE)
        await first.automation.reconcile()
        const second = rig(store, T0 + 10 * MINUTE)
        await second.automation.reconcile()
        assert.equal((await openSystem(store)).length, 1, 'no second incident')
        second.clock.set(T0 + 16 * MINUTE)
        assert.equal((await second.automation.reconcile()).resolved, 1, 'the quiet period counted from the stored state')
        assert.equal((await store.incidents.open()).length, 0)
      }))

    test('pins cover the series and its checks from began − window, and close at ended + window', () =>
      withStore(dialect, async (store) => {
        const checks = await seed(store, T0)
        const { automation, clock } = rig(store, T0, { evidenceWindow: '30m', quietPeriod: '5m' })
        await publish(store, COMPUTE_R1, 'major_outage', T0)
        await automation.reconcile()
        const row = (await openSystem(store))[0]!.row
        const pins = await store.evidencePins.forIncident(row.id)
        assert.deepEqual(
          pins.map((pin) => [pin.component, pin.location, pin.checkId, pin.from, pin.to]),
          [['compute', 'R1', '', T0 - 30 * MINUTE, null], ['compute', 'R1', checks.get('compute-r1'), T0 - 30 * MINUTE, null]],
        )
        assert.equal((await automation.reconcile()).pinned, 0, 'pinning is idempotent')
        await publish(store, COMPUTE_R1, 'operational', T0 + MINUTE)
        clock.set(T0 + 6 * MINUTE)
        const pass = await automation.reconcile()
        assert.equal(pass.resolved, 1)
        assert.equal(pass.closedPins, 2)
        const closed = await store.evidencePins.forIncident(row.id)
        assert.ok(closed.every((pin) => pin.to === T0 + 6 * MINUTE + 30 * MINUTE))
        assert.deepEqual(await store.evidencePins.openIncidentIds(), [])
      }))

    test('a title an operator rewrote is kept when the incident escalates', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const { automation, clock, service } = rig(store, T0)
        await publish(store, COMPUTE_R1, 'degraded', T0)
        await automation.reconcile()
        const id = (await openSystem(store))[0]!.row.id
        await service.updateIncident(id, { title: 'Slow instance boots' }, OPERATOR)
        await publish(store, COMPUTE_R1, 'major_outage', T0 + MINUTE)
        clock.set(T0 + MINUTE)
        await automation.reconcile()
        const detail = (await service.incident(id))!
        assert.equal(detail.title, 'Slow instance boots')
        assert.match(detail.updates.at(-1)!.text, /now major outage/)
      }))

    test('disabled: nothing opens, pins still follow human incidents', () =>
      withStore(dialect, async (store) => {
        await seed(store, T0)
        const { automation, service } = rig(store, T0, { enabled: false })
        await publish(store, COMPUTE_R1, 'major_outage', T0)
        const human = await service.createIncident({ title: 'Network', impacts: [{ component: 'network', location: 'R1', severity: 80 }], text: 'Looking.' }, OPERATOR)
        const pass = await automation.reconcile()
        assert.equal(pass.opened, 0)
        assert.equal((await openSystem(store)).length, 0)
        assert.equal((await store.evidencePins.forIncident(human.id)).length, 2)
      }))
  })
}
