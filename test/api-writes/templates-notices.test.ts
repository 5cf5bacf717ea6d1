import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createIncidentService } from '../../src/incidents/index.js'
import { systemClock } from '../../src/core/index.js'
import { startWriteApi, type WriteApi } from './support.js'

const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

describe('templates, info notices and component writes through /api/v1', () => {
  let api: WriteApi
  const call = async (...args: Parameters<WriteApi['call']>) => {
    const res = await api.call(...args)
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) }
  }
  const syncConfig = (declared: Partial<Parameters<ReturnType<typeof createIncidentService>['syncFromConfig']>[0]>) =>
    createIncidentService({ store: api.store, clock: systemClock }).syncFromConfig({ incidents: [], maintenance: [], ...declared }, Date.now())

  before(async () => (api = await startWriteApi()))
  after(() => api.dispose())

  test('an operator manages templates and opens an incident from one; the incident’s own fields win', async () => {
    const body = { name: 'compute-boot', title: 'Instances fail to start', text: 'We are looking into failed boots.', phase: 'investigating', impacts: [{ component: 'compute', location: 'R1', severity: 70 }] }
    assert.equal((await call('anonymous', 'GET', '/api/v1/templates')).status, 401, 'templates are operator tooling')
    assert.equal((await call('reporter', 'POST', '/api/v1/templates', body)).status, 403)
    const created = await call('operator', 'POST', '/api/v1/templates', body)
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.deepEqual(created.body.impacts, [{ component: 'compute', location: 'R1', type: 'Unknown', severity: 70 }])
    assert.equal((await call('operator', 'POST', '/api/v1/templates', body)).status, 422, 'names are unique')
    assert.equal((await call('operator', 'POST', '/api/v1/templates', { ...body, name: 'other', impacts: [{ component: 'nope', severity: 5 }] })).status, 422, 'unknown component')
    const patched = await call('operator', 'PATCH', `/api/v1/templates/${created.body.id}`, { title: 'Instances fail to boot' })
    assert.equal(patched.body.title, 'Instances fail to boot')
    assert.equal(patched.body.impacts.length, 1, 'a patch leaves the other fields alone')

    const fromTemplate = await call('operator', 'POST', '/api/v1/incidents', { template: 'compute-boot' })
    assert.equal(fromTemplate.status, 201, JSON.stringify(fromTemplate.body))
    assert.equal(fromTemplate.body.title, 'Instances fail to boot')
    assert.equal(fromTemplate.body.updates[0].text, 'We are looking into failed boots.')
    assert.equal(fromTemplate.body.impacts[0].severity, 70)
    const overridden = await call('operator', 'POST', '/api/v1/incidents', { template: created.body.id, title: 'Boots fail in R1 only', impacts: [] })
    assert.equal(overridden.body.title, 'Boots fail in R1 only')
    assert.deepEqual(overridden.body.impacts, [])
    assert.equal((await call('operator', 'POST', '/api/v1/incidents', { template: 'missing' })).status, 422)
    assert.equal((await call('operator', 'POST', '/api/v1/incidents', {})).status, 422, 'no template: title and text are required')

    assert.equal((await call('operator', 'DELETE', `/api/v1/templates/${created.body.id}`)).status, 204)
    assert.deepEqual((await call('operator', 'GET', '/api/v1/templates')).body.items, [])
    assert.equal((await call('operator', 'GET', `/api/v1/templates/${created.body.id}`)).status, 404)
    const actions = (await api.store.audit.list({ objectType: 'template', objectId: created.body.id })).map((event) => [event.action, event.actor])
    assert.deepEqual(actions, [['template.create', 'oncall'], ['template.update', 'oncall'], ['template.archive', 'oncall']])
  })

  test('config-declared templates and notices are read-only for the API: 409 naming file:line', async () => {
    await syncConfig({
      templates: [{ name: 'network-loss', title: 'Packet loss', description: null, text: 'Investigating packet loss.', phase: 'investigating', impacts: [], source: 'glasshouse.d/templates.yaml:3' }],
      notices: [{ name: 'hotline', title: 'New hotline', text: 'Call +49 …', start: null, end: null, source: 'glasshouse.d/notices.yaml:7' }],
    })
    const template = (await call('operator', 'GET', '/api/v1/templates')).body.items.find((item: { name: string }) => item.name === 'network-loss')
    assert.equal(template.managed, 'config')
    const refused = await call('admin', 'PATCH', `/api/v1/templates/${template.id}`, { title: 'x' })
    assert.equal(refused.status, 409)
    assert.match(refused.body.detail, /glasshouse\.d\/templates\.yaml:3/)
    assert.equal((await call('operator', 'POST', '/api/v1/incidents', { template: 'network-loss' })).status, 201, 'a config template opens incidents too')
    const notice = (await call('anonymous', 'GET', '/api/v1/notices')).body.items.find((item: { title: string }) => item.title === 'New hotline')
    const deleting = await call('operator', 'DELETE', `/api/v1/notices/${notice.id}`)
    assert.equal(deleting.status, 409)
    assert.match(deleting.body.detail, /glasshouse\.d\/notices\.yaml:7/)
    await syncConfig({ templates: [], notices: [] })
    assert.equal((await call('anonymous', 'GET', `/api/v1/notices/${notice.id}`)).status, 404, 'a reload archives what config no longer declares')
  })

  test('info notices: public reads of what shows now or later; end after start', async () => {
    const now = Date.now()
    const created = await call('operator', 'POST', '/api/v1/notices', { title: 'Portal move', text: 'The portal moves to a new address.', start: iso(now + HOUR), end: iso(now + 2 * HOUR) })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal((await call('operator', 'POST', '/api/v1/notices', { title: 'Bad', text: 'x', start: iso(now), end: iso(now - HOUR) })).status, 422)
    assert.equal((await call('reporter', 'POST', '/api/v1/notices', { title: 'x', text: 'x' })).status, 403)
    const listed = await call('anonymous', 'GET', '/api/v1/notices')
    assert.deepEqual(listed.body.items.map((item: { id: string }) => item.id), [created.body.id])
    const ended = await call('operator', 'PATCH', `/api/v1/notices/${created.body.id}`, { start: null, end: iso(now - 1) })
    assert.equal(ended.status, 200, JSON.stringify(ended.body))
    assert.equal(ended.body.start, null)
    assert.deepEqual((await call('anonymous', 'GET', '/api/v1/notices')).body.items, [], 'an ended notice no longer shows')
    assert.equal((await call('operator', 'DELETE', `/api/v1/notices/${created.body.id}`)).status, 204)
    assert.deepEqual((await api.store.audit.list({ objectType: 'notice', objectId: created.body.id })).map((event) => event.action), ['notice.create', 'notice.update', 'notice.archive'])
  })

  test('components: create, change and delete API-managed ones; config-managed ones answer 409 naming file:line', async () => {
    await syncConfig({ componentSources: { compute: 'glasshouse.yaml:12', network: 'glasshouse.yaml:20' } })
    const created = await call('operator', 'POST', '/api/v1/components', { displayName: 'Object Storage', labels: { category: 'storage' } })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.body.name, 'object-storage')
    assert.equal(created.body.managed, 'api')
    assert.equal((await call('reporter', 'POST', '/api/v1/components', { displayName: 'x' })).status, 403)
    const changed = await call('operator', 'PATCH', '/api/v1/components/object-storage', { displayName: 'Object Storage (S3)' })
    assert.equal(changed.body.displayName, 'Object Storage (S3)')
    assert.ok((await call('anonymous', 'GET', '/api/v1/components')).body.items.some((item: { name: string }) => item.name === 'object-storage'))
    const refused = await call('admin', 'PATCH', '/api/v1/components/compute', { displayName: 'Rename' })
    assert.equal(refused.status, 409)
    assert.match(refused.body.detail, /glasshouse\.yaml:12/)
    assert.equal((await call('operator', 'DELETE', '/api/v1/components/network')).status, 409)
    assert.equal((await call('operator', 'DELETE', '/api/v1/components/object-storage')).status, 204)
    assert.equal((await call('operator', 'DELETE', '/api/v1/components/object-storage')).status, 404)
    const actions = (await api.store.audit.list({ objectType: 'component', objectId: created.body.id })).map((event) => [event.action, event.actor])
    assert.deepEqual(actions, [['component.create', 'oncall'], ['component.update', 'oncall'], ['component.archive', 'oncall']])
  })
})
