/**
 * Maintenance declared in config reaches subscribers like an API-written window: announced once
 * across repeated syncs and a restart, then reminder, start and completion once each; a removed
 * entry's window is cancelled once; an entry with `notify: false` (single or recurring) tells
 * nobody anything.
 */
import { after, before, beforeEach, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConfigSchema, type ConfigInput } from '../../src/config/index.js'
import { createIncidentService, declaredFromConfig } from '../../src/incidents/index.js'
import { createMaintenanceJob } from '../../src/subscriptions/index.js'
import { startHarness, type SubscriptionHarness } from './support.js'

const HOUR = 3_600_000
const SUBSCRIPTIONS = { allowHttpWebhooks: true, ssrf: { allowCidrs: ['127.0.0.0/8'] }, reminderBefore: '1h' }

describe('config-declared maintenance and subscribers', () => {
  let h: SubscriptionHarness
  let server: Server
  const received: string[] = []
  before(async () => {
    server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        const event = JSON.parse(body) as { type: string; data: { title: string } }
        received.push(`${event.type}:${event.data.title}`)
        response.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    h = await startHarness(SUBSCRIPTIONS)
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
    assert.equal((await h.api('operator', 'POST', '/api/v1/subscriptions', { url })).status, 201)
  })
  after(async () => {
    await h?.dispose()
    await new Promise((resolve) => server?.close(resolve))
  })
  beforeEach(() => void (received.length = 0))

  /** Loads `maintenance` as a reload does (the runtime reloaded, the declared objects synced by a fresh service, as after a restart). */
  async function sync(maintenance: NonNullable<ConfigInput['maintenance']>): Promise<void> {
    const config = ConfigSchema.parse({ server: { title: 'Test cloud', publicUrl: 'http://status.test' }, storage: { dataDir: h.dataDir }, subscriptions: SUBSCRIPTIONS, maintenance })
    h.runtime.reload(config)
    await createIncidentService({ store: h.store, clock: h.clock }).syncFromConfig(declaredFromConfig(config, new Map()), h.clock.now())
  }
  /** Runs the maintenance job twice and a second (restarted) job once, then delivers everything. */
  async function passes(): Promise<string[]> {
    await h.runtime.job.runNow()
    await h.runtime.job.runNow()
    await createMaintenanceJob({ store: h.store, clock: h.clock, log: { error: () => undefined }, reminderBefore: () => HOUR, everyMs: 60_000 }).runNow()
    await h.drain()
    return received.splice(0).sort()
  }

  test('announced once across two syncs and a restart; reminder, start, completion once; silent: nothing', async () => {
    const start = h.clock.now() + 2 * HOUR
    const window = (name: string, title: string, extra: object = {}) => ({
      name, title, components: [{ component: 'compute' }], start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString(), ...extra,
    })
    const maintenance = [window('kernel', 'Kernel upgrade'), window('quiet', 'Quiet work', { notify: false })]
    await sync(maintenance)
    await sync(maintenance)
    assert.deepEqual(await passes(), ['maintenance.announced:Kernel upgrade'])
    await sync(maintenance)
    assert.deepEqual(await passes(), [], 'a restart (a third sync, a new job) announces nothing again')
    h.clock.advance(HOUR + 60_000)
    await sync(maintenance)
    assert.deepEqual(await passes(), ['maintenance.reminder:Kernel upgrade'])
    h.clock.advance(HOUR)
    assert.deepEqual(await passes(), ['maintenance.started:Kernel upgrade'])
    h.clock.advance(HOUR)
    assert.deepEqual(await passes(), ['maintenance.completed:Kernel upgrade'])
    h.clock.advance(60_000)
    await sync(maintenance)
    assert.deepEqual(await passes(), [])
  })

  test('a removed entry: the announced window is cancelled once, a silent one tells nobody', async () => {
    const start = h.clock.now() + 5 * HOUR
    const window = (name: string, title: string, extra: object = {}) => ({
      name, title, components: [{ component: 'network' }], start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString(), ...extra,
    })
    await sync([window('switch', 'Switch swap'), window('hush', 'Hushed swap', { notify: false })])
    assert.deepEqual(await passes(), ['maintenance.announced:Switch swap'])
    await sync([])
    assert.deepEqual(await passes(), ['maintenance.cancelled:Switch swap'])
    await sync([])
    assert.deepEqual(await passes(), [])
  })

  test('a running config window whose entry is removed ends now: completed once', async () => {
    const start = h.clock.now() - 10 * 60_000
    const maintenance = [{ name: 'running', title: 'Running swap', components: [{ component: 'compute' }], start: new Date(start).toISOString(), end: new Date(start + 2 * HOUR).toISOString() }]
    await sync(maintenance)
    assert.deepEqual(await passes(), ['maintenance.announced:Running swap', 'maintenance.started:Running swap'])
    h.clock.advance(60_000)
    await sync([])
    assert.deepEqual(await passes(), ['maintenance.completed:Running swap'])
    h.clock.advance(2 * HOUR)
    await sync([])
    assert.deepEqual(await passes(), [])
  })

  test('a moved config window is announced again; turning notify on announces it', async () => {
    const start = h.clock.now() + 10 * HOUR
    const window = (offset: number, extra: object = {}) => ({
      name: 'storage', title: 'Storage firmware', components: [{ component: 'compute' }], start: new Date(start + offset).toISOString(), end: new Date(start + offset + HOUR).toISOString(), ...extra,
    })
    await sync([window(0, { notify: false })])
    assert.deepEqual(await passes(), [])
    await sync([window(0)])
    assert.deepEqual(await passes(), ['maintenance.announced:Storage firmware'])
    await sync([window(HOUR)])
    assert.deepEqual(await passes(), ['maintenance.announced:Storage firmware'])
    await sync([])
    assert.deepEqual(await passes(), ['maintenance.cancelled:Storage firmware'])
  })

  test('a recurring config entry announces its materialized windows; with notify: false nothing', async () => {
    const recurrence = { cron: '0 3 * * *', duration: '1h' }
    await sync([{ name: 'nightly-silent', title: 'Silent nightly', components: [{ component: 'compute' }], recurrence, notify: false }])
    assert.deepEqual(await passes(), [])
    await sync([{ name: 'nightly-silent', title: 'Silent nightly', components: [{ component: 'compute' }], recurrence, notify: false }, { name: 'nightly', title: 'Nightly backup', components: [{ component: 'compute' }], recurrence }])
    const announced = await passes()
    assert.ok(announced.length >= 28, `expected a month of nightly windows, got ${announced.length}`)
    assert.deepEqual([...new Set(announced)], ['maintenance.announced:Nightly backup'])
    h.clock.advance(25 * HOUR)
    const materialized = await createIncidentService({ store: h.store, clock: h.clock }).materializeAllSeries()
    assert.ok(materialized.created >= 2, 'the materialization job added a day of windows to each series')
    const later = await passes()
    assert.ok(later.includes('maintenance.announced:Nightly backup'), later.join())
    assert.deepEqual(later.filter((line) => !line.endsWith(':Nightly backup')), [], 'the job’s windows of the silent series tell nobody')
    await sync([{ name: 'nightly', title: 'Nightly backup', components: [{ component: 'compute' }], recurrence }])
    assert.deepEqual(await passes(), [], 'removing the silent series cancels windows nobody was told of: nothing sent')
  })
})
