import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { IncidentService } from '../../src/incidents/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'
import { MINUTE, serviceOver, settableClock } from './support.js'

const json = (res: Response): Promise<any> => res.json()
const SECRET_ACTOR = 'operator-canary-5c1e'

describe('incident API (public reads)', () => {
  let app: ReturnType<typeof testServerApp>
  let service: IncidentService
  let dispose: () => Promise<void>
  const now = Date.now()

  before(async () => {
    const temp = await tempStore()
    dispose = temp.dispose
    service = serviceOver(temp.store, settableClock(now))
    const writer = { actor: SECRET_ACTOR, door: 'api' } as const
    for (let n = 0; n < 3; n++) {
      await service.createIncident({ title: `Incident ${n}`, beganAt: now - (10 - n) * MINUTE, impacts: [{ component: 'compute', location: 'R1', severity: 70 }], text: `Update ${n}` }, writer)
    }
    const first = (await service.incidents({ limit: 1 })).items[0]!
    await service.addUpdate(first.id, { text: 'Fixed.', phase: 'resolved' }, writer)
    await service.createMaintenance({ title: 'Upgrade', components: [{ component: 'network' }], start: now + 60 * MINUTE, end: now + 120 * MINUTE }, writer)
    app = testServerApp(temp.store)
  })
  after(() => dispose())

  test('GET /incidents pages with a cursor and filters by status', async () => {
    const first = await json(await app.request('/api/v1/incidents?limit=2'))
    assert.deepEqual(first.items.map((i: { title: string }) => i.title), ['Incident 2', 'Incident 1'])
    const rest = await json(await app.request(`/api/v1/incidents?limit=2&cursor=${first.nextCursor}`))
    assert.deepEqual(rest.items.map((i: { title: string }) => i.title), ['Incident 0'])
    assert.equal(rest.nextCursor, null)
    const resolved = await json(await app.request('/api/v1/incidents?status=resolved'))
    assert.deepEqual(resolved.items.map((i: { title: string }) => i.title), ['Incident 2'])
    assert.equal((await json(await app.request('/api/v1/incidents?status=open'))).items.length, 2)
  })

  test('GET /incidents/{id} has updates and impacts, and no operator data', async () => {
    const [listed] = (await json(await app.request('/api/v1/incidents?status=resolved'))).items
    const res = await app.request(`/api/v1/incidents/${listed.id}`)
    assert.equal(res.status, 200)
    const text = await res.text()
    assert.ok(!text.includes(SECRET_ACTOR), 'the actor is not public')
    const body = JSON.parse(text)
    assert.deepEqual(body.updates.map((u: { order: number; phase: string }) => [u.order, u.phase]), [[1, 'investigating'], [2, 'resolved']])
    assert.equal(body.impacts[0].severity, 70)
    assert.notEqual(body.endedAt, null)
  })

  test('unknown ids, bad ids and forged cursors are problems, not 500s', async () => {
    const missing = await app.request('/api/v1/incidents/0190e7a0-0000-7000-8000-000000000000')
    assert.equal(missing.status, 404)
    assert.equal(missing.headers.get('content-type'), 'application/problem+json')
    assert.equal((await app.request('/api/v1/incidents/not-a-uuid')).status, 400)
    const forged = await app.request('/api/v1/incidents?cursor=Zm9yZ2Vk')
    assert.equal(forged.status, 422)
    assert.equal((await json(forged)).errors[0].path, 'cursor')
  })

  test('GET /maintenance shows future windows as scheduled', async () => {
    const body = await json(await app.request('/api/v1/maintenance'))
    assert.deepEqual(body.items.map((w: { title: string; status: string }) => [w.title, w.status]), [['Upgrade', 'scheduled']])
    assert.deepEqual(body.items[0].components, [{ component: 'network', locations: null }])
  })

  test('the routes are in the OpenAPI document', async () => {
    const doc = await json(await app.request('/api/v1/openapi.json'))
    for (const path of ['/incidents', '/incidents/{id}', '/maintenance']) assert.ok(doc.paths[path], path)
  })
})
