import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { systemClock } from '../../src/core/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { startWriteApi, type WriteApi } from '../api-writes/support.js'

const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

describe('maintenance API: notice warnings, edits and recurring series', () => {
  let api: WriteApi
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await api.call('operator', method, path, body)
    return { status: res.status, body: (await res.json()) as any }
  }
  before(async () => {
    api = await startWriteApi()
  })
  after(() => api.dispose())

  test('a window with less notice than 36 h is scheduled, with a warning; an edit that moves it warns again', async () => {
    const now = Date.now()
    const soon = await call('POST', '/api/v1/maintenance', { title: 'Urgent', components: [{ component: 'compute' }], start: iso(now + 5 * HOUR + 60_000), end: iso(now + 6 * HOUR) })
    assert.equal(soon.status, 201)
    assert.deepEqual(soon.body.warnings, ['notice is only 5 h, the policy is 36 h'])
    const planned = await call('POST', '/api/v1/maintenance', { title: 'Planned', components: [{ component: 'compute' }], start: iso(now + 48 * HOUR), end: iso(now + 49 * HOUR), notify: false })
    assert.deepEqual(planned.body.warnings, [])
    const renamed = await call('PATCH', `/api/v1/maintenance/${planned.body.id}`, { title: 'Planned upgrade' })
    assert.equal(renamed.status, 200)
    assert.equal(renamed.body.title, 'Planned upgrade')
    assert.deepEqual(renamed.body.warnings, [])
    const moved = await call('PATCH', `/api/v1/maintenance/${planned.body.id}`, { start: iso(now + 2 * HOUR + 60_000), end: iso(now + 3 * HOUR) })
    assert.deepEqual(moved.body.warnings, ['notice is only 2 h, the policy is 36 h'])
    const backwards = await call('PATCH', `/api/v1/maintenance/${planned.body.id}`, { end: iso(now) })
    assert.equal(backwards.status, 422)
    assert.deepEqual(backwards.body.errors, [{ path: 'end', message: 'must be after start' }])
  })

  test('series: create, list, read, edit and cancel; its windows are ordinary windows', async () => {
    const created = await call('POST', '/api/v1/maintenance-series', {
      title: 'Sunday patching', components: [{ component: 'network' }], duration: '2h', schedule: { weekdays: ['sun'], at: '02:00', timeZone: 'Europe/Berlin' },
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.body.duration, '2h')
    assert.equal(created.body.status, 'active')
    assert.match(created.body.next, /T0[01]:00:00\.000Z$/)
    const windows = (await call('GET', '/api/v1/maintenance?limit=100')).body.items.filter((w: any) => w.title === 'Sunday patching')
    assert.ok(windows.length >= 4 && windows.length <= 5, `${windows.length} windows in 30 days`)
    assert.ok(windows.every((w: any) => Date.parse(w.end) - Date.parse(w.start) === 2 * HOUR))
    assert.equal((await call('GET', '/api/v1/maintenance-series')).body.items.length, 1)
    assert.equal((await call('GET', `/api/v1/maintenance-series/${created.body.id}`)).body.title, 'Sunday patching')
    const edited = await call('PATCH', `/api/v1/maintenance-series/${created.body.id}`, { duration: '1h', schedule: { cron: '0 3 * * sat' } })
    assert.equal(edited.status, 200, JSON.stringify(edited.body))
    assert.deepEqual(edited.body.schedule, { cron: '0 3 * * sat', timeZone: 'UTC' })
    const live = (await call('GET', '/api/v1/maintenance?limit=100')).body.items.filter((w: any) => w.title === 'Sunday patching' && w.status === 'scheduled')
    assert.ok(live.every((w: any) => new Date(w.start).getUTCDay() === 6 && new Date(w.start).getUTCHours() === 3), JSON.stringify(live))
    const subscriberEvents = async () => (await api.store.outbox.list({ limit: 1000 })).map((m) => m.payload as { kind: string; title: string }).filter((e) => e.title === 'Sunday patching').map((e) => e.kind)
    const announced = (await subscriberEvents()).filter((kind) => kind === 'maintenance.announced').length
    assert.ok(announced >= windows.length, 'each new window announced to subscribers')
    assert.ok((await subscriberEvents()).includes('maintenance.cancelled'), 'the edit cancelled windows that no longer fit, and told subscribers')
    const cancelledBefore = (await subscriberEvents()).filter((kind) => kind === 'maintenance.cancelled').length
    const cancelled = await call('POST', `/api/v1/maintenance-series/${created.body.id}/cancel?notify=false`)
    assert.equal(cancelled.body.status, 'cancelled')
    const left = (await call('GET', '/api/v1/maintenance?limit=100')).body.items.filter((w: any) => w.title === 'Sunday patching' && w.status === 'scheduled')
    assert.deepEqual(left, [])
    assert.equal((await subscriberEvents()).filter((kind) => kind === 'maintenance.cancelled').length, cancelledBefore, 'a silent cancel queues nothing')
    assert.equal((await call('POST', `/api/v1/maintenance-series/${created.body.id}/cancel`)).status, 409)
    const events = await api.store.audit.list({ objectType: 'maintenance-series', objectId: created.body.id })
    assert.deepEqual(events.map((e) => [e.action, e.actor]), [['maintenance-series.create', 'oncall'], ['maintenance-series.update', 'oncall'], ['maintenance-series.cancel', 'oncall']])
  })

  test('bad series input → 422 naming the field; unknown id → 404; a config series → 409 with file:line', async () => {
    const bad = await call('POST', '/api/v1/maintenance-series', { title: 'x', components: [{ component: 'compute' }], duration: '1h', schedule: { cron: '0 25 * * *' } })
    assert.equal(bad.status, 422)
    assert.deepEqual(bad.body.errors, [{ path: 'schedule.cron', message: 'hour: 25 is outside 0–23' }])
    const weekday = await call('POST', '/api/v1/maintenance-series', { title: 'x', components: [{ component: 'compute' }], duration: '1h', schedule: { weekdays: ['sunday'], at: '02:00' } })
    assert.equal(weekday.status, 422)
    assert.deepEqual(weekday.body.errors, [{ path: 'schedule.weekdays', message: '"sunday" is not a weekday (sun, mon, tue, wed, thu, fri, sat)' }])
    const shape = await call('POST', '/api/v1/maintenance-series', { title: 'x', components: [{ component: 'compute' }], duration: 'two hours', schedule: { cron: '0 2 * * *' } })
    assert.equal(shape.status, 400)
    assert.equal((await call('GET', '/api/v1/maintenance-series/0190e7a0-0000-7000-8000-000000000000')).status, 404)
    const service = createIncidentService({ store: api.store, clock: systemClock })
    await service.syncFromConfig({
      incidents: [], maintenance: [],
      series: [{ name: 'nightly', title: 'Nightly', description: null, targets: [{ component: 'compute', locations: null }], durationMs: HOUR, schedule: { cron: '0 1 * * *', timeZone: 'UTC' }, source: 'glasshouse.yaml:9' }],
    }, Date.now())
    const nightly = (await call('GET', '/api/v1/maintenance-series')).body.items.find((s: any) => s.name === 'nightly')
    const refused = await call('POST', `/api/v1/maintenance-series/${nightly.id}/cancel`)
    assert.equal(refused.status, 409)
    assert.match(refused.body.detail, /glasshouse\.yaml:9/)
  })
})
