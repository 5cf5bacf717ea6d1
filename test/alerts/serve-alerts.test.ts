/**
 * Operator alerts end to end through a real `glasshouse serve` child, a real Alertmanager and a
 * real SMTP server (suites `alerts-alertmanager`, `alerts-smtp`): stopping a check's target pages
 * once — one Alertmanager alert for its (component, location), one mail; bringing it back sends
 * one resolved notice each way; an outage inside a maintenance window declared in the config sends
 * nothing; and a stopped Glasshouse stops its heartbeat. Prints the time from "target down" to the
 * alert at Alertmanager and to the mail, and from "target up" to the resolved notices.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { AlertNotice } from '../../src/notify/index.js'
import { openStore } from '../../src/store/index.js'
import { freePort } from '../support/ports.js'
import { realPart } from '../support/real-part.js'
import { httpReceiver } from '../notify/receivers.js'
import { heartbeatReceiver, stoppableTarget } from './loopback.js'
import { aiosmtpdAvailable, ALERTMANAGER, startAlertmanager, startSmtp } from './real-servers.js'

const root = new URL('../..', import.meta.url).pathname
const alertmanagerPart = realPart('alerts-alertmanager', existsSync(ALERTMANAGER) ? null : `${ALERTMANAGER} not installed`, 'apt-get install prometheus-alertmanager')
const smtpPart = realPart('alerts-smtp', await aiosmtpdAvailable(), 'apt-get install python3-aiosmtpd')
const skip = !alertmanagerPart.available ? alertmanagerPart.skip : !smtpPart.available ? smtpPart.skip : false

const HEARTBEAT_EVERY_MS = 500
/** Settings the measured times depend on (reported with them). */
const SETTINGS = 'check interval 1s (timeout 500ms), standard rule set (outage at the 2nd failed run), alerts.every 1s, resolveAfter 2s, Alertmanager group_wait 1s'

interface ApiAlert {
  labels: Record<string, string>
  status: { state: string }
}

async function waitFor<T>(what: string, seconds: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const until = Date.now() + seconds * 1_000
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out after ${seconds} s waiting for ${what}`)
    await sleep(50)
  }
}

function configText(options: { port: number; web: string; shop: string; alertmanager: string; smtpPort: number; heartbeat: string }): string {
  const hour = 3_600_000
  return `server:
  listen: 127.0.0.1:${options.port}
  title: Alerts E2E
defaults:
  interval: 1s
  timeout: 500ms
checks:
  - { name: web-api, kind: http, url: ${options.web}/ }
  - { name: shop-api, kind: http, url: ${options.shop}/ }
components:
  - { name: web, displayName: Web, feeds: [{ check: web-api, location: R1 }] }
  - { name: shop, displayName: Shop, feeds: [{ check: shop-api, location: R1 }] }
maintenance:
  - name: shop-upgrade
    title: Shop upgrade
    components: [{ component: shop }]
    start: ${new Date(Date.now() - hour).toISOString()}
    end: ${new Date(Date.now() + 2 * hour).toISOString()}
alerts:
  every: 1s
  resolveAfter: 2s
  repeatInterval: 1h
  quietAfter: 1h
  delivery: { timeout: 2s, backoff: 200ms, maxBackoff: 2s }
  receivers:
    - { name: am, kind: alertmanager, url: ${options.alertmanager} }
    - { name: mail, kind: email, host: 127.0.0.1, port: ${options.smtpPort}, from: glasshouse@example.org, to: [oncall@example.org] }
  heartbeat:
    url: ${options.heartbeat}/ping/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
    every: ${HEARTBEAT_EVERY_MS}ms
    timeout: 1s
`
}

function subject(message: string): string {
  return /^Subject: (.*)$/m.exec(message)?.[1]?.trim() ?? ''
}

describe('alerts through glasshouse serve, Alertmanager and SMTP', { skip }, () => {
  let dir: string
  let port: number
  let child: ChildProcess
  let stderr = ''
  let web: Awaited<ReturnType<typeof stoppableTarget>>
  let shop: Awaited<ReturnType<typeof stoppableTarget>>
  let hook: Awaited<ReturnType<typeof httpReceiver>>
  let manager: Awaited<ReturnType<typeof startAlertmanager>>
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let heartbeat: Awaited<ReturnType<typeof heartbeatReceiver>>
  const activeAlerts = async () => ((await (await fetch(`${manager.url}/api/v2/alerts?active=true&silenced=false&inhibited=false`)).json()) as ApiAlert[]).filter((alert) => alert.status.state === 'active')
  const notifications = () => hook.received.map((request) => JSON.parse(request.body) as { status: string; alerts: { labels: Record<string, string> }[] })
  const states = async () => {
    const body = (await (await fetch(`http://127.0.0.1:${port}/api/v1/status`)).json()) as { components: { name: string; locations: { lastMeasuredAt: string | null }[]; state: string }[] }
    return new Map(body.components.map((component) => [component.name, component]))
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-alerts-e2e-'))
    ;[web, shop, hook, smtp, heartbeat] = await Promise.all([stoppableTarget(), stoppableTarget(), httpReceiver(), startSmtp(), heartbeatReceiver()])
    manager = await startAlertmanager(`${hook.url}/am`)
    port = await freePort()
    writeFileSync(join(dir, 'glasshouse.yaml'), configText({ port, web: web.url, shop: shop.url, alertmanager: manager.url, smtpPort: smtp.port, heartbeat: heartbeat.url }))
    child = spawn(process.execPath, [join(root, 'bin/glasshouse.js'), 'serve', '--config', join(dir, 'glasshouse.yaml'), '--data-dir', join(dir, 'data')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  })

  after(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL')
    await Promise.all([web?.stop(), shop?.stop(), hook?.close(), manager?.close(), smtp?.close(), heartbeat?.close()])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  test('both components are measured operational and the heartbeat beats every 500 ms', async () => {
    await waitFor('both components operational', 40, async () => {
      const shown = await states()
      return ['web', 'shop'].every((name) => shown.get(name)?.locations[0]?.lastMeasuredAt && shown.get(name)?.state !== 'no_data') ? true : undefined
    })
    assert.equal((await states()).get('web')?.state, 'operational')
    await waitFor('five heartbeats', 10, () => (heartbeat.beats.length >= 5 ? true : undefined))
    const gaps = heartbeat.beats.slice(1).map((at, index) => at - heartbeat.beats[index]!)
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!
    assert.ok(median >= HEARTBEAT_EVERY_MS * 0.8 && median <= HEARTBEAT_EVERY_MS * 1.6, `median gap between beats ${median} ms`)
  })

  test('stopping the target pages once (one Alertmanager alert, one mail); maintenance sends nothing', async () => {
    const down = Date.now()
    await Promise.all([web.stop(), shop.stop()])
    const atAlertmanager = await waitFor('the alert in Alertmanager', 30, async () => ((await activeAlerts()).length > 0 ? Date.now() : undefined))
    const mailed = await waitFor('the mail', 30, () => (smtp.messages().length > 0 ? Date.now() : undefined))
    const webhook = await waitFor('Alertmanager notifying its receiver', 30, () => (hook.received.length > 0 ? Date.now() : undefined))
    process.stdout.write(`# target down → alert at Alertmanager ${atAlertmanager - down} ms, → mail ${mailed - down} ms, → Alertmanager's own notification ${webhook - down} ms (${SETTINGS})\n`)

    // Several alert passes, outbox passes and Alertmanager group intervals later, still one page.
    await sleep(5_000)
    const alerts = await activeAlerts()
    assert.deepEqual(alerts.map((alert) => alert.labels), [{ alertname: 'ComponentState', component: 'web', location: 'R1', severity: 'critical' }])
    assert.deepEqual(smtp.messages().map(subject), ['[FIRING] ComponentState: Web in R1: Major outage'])
    assert.deepEqual(notifications().map((body) => [body.status, body.alerts.length]), [['firing', 1]])
    assert.notEqual((await states()).get('shop')?.state, 'operational', 'the shop is measured down too')
  })

  test('recovery sends one resolved notice to Alertmanager and by mail', async () => {
    await web.start()
    const up = Date.now()
    const resolvedAtAlertmanager = await waitFor('the alert resolved in Alertmanager', 30, async () => ((await activeAlerts()).length === 0 ? Date.now() : undefined))
    const resolvedMail = await waitFor('the resolved mail', 30, () => (smtp.messages().length > 1 ? Date.now() : undefined))
    process.stdout.write(`# target up → resolved at Alertmanager ${resolvedAtAlertmanager - up} ms, → resolved mail ${resolvedMail - up} ms (recovery at the 2nd passed run, then resolveAfter 2s)\n`)
    await sleep(3_000)
    assert.deepEqual(smtp.messages().map(subject), ['[FIRING] ComponentState: Web in R1: Major outage', '[RESOLVED] ComponentState: Web in R1: Major outage'])
    await waitFor('Alertmanager’s resolved notification', 10, () => (notifications().some((body) => body.status === 'resolved') ? true : undefined))
    assert.deepEqual(notifications().map((body) => body.status), ['firing', 'resolved'])
    assert.deepEqual(await activeAlerts(), [])
  })

  test('a stopped Glasshouse stops its heartbeat; nothing about the maintenance was ever queued', async () => {
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    assert.equal(await exit, 0, stderr)
    const stopped = Date.now()
    await sleep(4 * HEARTBEAT_EVERY_MS)
    assert.deepEqual(heartbeat.beats.filter((at) => at > stopped), [], 'no beat after the process stopped')

    const store = await openStore({ dataDir: join(dir, 'data') })
    try {
      const groups = new Map((await store.alerts.groups()).map((group) => [group.key, group]))
      assert.equal(groups.get('series:shop@R1')?.status, 'firing', 'the shop outage is an alert group')
      assert.equal(groups.get('series:shop@R1')?.notifications, 0, 'silenced by its maintenance window')
      // The automatic incidents also queue subscriber events (docs/subscriptions.md); only alert notices count here.
      const messages = (await store.outbox.list({ limit: 100 })).filter((message) => message.topic !== 'subscriber-event')
      assert.deepEqual(messages.filter((message) => (message.payload as AlertNotice).groupKey !== 'glasshouse/series:web@R1'), [])
      assert.deepEqual(messages.map((message) => `${message.receiver}:${(message.payload as AlertNotice).status}:${message.status}`).sort(), ['am:firing:sent', 'am:resolved:sent', 'mail:firing:sent', 'mail:resolved:sent'])
    } finally {
      await store.close()
    }
  })
})
