/**
 * The catalogue page: components, impact types, severity levels, phase lists and templates
 * managed through forms, each write audited as the signed-in token; refusals come back as
 * messages.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseImpactLines } from '../../src/operator/catalog/templates.js'
import { startOperatorUi, type Browser, type OperatorUi } from './support.js'

describe('operator catalogue pages', () => {
  let ui: OperatorUi
  let browser: Browser
  const csrf = () => browser.csrfOf('/operator/catalog')
  const catalogPage = async () => (await browser.get('/operator/catalog')).text()

  before(async () => {
    ui = await startOperatorUi()
    browser = ui.browser()
    await browser.signIn(ui.tokens.operator)
  })
  after(() => ui.dispose())

  it('adds, renames and archives an API-managed component; config-managed ones are read-only', async () => {
    assert.match(await catalogPage(), /compute<\/td><td>Compute<\/td><td><span class="muted">managed by config/)
    assert.equal((await browser.post('/operator/catalog/components', { _csrf: await csrf(), displayName: 'Object Storage' })).status, 303)
    const added = (await ui.store.components.list()).find((row) => row.name === 'object-storage')
    assert.ok(added)
    await browser.post(`/operator/catalog/components/${added.id}`, { _csrf: await csrf(), displayName: 'Object Storage (S3)' })
    assert.equal((await ui.store.catalog.componentById(added.id))?.displayName, 'Object Storage (S3)')
    await browser.post(`/operator/catalog/components/${added.id}/archive`, { _csrf: await csrf() })
    assert.notEqual((await ui.store.catalog.componentById(added.id))?.archivedAt, null)
    const audit = await ui.store.audit.list({ objectType: 'component', objectId: added.id })
    assert.deepEqual([...new Set(audit.map((event) => event.actor))], ['oncall'])
  })

  it('adds, renames and deletes an impact type', async () => {
    await browser.post('/operator/catalog/impact-types', { _csrf: await csrf(), displayName: 'Slow responses' })
    const type = (await ui.store.catalog.impactTypes()).find((row) => row.displayName === 'Slow responses')
    assert.ok(type)
    await browser.post(`/operator/catalog/impact-types/${type.id}`, { _csrf: await csrf(), displayName: 'Performance degradation' })
    assert.equal((await ui.store.catalog.impactTypes()).find((row) => row.id === type.id)?.displayName, 'Performance degradation')
    await browser.post(`/operator/catalog/impact-types/${type.id}/delete`, { _csrf: await csrf() })
    assert.equal((await ui.store.catalog.impactTypes()).some((row) => row.id === type.id), false)
  })

  it('manages severity levels, and the one-click buttons follow them', async () => {
    const before = (await ui.store.catalog.severities()).length
    await browser.post('/operator/catalog/severities', { _csrf: await csrf(), displayName: 'minor', value: '20' })
    assert.equal((await ui.store.catalog.severities()).length, before + 1)
    assert.match(await (await browser.get('/operator')).text(), /value="minor"/)
    await browser.post('/operator/catalog/severities/minor', { _csrf: await csrf(), value: '25' })
    assert.equal((await ui.store.catalog.severities()).find((row) => row.name === 'minor')?.value, 25)
    await browser.post('/operator/catalog/severities/minor', { _csrf: await csrf(), value: 'lots' })
    assert.match(await catalogPage(), /Not saved: value: a whole number/)
    await browser.post('/operator/catalog/severities/minor/delete', { _csrf: await csrf() })
    assert.equal((await ui.store.catalog.severities()).length, before)
  })

  it('stores a new phase list generation', async () => {
    await browser.post('/operator/catalog/phases', { _csrf: await csrf(), names: 'Investigating\nFix in progress\nMonitoring\nResolved' })
    assert.deepEqual((await ui.store.catalog.phases())?.phases.map((phase) => phase.name), ['Investigating', 'Fix in progress', 'Monitoring', 'Resolved'])
  })

  it('creates, edits and deletes a template; a bad impact line is refused with its number', async () => {
    const created = await browser.post('/operator/catalog/templates', { _csrf: await csrf(), name: 'db-slow', title: 'Database slow', text: 'Queries are slow.', phase: 'identified', impacts: 'compute de-1 50 Slow queries' })
    assert.equal(created.status, 303)
    const template = (await ui.store.templates.list()).find((row) => row.name === 'db-slow')
    assert.ok(template)
    assert.deepEqual(template.impacts, [{ component: 'compute', location: 'de-1', type: 'Slow queries', severity: 50 }])
    await browser.post(`/operator/catalog/templates/${template.id}`, { _csrf: await csrf(), name: 'db-slow', title: 'Database slow', text: 'Queries are slow.', phase: 'identified', impacts: 'compute de-1\nnetwork global 70' })
    assert.match(await (await browser.get(`/operator/catalog/templates/${template.id}`)).text(), /Not saved: impacts line 1: expected/)
    await browser.post(`/operator/catalog/templates/${template.id}`, { _csrf: await csrf(), name: 'db-slow', title: 'Database very slow', text: 'Queries are slow.', phase: 'identified', impacts: 'network global 70' })
    assert.match(await (await browser.get('/operator/incidents/new?template=db-slow')).text(), /value="Database very slow"/)
    await browser.post(`/operator/catalog/templates/${template.id}/delete`, { _csrf: await csrf() })
    assert.equal((await ui.store.templates.list()).some((row) => row.name === 'db-slow'), false)
  })

  it('parses impact lines', () => {
    assert.deepEqual(parseImpactLines(' compute de-1 66 \n\nnetwork global 100 Connectivity issues'), [
      { component: 'compute', location: 'de-1', severity: 66 },
      { component: 'network', location: 'global', severity: 100, type: 'Connectivity issues' },
    ])
  })
})
