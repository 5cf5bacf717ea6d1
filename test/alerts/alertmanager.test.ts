/**
 * Suite `alerts-alertmanager`: a real Alertmanager on loopback receives our alerts. An outage of
 * compute@R1 arrives once, with its labels and evidence (the token never, only `$TOKEN`), is
 * grouped by Alertmanager per (component, location), and the recovery resolves it — seen through
 * Alertmanager's API v2 and through the webhook Alertmanager itself calls, whose version-4 payload
 * our `alertmanager-webhook` receiver reproduces field for field.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { webhookPayload, type AlertNotice } from '../../src/notify/index.js'
import { realPart } from '../support/real-part.js'
import { tempStore } from '../support/temp-store.js'
import { httpReceiver } from '../notify/receivers.js'
import { ALERTMANAGER, startAlertmanager } from './real-servers.js'
import { alertScenario } from './scenario.js'

const part = realPart('alerts-alertmanager', existsSync(ALERTMANAGER) ? null : `${ALERTMANAGER} not installed`, 'apt-get install prometheus-alertmanager')

interface ApiAlert {
  labels: Record<string, string>
  annotations: Record<string, string>
  status: { state: string }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = await read()
    if (done(value)) return value
    await sleep(100)
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('alerts through a real Alertmanager', { skip: part.available ? false : part.skip }, () => {
  let hook: Awaited<ReturnType<typeof httpReceiver>>
  let manager: Awaited<ReturnType<typeof startAlertmanager>>
  let temp: Awaited<ReturnType<typeof tempStore>>
  before(async () => {
    hook = await httpReceiver()
    manager = await startAlertmanager(`${hook.url}/am`)
    temp = await tempStore()
  })
  after(async () => {
    await manager?.close()
    await hook?.close()
    await temp?.dispose()
  })

  test('an outage pages once with labels and evidence, and its recovery resolves it', async () => {
    const alerts = () => fetch(`${manager.url}/api/v2/alerts`).then((response) => response.json() as Promise<ApiAlert[]>)
    const scenario = await alertScenario(temp.store, { quietAfter: '1h', resolveAfter: '2s', receivers: [{ name: 'am', kind: 'alertmanager', url: manager.url }] })
    // Alertmanager compares instants with the real clock: the fake one moves in seconds only.
    await scenario.step('operational', 1_000)
    await scenario.failResult()
    const pass = await scenario.step('major_outage', 1_000)
    assert.equal(pass.queued, 1)
    const firing = await until(alerts, (list) => list.length > 0, 'the alert in Alertmanager')
    assert.equal(firing.length, 1)
    assert.deepEqual(firing[0]!.labels, { alertname: 'ComponentState', component: 'compute', location: 'R1', severity: 'critical' })
    assert.equal(firing[0]!.status.state, 'active')
    assert.match(firing[0]!.annotations.request_ids ?? '', /req-7d1e0c44/)
    assert.equal(firing[0]!.annotations.reproduction, `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' -X GET -H "X-Auth-Token: $TOKEN" 'https://compute.example/v2.1/servers'`)

    for (let pass = 0; pass < 3; pass += 1) await scenario.step('major_outage', 1_000)
    const webhook = await until(async () => hook.received, (list) => list.length > 0, 'Alertmanager calling its webhook')
    const groups = await fetch(`${manager.url}/api/v2/alerts/groups`).then((response) => response.json() as Promise<{ labels: Record<string, string>; alerts: unknown[] }[]>)
    assert.deepEqual(groups.map((group) => [group.labels, group.alerts.length]), [[{ alertname: 'ComponentState', component: 'compute', location: 'R1' }, 1]])

    const fromAlertmanager = JSON.parse(webhook[0]!.body) as Record<string, unknown>
    const ours = webhookPayload(
      {
        groupKey: 'k',
        status: 'firing',
        externalURL: 'http://status.example/',
        at: 0,
        alerts: [{ status: 'firing', labels: {}, annotations: {}, startsAt: '', endsAt: '', generatorURL: '', fingerprint: '' }],
      } satisfies AlertNotice,
      'test',
    )
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(fromAlertmanager).sort(), 'the version 4 payload has Alertmanager’s fields')
    assert.equal(fromAlertmanager.version, '4')

    await scenario.step('operational', 1_000)
    await scenario.step('operational', 2_000)
    await until(alerts, (list) => list.length === 0, 'the alert resolved in Alertmanager')
    const resolved = await until(async () => hook.received.map((request) => JSON.parse(request.body) as { status: string }), (list) => list.some((body) => body.status === 'resolved'), 'the resolved webhook')
    assert.equal(resolved.filter((body) => body.status === 'resolved').length, 1)
  })
})
