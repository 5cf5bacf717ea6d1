import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createIncidentService } from '../../src/incidents/index.js'
import { systemClock } from '../../src/core/index.js'
import { startWriteApi, type WriteApi } from './support.js'

const MINUTE = 60_000
const iso = (ms: number) => new Date(ms).toISOString()
const json = (res: Response): Promise<any> => res.json()

describe('native write API /api/v1', () => {
  let api: WriteApi
  const seen: string[] = []
  const call = async (...args: Parameters<WriteApi['call']>) => {
    const res = await api.call(...args)
    const text = await res.text()
    seen.push(JSON.stringify([...res.headers]), text)
    return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) }
  }

  before(async () => (api = await startWriteApi()))
  after(() => api.dispose())

  test('an operator opens, updates, re-rates and resolves an incident; each write is audited with the token name', async () => {
    const beganAt = Date.now() - 10 * MINUTE
    const created = await call('operator', 'POST', '/api/v1/incidents', {
      title: 'Instances fail to start', beganAt: iso(beganAt), impacts: [{ component: 'compute', location: 'R1', severity: 70 }], text: 'Looking into it',
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const id = created.body.id
    assert.equal(created.headers.get('location'), `/api/v1/incidents/${id}`)
    assert.equal(created.body.beganAt, iso(beganAt))

    assert.equal((await call('operator', 'PATCH', `/api/v1/incidents/${id}`, { title: 'Instances fail to boot' })).body.title, 'Instances fail to boot')
    const update = await call('operator', 'POST', `/api/v1/incidents/${id}/updates`, { text: 'Found it', phase: 'identified' })
    assert.equal(update.status, 201)
    assert.deepEqual(update.body.updates.map((u: { phase: string }) => u.phase), ['investigating', 'identified'])
    const rerated = await call('operator', 'PUT', `/api/v1/incidents/${id}/impacts`, { component: 'compute', location: 'R1', severity: 40 })
    assert.equal(rerated.status, 200)
    assert.deepEqual(rerated.body.impacts.map((i: { severity: number; to: string | null }) => [i.severity, i.to === null]), [[70, false], [40, true]])
    const ended = await call('admin', 'DELETE', `/api/v1/incidents/${id}/impacts?component=compute&location=R1`)
    assert.equal(ended.status, 200)
    assert.ok(ended.body.impacts.every((i: { to: string | null }) => i.to !== null))
    const resolved = await call('operator', 'POST', `/api/v1/incidents/${id}/updates`, { text: 'Fixed', phase: 'resolved' })
    assert.notEqual(resolved.body.endedAt, null)
    const reopened = await call('operator', 'POST', `/api/v1/incidents/${id}/updates`, { text: 'Again', phase: 'investigating' })
    assert.equal(reopened.status, 409)

    const events = await api.store.audit.list({ objectType: 'incident', objectId: id })
    assert.deepEqual(events.map((e) => [e.action, e.actor, e.door]), [
      ['incident.create', 'oncall', 'api'], ['incident.update', 'oncall', 'api'], ['incident.update.add', 'oncall', 'api'],
      ['impact.set', 'oncall', 'api'], ['impact.remove', 'root', 'api'], ['incident.update.add', 'oncall', 'api'],
    ])
  })

  test('bad times, severities and components are 422 with every reason, and nothing is written', async () => {
    const before = (await api.store.audit.list()).length
    const now = Date.now()
    const future = await call('operator', 'POST', '/api/v1/incidents', { title: 'x', text: 'y', beganAt: iso(now - MINUTE), at: iso(now + 60 * MINUTE) })
    assert.equal(future.status, 422)
    assert.match(future.body.detail, /at: must not be in the future/)
    const early = await call('operator', 'POST', '/api/v1/incidents', { title: 'x', text: 'y', beganAt: iso(now - MINUTE), at: iso(now - 2 * MINUTE) })
    assert.match(early.body.detail, /at: must not be before the incident began/)
    const severity = await call('operator', 'POST', '/api/v1/incidents', { title: 'x', text: 'y', impacts: [{ component: 'compute', severity: 101 }] })
    assert.equal(severity.status, 422)
    assert.deepEqual(severity.body.errors.map((e: { path: string }) => e.path), ['impacts.0.severity'])
    const unknown = await call('operator', 'POST', '/api/v1/incidents', { title: 'x', text: 'y', impacts: [{ component: 'dns', severity: 50 }] })
    assert.equal(unknown.status, 422)
    assert.match(unknown.body.detail, /no component named "dns"/)
    const window = await call('operator', 'POST', '/api/v1/maintenance', { title: 'Upgrade', components: [{ component: 'network' }], start: iso(now + 2 * MINUTE), end: iso(now + MINUTE) })
    assert.equal(window.status, 422)
    assert.deepEqual(window.body.errors, [{ path: 'end', message: 'must be after start' }])
    const shape = await call('operator', 'POST', '/api/v1/incidents', { title: 'x', text: 'y', beganAt: 'yesterday' })
    assert.equal(shape.status, 400)
    assert.equal(shape.headers.get('content-type'), 'application/problem+json')
    const missing = await call('operator', 'POST', '/api/v1/incidents/0190e7a0-0000-7000-8000-000000000000/updates', { text: 'hello' })
    assert.equal(missing.status, 404)
    assert.equal((await api.store.audit.list()).length, before, 'no audit event for a refused write')
    assert.equal((await json(await api.app.request('/api/v1/incidents'))).items.length, 1, 'only the first test’s incident exists')
  })

  test('maintenance: schedule and cancel, audited with the token name', async () => {
    const now = Date.now()
    const created = await call('operator', 'POST', '/api/v1/maintenance', {
      title: 'Router upgrade', components: [{ component: 'network', locations: ['R1'] }], start: iso(now + 60 * MINUTE), end: iso(now + 120 * MINUTE),
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.body.status, 'scheduled')
    const cancelled = await call('operator', 'POST', `/api/v1/maintenance/${created.body.id}/cancel`)
    assert.equal(cancelled.body.status, 'cancelled')
    assert.equal((await call('operator', 'POST', `/api/v1/maintenance/${created.body.id}/cancel`)).status, 409)
    const events = await api.store.audit.list({ objectType: 'maintenance', objectId: created.body.id })
    assert.deepEqual(events.map((e) => [e.action, e.actor]), [['maintenance.create', 'oncall'], ['maintenance.cancel', 'oncall']])
  })

  test('objects declared in config answer 409 naming the file:line that declares them', async () => {
    const service = createIncidentService({ store: api.store, clock: systemClock })
    const now = Date.now()
    await service.syncFromConfig({
      incidents: [{ name: 'slow-volumes', title: 'Slow volumes', description: null, beganAt: now - MINUTE, impacts: [], updates: [{ at: now - MINUTE, phase: 'investigating', text: 'Known' }], source: 'glasshouse.yaml:42' }],
      maintenance: [{ name: 'patch', title: 'Patch', description: null, targets: [{ component: 'compute', locations: null }], start: now + MINUTE, end: now + 2 * MINUTE, source: 'conf.d/maint.yaml:7' }],
    }, now)
    const declared = (await service.incidents({ limit: 100, status: 'open' })).items.find((i) => i.title === 'Slow volumes')!
    const patched = await call('admin', 'PATCH', `/api/v1/incidents/${declared.id}`, { title: 'Changed' })
    assert.equal(patched.status, 409)
    assert.match(patched.body.detail, /incident "slow-volumes" is declared in glasshouse\.yaml:42; change it there/)
    const window = (await service.maintenance({ limit: 100 })).items.find((w) => w.title === 'Patch')!
    const cancel = await call('operator', 'POST', `/api/v1/maintenance/${window.id}/cancel`)
    assert.equal(cancel.status, 409)
    assert.match(cancel.body.detail, /conf\.d\/maint\.yaml:7/)
  })

  test('canary: no token value appears in any response, header or log', async () => {
    await call('revoked', 'POST', '/api/v1/incidents', { title: 'x', text: 'y' })
    await call('expired', 'GET', '/api/v1/incidents')
    await call('reporter', 'POST', '/api/v1/incidents', { title: 'x', text: 'y' })
    const everything = [...seen, JSON.stringify(api.logged), JSON.stringify(await api.store.audit.list())].join('\n')
    for (const [caller, token] of Object.entries(api.tokens)) assert.ok(!everything.includes(token), `the ${caller} token leaked`)
    assert.ok(!everything.includes(api.tokens.operator.slice(3, 20)), 'no part of a token leaked')
  })
})
