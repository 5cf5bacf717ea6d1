/**
 * The operator's incident flow through the forms: from a template, updates with notify or
 * silent, title edit, one-click states, resolve — each POST answered 303 and visible on the
 * public page at once (the status cache is told after every write).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createIncidentService } from '../../src/incidents/index.js'
import { EVENT_TOPIC } from '../../src/subscriptions/events.js'
import { startOperatorUi, type Browser, type OperatorUi } from './support.js'

describe('operator incident flow', () => {
  let ui: OperatorUi
  let browser: Browser
  let incidentId: string

  const subscriberEvents = async () => (await ui.store.outbox.list({ limit: 1000 })).filter((message) => message.topic === EVENT_TOPIC).length
  const publicPage = async (path = '/') => (await ui.app.request(path)).text()
  const csrf = () => browser.csrfOf('/operator')
  const openImpacts = async (id: string) => ((await createIncidentService({ store: ui.store, clock: ui.clock }).incident(id))?.impacts ?? []).filter((impact) => impact.to === null)

  before(async () => {
    ui = await startOperatorUi()
    await createIncidentService({ store: ui.store, clock: ui.clock }).createTemplate(
      { name: 'api-errors', title: 'Elevated API errors', text: 'We see elevated error rates and are investigating.', phase: 'investigating', impacts: [{ component: 'compute', location: 'de-1', type: 'Unknown', severity: 66 }] },
      { actor: 'test', door: 'api' },
    )
    browser = ui.browser()
    await browser.signIn(ui.tokens.operator)
  })
  after(() => ui.dispose())

  it('prefills the new-incident form from a template', async () => {
    const html = await (await browser.get('/operator/incidents/new?template=api-errors')).text()
    assert.match(html, /name="title" required="" maxlength="200" value="Elevated API errors"/)
    assert.match(html, /name="impact" value="compute\|de-1\|Unknown\|66" checked=""/)
    assert.match(html, /<option value="compute\|de-2">Compute \(de-2\)<\/option>/)
  })

  it('opens the incident; the public page shows it at once and subscribers are told', async () => {
    assert.doesNotMatch(await publicPage(), /Elevated API errors/, 'the status cache is primed without it')
    const events = await subscriberEvents()
    const response = await browser.post('/operator/incidents', {
      _csrf: await csrf(),
      template: 'api-errors',
      title: 'Elevated API errors',
      text: 'We see elevated error rates and are investigating.',
      phase: 'investigating',
      impact: 'compute|de-1|Unknown|66',
      addSeries: '',
      addSeverity: '100',
      notify: 'yes',
    })
    assert.equal(response.status, 303)
    incidentId = response.headers.get('location')!.split('/').at(-1)!
    assert.match(await publicPage(), /Elevated API errors/)
    assert.equal(await subscriberEvents(), events + 1)
    const incident = (await ui.store.incidents.get(incidentId))!
    assert.equal(incident.origin, 'human')
    assert.deepEqual((await openImpacts(incidentId)).map((impact) => [impact.component, impact.location, impact.severity]), [['compute', 'de-1', 66]])
    const audit = await ui.store.audit.list({ objectType: 'incident', objectId: incidentId })
    assert.equal(audit[0]?.actor, 'oncall', 'written as the token that signed in')
  })

  it('posts a silent update (nothing queued) and a notifying one (queued)', async () => {
    const events = await subscriberEvents()
    const silent = await browser.post(`/operator/incidents/${incidentId}/updates`, { _csrf: await csrf(), text: 'Silent marker 51ae', phase: 'identified', notify: 'no' })
    assert.equal(silent.status, 303)
    assert.equal(await subscriberEvents(), events)
    assert.match(await publicPage(`/incidents/${incidentId}`), /Silent marker 51ae/)
    await browser.post(`/operator/incidents/${incidentId}/updates`, { _csrf: await csrf(), text: 'Loud marker 7c2d', phase: 'monitoring', notify: 'yes' })
    assert.equal(await subscriberEvents(), events + 1)
    assert.equal((await ui.store.incidents.get(incidentId))?.phase, 'monitoring')
    const page = await (await browser.get(`/operator/incidents/${incidentId}`)).text()
    assert.match(page, /Update posted; subscribers are notified/)
  })

  it('turns a refused write into a message on the form, changing nothing', async () => {
    const response = await browser.post(`/operator/incidents/${incidentId}/updates`, { _csrf: await csrf(), text: '   ', notify: 'yes' })
    assert.equal(response.status, 303)
    assert.equal(response.headers.get('location'), `/operator/incidents/${incidentId}`)
    assert.match(await (await browser.get(`/operator/incidents/${incidentId}`)).text(), /Not saved: text/)
    const noChoice = await browser.post(`/operator/incidents/${incidentId}/updates`, { _csrf: await csrf(), text: 'No choice' })
    assert.equal(noChoice.status, 303)
    assert.match(await (await browser.get(`/operator/incidents/${incidentId}`)).text(), /Not saved: notify/)
    assert.doesNotMatch(await publicPage(`/incidents/${incidentId}`), /No choice/)
  })

  it('edits the title', async () => {
    await browser.post(`/operator/incidents/${incidentId}/title`, { _csrf: await csrf(), title: 'API errors in de-1' })
    assert.match(await publicPage(), /API errors in de-1/)
  })

  it('sets a state with one click, raises it on the open incident, and clears it resolving the incident', async () => {
    const broken = await browser.post('/operator/state', { _csrf: await csrf(), component: 'network', location: 'global', level: 'broken' })
    assert.equal(broken.status, 303)
    const opened = (await ui.store.incidents.open()).find((row) => row.title.startsWith('Network'))
    assert.ok(opened, 'an incident with a generic text was opened')
    assert.match(await publicPage(), /Network: broken/)
    await browser.post('/operator/state', { _csrf: await csrf(), component: 'compute', location: 'de-1', level: 'broken' })
    assert.deepEqual((await openImpacts(incidentId)).map((impact) => impact.severity), [100], 'the open incident covering compute/de-1 is raised')
    await browser.post('/operator/state', { _csrf: await csrf(), component: 'network', location: 'global', level: 'operational' })
    assert.equal((await ui.store.incidents.get(opened.id))?.phase, 'resolved')
    assert.match(await (await browser.get('/operator')).text(), /Network is operational; the incident is resolved/)
  })

  it('refuses a one-click level that is not a severity range', async () => {
    await browser.post('/operator/state', { _csrf: await csrf(), component: 'network', location: 'global', level: 'catastrophic' })
    assert.match(await (await browser.get('/operator')).text(), /Not saved: &quot;catastrophic&quot; is not a severity level/)
  })

  it('resolves the incident', async () => {
    const response = await browser.post(`/operator/incidents/${incidentId}/resolve`, { _csrf: await csrf(), text: 'Fixed marker 93be', notify: 'yes' })
    assert.equal(response.status, 303)
    assert.equal((await ui.store.incidents.get(incidentId))?.phase, 'resolved')
    assert.match(await publicPage(`/incidents/${incidentId}`), /Fixed marker 93be/)
    assert.doesNotMatch(await (await browser.get('/operator')).text(), /API errors in de-1/, 'no longer among the open incidents')
  })
})
