/**
 * The fan-out and the maintenance job are idempotent: a fan-out redelivered after a crash (its
 * per-subscriber messages queued, itself not yet marked sent) queues nothing twice, and each
 * subscriber receives the event once; the maintenance job sends the reminder, start and
 * completion of an announced window exactly once across repeated passes and a restart, nothing
 * more for a cancelled window, and nothing at all for a window written silently.
 */
import { after, before, beforeEach, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMaintenanceJob } from '../../src/subscriptions/index.js'
import { startHarness, type SubscriptionHarness } from './support.js'

describe('fan-out and maintenance reminders', () => {
  let h: SubscriptionHarness
  let server: Server
  const types: string[] = []
  before(async () => {
    server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        types.push(`${request.url}:${JSON.parse(body).type}:${JSON.parse(body).data.title}`)
        response.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    h = await startHarness({ allowHttpWebhooks: true, ssrf: { allowCidrs: ['127.0.0.0/8'] }, reminderBefore: '1h' })
    for (const name of ['a', 'b', 'c']) assert.equal((await h.api('operator', 'POST', '/api/v1/subscriptions', { url: `${base}/${name}` })).status, 201)
  })
  after(async () => {
    await h?.dispose()
    await new Promise((resolve) => server?.close(resolve))
  })
  beforeEach(() => void (types.length = 0))

  test('a fan-out redelivered after a crash queues nothing twice', async () => {
    await h.api('operator', 'POST', '/api/v1/incidents', { title: 'Crash test', text: 'x', impacts: [{ component: 'compute', severity: 50 }] })
    const [event] = await h.store.outbox.claimDue(h.clock.now(), 10, 60_000)
    assert.equal(event?.receiver, 'subscriptions')
    // The worker crashes after the fan-out queued its messages, before marking the event sent.
    await h.runtime.resolve('subscriptions')!.send(event!, 5_000, h.clock.now())
    const queued = (await h.store.outbox.list({ limit: 100 })).filter((message) => message.receiver.startsWith('subscriber:'))
    assert.equal(queued.length, 3)
    h.clock.advance(61_000)
    await h.drain()
    const after = (await h.store.outbox.list({ limit: 100 })).filter((message) => message.receiver.startsWith('subscriber:'))
    assert.equal(after.length, 3, 'the redelivered fan-out queued no second message')
    assert.equal((await h.store.outbox.get(event!.id))?.status, 'sent')
    assert.deepEqual(types.sort(), ['/a:incident.opened:Crash test', '/b:incident.opened:Crash test', '/c:incident.opened:Crash test'])
  })

  test('announced, reminder, started, completed once each; cancelled: no reminder; silent: nothing', async () => {
    const hour = 3_600_000
    const start = h.clock.now() + 2 * hour
    const window = async (title: string, notify: boolean) => {
      const res = await h.api('operator', 'POST', '/api/v1/maintenance', {
        title, components: [{ component: 'compute' }], start: new Date(start).toISOString(), end: new Date(start + hour).toISOString(), notify,
      })
      assert.equal(res.status, 201, await res.clone().text())
      return ((await res.json()) as { id: string }).id
    }
    await window('Upgrade', true)
    const cancelled = await window('Cancelled one', true)
    await window('Silent one', false)
    const job = createMaintenanceJob({ store: h.store, clock: h.clock, log: { error: () => undefined }, reminderBefore: () => hour, everyMs: 60_000 })
    const at = async (offset: number) => {
      h.clock.advance(offset)
      await job.runNow()
      await job.runNow()
      await createMaintenanceJob({ store: h.store, clock: h.clock, log: { error: () => undefined }, reminderBefore: () => hour, everyMs: 60_000 }).runNow()
      await h.drain()
    }
    // Messages of one pass are sent concurrently: compare what each step added, as a set.
    let seen = 0
    const added = () => {
      const fresh = types.filter((line) => line.startsWith('/a:')).slice(seen)
      seen += fresh.length
      return fresh.map((line) => line.slice(3)).sort()
    }
    await at(0)
    assert.deepEqual(added(), ['maintenance.announced:Cancelled one', 'maintenance.announced:Upgrade'])
    assert.equal((await h.api('operator', 'POST', `/api/v1/maintenance/${cancelled}/cancel`)).status, 200)
    await h.drain()
    assert.deepEqual(added(), ['maintenance.cancelled:Cancelled one'])
    await at(hour + 60_000)
    assert.deepEqual(added(), ['maintenance.reminder:Upgrade'])
    await at(hour)
    assert.deepEqual(added(), ['maintenance.started:Upgrade'])
    await at(hour)
    assert.deepEqual(added(), ['maintenance.completed:Upgrade'])
    await at(60_000)
    assert.deepEqual(added(), [])
  })
})

describe('subscriptions disabled', () => {
  let h: SubscriptionHarness
  before(async () => {
    h = await startHarness({ enabled: false }, { resolve: async () => [{ address: '203.0.113.10', family: 4 }] })
  })
  after(() => h?.dispose())

  test('events are acknowledged without fan-out; the maintenance job idles', async () => {
    assert.equal((await h.api('operator', 'POST', '/api/v1/subscriptions', { url: 'https://hooks.example.com/x' })).status, 201)
    await h.api('operator', 'POST', '/api/v1/incidents', { title: 'x', text: 'y' })
    await h.drain()
    const messages = await h.store.outbox.list({ limit: 10 })
    assert.deepEqual(messages.map((message) => `${message.receiver}:${message.status}`), ['subscriptions:sent'])
    assert.equal(await h.runtime.job.runNow(), 0)
    const form = await h.app.request('/subscribe')
    assert.equal(form.status, 200, 'the footer link still leads somewhere')
    assert.match(await form.text(), /not offered here[\s\S]*href="\/feed\.atom"/)
    assert.equal((await h.app.request('/subscribe', { method: 'POST', body: new URLSearchParams({ address: 'a@example.org' }) })).status, 404)
  })
})
