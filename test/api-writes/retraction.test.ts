import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createIncidentService } from '../../src/incidents/index.js'
import { systemClock } from '../../src/core/index.js'
import { startWriteApi, type WriteApi } from './support.js'

const MINUTE = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

describe('retraction, not erasure, through /api/v1', () => {
  let api: WriteApi
  const call = async (...args: Parameters<WriteApi['call']>) => {
    const res = await api.call(...args)
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) }
  }
  const open = async (title: string) => {
    const created = await call('operator', 'POST', '/api/v1/incidents', {
      title, beganAt: iso(Date.now() - 10 * MINUTE), impacts: [{ component: 'compute', location: 'R1', severity: 80 }], text: 'Looking into it',
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    return created.body.id as string
  }

  before(async () => (api = await startWriteApi()))
  after(() => api.dispose())

  test('a retracted incident leaves lists and states; its permalink answers 410 with time and reason; the content stays', async () => {
    const id = await open('Posted by mistake')
    const impacting = async () => (await api.store.incidents.activeImpacts(Date.now())).some((impact) => impact.incidentId === id)
    assert.ok(await impacting())

    assert.equal((await call('operator', 'DELETE', `/api/v1/incidents/${id}`)).status, 422, 'a reason is required')
    assert.equal((await call('operator', 'DELETE', `/api/v1/incidents/${id}`, { reason: '  ' })).status, 422)
    assert.equal((await call('reporter', 'DELETE', `/api/v1/incidents/${id}`, { reason: 'x' })).status, 403)
    const retracted = await call('operator', 'DELETE', `/api/v1/incidents/${id}`, { reason: 'Posted for the wrong region' })
    assert.equal(retracted.status, 200, JSON.stringify(retracted.body))
    assert.equal(retracted.body.reason, 'Posted for the wrong region')

    const permalink = await call('anonymous', 'GET', `/api/v1/incidents/${id}`)
    assert.equal(permalink.status, 410)
    assert.equal(permalink.headers.get('content-type'), 'application/problem+json')
    assert.equal(permalink.body.reason, 'Posted for the wrong region')
    assert.equal(permalink.body.retractedAt, retracted.body.retractedAt)
    assert.ok(!JSON.stringify(permalink.body).includes('oncall'), 'the actor is not public')

    const listed = await call('anonymous', 'GET', '/api/v1/incidents?limit=200')
    assert.ok(!listed.body.items.some((item: { id: string }) => item.id === id), 'gone from the list')
    assert.ok(!(await impacting()), 'its impact no longer counts for states and bars')
    assert.ok(!(await api.store.incidents.open()).some((row) => row.id === id), 'nor for the open incidents')

    assert.equal((await call('operator', 'DELETE', `/api/v1/incidents/${id}?reason=again`)).status, 410)
    assert.equal((await call('operator', 'POST', `/api/v1/incidents/${id}/updates`, { text: 'more' })).status, 410)
    assert.equal((await call('operator', 'DELETE', `/api/v1/incidents/0190e7a0-0000-7000-8000-000000000000?reason=x`)).status, 404)

    assert.equal((await api.store.incidents.get(id))?.title, 'Posted by mistake', 'the content stays in the store')
    const events = await api.store.audit.list({ objectType: 'incident', objectId: id })
    const event = events.find((e) => e.action === 'incident.retract')
    assert.equal(event?.actor, 'oncall')
    assert.equal((event?.before as { title: string }).title, 'Posted by mistake', 'and in the audit trail')
  })

  test('a retracted update leaves the incident; the incident shows every edit after publication', async () => {
    const id = await open('Slow boots')
    const fresh = await call('anonymous', 'GET', `/api/v1/incidents/${id}`)
    assert.deepEqual(fresh.body.editedAt, [], 'a new incident is not edited')
    await call('operator', 'POST', `/api/v1/incidents/${id}/updates`, { text: 'Wrong text', phase: 'identified' })
    assert.deepEqual((await call('anonymous', 'GET', `/api/v1/incidents/${id}`)).body.editedAt, [], 'a new update is not an edit')
    await call('operator', 'PATCH', `/api/v1/incidents/${id}`, { title: 'Slow boots in R1' })
    const retracted = await call('operator', 'DELETE', `/api/v1/incidents/${id}/updates/2?reason=${encodeURIComponent('Wrong incident')}`)
    assert.equal(retracted.status, 200, JSON.stringify(retracted.body))
    const detail = (await call('anonymous', 'GET', `/api/v1/incidents/${id}`)).body
    assert.deepEqual(detail.updates.map((u: { order: number }) => u.order), [1])
    assert.equal(detail.editedAt.length, 2, 'the title change and the retraction')
    assert.equal(detail.editedAt[1], retracted.body.retractedAt)
    assert.equal((await call('operator', 'DELETE', `/api/v1/incidents/${id}/updates/2?reason=again`)).status, 410)
    assert.equal((await call('operator', 'DELETE', `/api/v1/incidents/${id}/updates/1?reason=last`)).status, 409, 'the only published update: retract the incident')
    assert.equal((await call('operator', 'DELETE', `/api/v1/incidents/${id}/updates/9?reason=x`)).status, 404)
    const next = await call('operator', 'POST', `/api/v1/incidents/${id}/updates`, { text: 'Fixed', phase: 'resolved' })
    assert.deepEqual(next.body.updates.map((u: { order: number }) => u.order), [1, 3], 'orders are never reused')
  })

  test('a config-declared incident is not retracted through the API: 409 naming file:line', async () => {
    const service = createIncidentService({ store: api.store, clock: systemClock })
    const now = Date.now()
    await service.syncFromConfig({
      maintenance: [],
      incidents: [{ name: 'known-issue', title: 'Known issue', description: null, beganAt: now - MINUTE, impacts: [], updates: [{ at: now - MINUTE, phase: 'investigating', text: 'Known' }], source: 'glasshouse.yaml:40' }],
    }, now)
    const id = (await api.store.incidents.open()).find((row) => row.name === 'known-issue')!.id
    const refused = await call('operator', 'DELETE', `/api/v1/incidents/${id}?reason=nope`)
    assert.equal(refused.status, 409)
    assert.match(refused.body.detail, /glasshouse\.yaml:40/)
  })
})
