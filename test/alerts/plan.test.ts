/**
 * Grouping, repeats, delayed resolved notices and silences of the alert planner, driven pass by
 * pass as the reconciler drives it (groups fed back from the previous pass).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { planAlerts, routeAlert, inMaintenance, type Condition } from '../../src/alerts/index.js'
import { AlertsSchema } from '../../src/config/index.js'
import type { AlertGroup, MaintenanceRow, NewOutboxMessage } from '../../src/store/index.js'
import type { AlertNotice } from '../../src/notify/index.js'

const MINUTE = 60_000
const settings = AlertsSchema.parse({
  repeatInterval: '4h',
  resolveAfter: '5m',
  changeInterval: '5m',
  receivers: [
    { name: 'pager', kind: 'alertmanager-webhook', url: 'http://127.0.0.1:1/hook' },
    { name: 'mail', kind: 'email', host: '127.0.0.1', from: 'gh@example.org', to: ['ops@example.org'] },
  ],
  routes: [{ match: { severity: 'critical' }, receivers: ['pager', 'mail'] }, { match: {}, receivers: ['mail'] }],
})

function outage(state = 'major_outage', severity = 'critical'): Condition {
  return {
    key: 'series:compute@R1',
    labels: { alertname: 'ComponentState', component: 'compute', location: 'R1', severity },
    annotations: { summary: `Compute in R1: ${state}` },
    fingerprint: state,
  }
}

/** Runs passes; `conditionsAt(i)` says what holds at pass i (one pass a minute). */
function simulate(passes: number, conditionsAt: (pass: number) => Condition[], silenced: (pass: number) => boolean = () => false) {
  let groups: AlertGroup[] = []
  const messages: (NewOutboxMessage & { pass: number })[] = []
  for (let pass = 0; pass < passes; pass += 1) {
    const plan = planAlerts({
      now: pass * MINUTE,
      settings: { repeatInterval: settings.repeatInterval, resolveAfter: settings.resolveAfter, changeInterval: settings.changeInterval, externalUrl: 'http://status.example/' },
      conditions: conditionsAt(pass),
      groups,
      route: (labels) => routeAlert(settings, labels),
      silenced: () => silenced(pass),
    })
    const changed = new Map(plan.groups.map((group) => [group.key, group]))
    groups = [...groups.filter((group) => !changed.has(group.key)), ...changed.values()]
    messages.push(...plan.messages.map((message) => ({ ...message, pass })))
  }
  return { groups, messages, statuses: messages.map((message) => `${message.pass}:${message.receiver}:${(message.payload as AlertNotice).status}`) }
}

describe('alert planning', () => {
  test('an outage pages once per receiver, and its recovery sends one resolved notice after the resolve delay', () => {
    const run = simulate(30, (pass) => (pass >= 2 && pass < 10 ? [outage()] : []))
    assert.deepEqual(run.statuses, ['2:pager:firing', '2:mail:firing', '15:pager:resolved', '15:mail:resolved'])
    const resolved = run.messages.at(-1)!.payload as AlertNotice
    assert.equal(resolved.alerts[0]!.endsAt, new Date(10 * MINUTE).toISOString(), 'ends when it cleared, not when the notice went')
  })

  test('a flapping component is one alert: flaps inside the resolve delay send nothing', () => {
    const run = simulate(120, (pass) => (pass < 100 && pass % 2 === 0 ? [outage()] : []))
    assert.deepEqual(run.statuses, ['0:pager:firing', '0:mail:firing', '104:pager:resolved', '104:mail:resolved'])
  })

  test('many conditions of one group are one alert; firing alerts repeat after the repeat interval', () => {
    const run = simulate(9 * 60 + 1, () => [outage(), outage(), outage()])
    assert.equal(run.groups.length, 1)
    assert.deepEqual(run.statuses.filter((status) => status.endsWith(':pager:firing')), ['0:pager:firing', '240:pager:firing', '480:pager:firing'])
  })

  test('an escalation is told at most once per change interval, ending the alert with the old labels', () => {
    const run = simulate(12, (pass) => [pass < 2 ? outage('degraded', 'warning') : outage('major_outage', 'critical')])
    assert.deepEqual(run.statuses, ['0:mail:firing', '2:pager:firing', '5:mail:firing'])
    const escalation = run.messages.at(-1)!.payload as AlertNotice
    assert.deepEqual(escalation.alerts.map((alert) => [alert.status, alert.labels.severity]), [['resolved', 'warning'], ['firing', 'critical']])
  })

  test('a silenced outage sends nothing, not even when it resolves; after the silence it pages', () => {
    const quiet = simulate(30, (pass) => (pass < 10 ? [outage()] : []), () => true)
    assert.deepEqual(quiet.statuses, [])
    const late = simulate(12, () => [outage()], (pass) => pass < 5)
    assert.deepEqual(late.statuses, ['5:pager:firing', '5:mail:firing'])
  })

  test('maintenance covers an alert of its component and location only', () => {
    const window = { targets: [{ component: 'compute', locations: ['R1'] }] } as unknown as MaintenanceRow
    assert.equal(inMaintenance([window], { component: 'compute', location: 'R1' }), true)
    assert.equal(inMaintenance([window], { component: 'compute', location: 'R2' }), false)
    assert.equal(inMaintenance([window], { vantage: 'fra' }), false)
  })
})
