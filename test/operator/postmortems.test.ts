/**
 * The operator's postmortem pages through the forms: a draft from a resolved incident, the
 * editor (sections, timeline annotations, internal entries and notes, action items, redaction),
 * refused fields shown next to the field with the input kept, a stale save, the preview of the
 * public version, and the workflow submit → send back → publish with its refusals.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createIncidentService } from '../../src/incidents/index.js'
import { postmortemServiceOver, type Postmortem, type PostmortemService } from '../../src/postmortems/index.js'
import { EVENT_TOPIC } from '../../src/subscriptions/events.js'
import { startOperatorUi, type Browser, type OperatorUi } from './support.js'

/** The editor form as a browser posts it unchanged, with `changes` applied. */
function editorFields(postmortem: Postmortem, changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {
    revision: String(postmortem.revision),
    title: postmortem.title,
    tldr: postmortem.tldr,
    impactSummary: postmortem.impactSummary,
    rootCause: postmortem.rootCause,
    contributingFactors: postmortem.contributingFactors,
    wentWell: postmortem.wentWell,
    wentBadly: postmortem.wentBadly,
    internalNotes: postmortem.internalNotes,
    redactions: postmortem.redactions.join('\n'),
    handbookPages: postmortem.handbookPages.join('\n'),
    changeNote: '',
    noteAt: '',
    noteText: '',
    items: String(postmortem.actionItems.length + 1),
  }
  for (const entry of postmortem.timeline) {
    fields[`annotation.${entry.id}`] = entry.annotation ?? ''
    if (entry.internal) fields[`internal.${entry.id}`] = 'yes'
  }
  for (const [index, item] of [...postmortem.actionItems, { id: '', title: '', ownerRole: '', dueDate: null, status: 'open', url: null, internal: false }].entries()) {
    Object.assign(fields, { [`item.${index}.id`]: item.id, [`item.${index}.title`]: item.title, [`item.${index}.ownerRole`]: item.ownerRole, [`item.${index}.dueDate`]: item.dueDate ?? '', [`item.${index}.status`]: item.status, [`item.${index}.url`]: item.url ?? '' })
    if (item.internal) fields[`item.${index}.internal`] = 'yes'
  }
  return { ...fields, ...changes }
}

describe('operator postmortem pages', () => {
  let ui: OperatorUi
  let browser: Browser
  let service: PostmortemService
  let resolvedId: string
  let openId: string
  let postmortemId: string

  const csrf = () => browser.csrfOf('/operator/postmortems')
  const current = async () => (await service.get(postmortemId))!
  const editor = async () => (await browser.get(`/operator/postmortems/${postmortemId}`)).text()
  const save = async (changes: Record<string, string | string[]>, from?: Postmortem) => browser.post(`/operator/postmortems/${postmortemId}`, { _csrf: await csrf(), ...editorFields(from ?? (await current()), changes) })
  const transition = async (to: string, extra: Record<string, string> = {}) =>
    browser.post(`/operator/postmortems/${postmortemId}/transition`, { _csrf: await csrf(), revision: String((await current()).revision), to, ...extra })

  before(async () => {
    ui = await startOperatorUi()
    service = postmortemServiceOver(ui.store, ui.clock)
    const incidents = createIncidentService({ store: ui.store, clock: ui.clock })
    const writer = { actor: 'test', door: 'api' } as const
    const resolved = await incidents.createIncident({ title: 'Disk full on db-7.internal', text: 'Investigating.', origin: 'human', impacts: [{ component: 'compute', location: 'de-1', type: 'Unknown', severity: 66 }], notify: false }, writer)
    ui.clock.advance(20 * 60_000)
    await incidents.addUpdate(resolved.id, { text: 'Resolved.', phase: 'resolved', notify: false }, writer)
    resolvedId = resolved.id
    openId = (await incidents.createIncident({ title: 'Still burning', text: 'Investigating.', origin: 'human', impacts: [{ component: 'network', location: 'global', type: 'Unknown', severity: 66 }], notify: false }, writer)).id
    browser = ui.browser()
    await browser.signIn(ui.tokens.operator)
  })
  after(() => ui.dispose())

  it('offers "Write postmortem" on a resolved incident and writes a draft from it', async () => {
    assert.match(await (await browser.get(`/operator/incidents/${resolvedId}`)).text(), /Write postmortem/)
    assert.doesNotMatch(await (await browser.get(`/operator/incidents/${openId}`)).text(), /Write postmortem/)
    const response = await browser.post('/operator/postmortems', { _csrf: await csrf(), incident: resolvedId })
    assert.equal(response.status, 303)
    postmortemId = response.headers.get('location')!.split('/').at(-1)!
    const postmortem = await current()
    assert.deepEqual(postmortem.incidentIds, [resolvedId])
    assert.ok(postmortem.timeline.length >= 2, 'the timeline came from the stored evidence')
    const page = await editor()
    assert.match(page, /Draft written from the stored evidence/)
    assert.match(page, /Measured impact/)
    assert.match(page, /Internal notes — never published/)
    assert.match(page, /Refresh from evidence/)
    assert.match(page, /Submit for review/)
    const list = await (await browser.get('/operator/postmortems')).text()
    assert.match(list, /<h2 id="status-draft">Draft<\/h2>\s*<ul class="list"><li class="row"><a class="name" href="\/operator\/postmortems\//)
    assert.match(list, /Disk full on db-7.internal/)
    assert.match(list, new RegExp(`name="incident" value="${resolvedId}"`), 'the list offers resolved incidents to write about')
    assert.doesNotMatch(list, new RegExp(`name="incident" value="${openId}"`))
    assert.match(await (await browser.get(`/operator/postmortems?incident=${openId}`)).text(), /Only postmortems of/)
  })

  it('refuses a draft without incidents', async () => {
    const response = await browser.post('/operator/postmortems', { _csrf: await csrf() })
    assert.equal(response.status, 303)
    assert.match(await (await browser.get('/operator/postmortems')).text(), /pick at least one resolved incident/)
  })

  it('saves the sections, an annotation, an internal entry, a note, an action item and redactions', async () => {
    const before = await current()
    const [first, second] = before.timeline
    const response = await save({
      tldr: 'A full disk stopped compute in de-1 for 20 minutes.',
      internalNotes: 'Pager went to the wrong rota.',
      redactions: 'db-7.internal',
      rootCause: 'The disk of db-7.internal filled up.',
      [`annotation.${first!.id}`]: 'The first alert came from our own probe.',
      [`internal.${second!.id}`]: 'yes',
      noteAt: new Date(before.impact.from + 5 * 60_000).toISOString().slice(0, 16),
      noteText: 'On-call paged the storage team.',
      'item.0.title': 'Alert on disk usage at 80 %',
      'item.0.ownerRole': 'storage on-call',
      'item.0.dueDate': '2027-01-31',
      'item.0.status': 'in_progress',
    })
    assert.equal(response.status, 303, await response.clone().text())
    const after = await current()
    assert.equal(after.revision, before.revision + 1)
    assert.equal(after.tldr, 'A full disk stopped compute in de-1 for 20 minutes.')
    assert.deepEqual(after.redactions, ['db-7.internal'])
    assert.equal(after.timeline.find((entry) => entry.id === first!.id)?.annotation, 'The first alert came from our own probe.')
    assert.equal(after.timeline.find((entry) => entry.id === second!.id)?.internal, true)
    assert.ok(after.timeline.some((entry) => entry.kind === 'note' && entry.text === 'On-call paged the storage team.'))
    assert.deepEqual(after.actionItems.map((item) => [item.title, item.ownerRole, item.dueDate, item.status]), [['Alert on disk usage at 80 %', 'storage on-call', '2027-01-31', 'in_progress']])
    assert.match(await editor(), /Saved\./)
  })

  it('shows each entry\'s evidence to operators, removes a note and an action item', async () => {
    const page = await editor()
    assert.match(page, /<summary>Evidence \(operators only\)<\/summary>/)
    assert.match(page, new RegExp(`<dt>Incident</dt><dd><code>${resolvedId}</code></dd>`))
    const withExtra = await current()
    await save({ noteAt: '2026-12-07T03:00', noteText: 'A note to drop', 'item.1.title': 'An item to drop', 'item.1.ownerRole': 'network team' }, withExtra)
    const added = await current()
    const note = added.timeline.find((entry) => entry.text === 'A note to drop')!
    const index = added.actionItems.findIndex((item) => item.title === 'An item to drop')
    assert.ok(note && index >= 0)
    assert.equal((await save({ [`removeNote.${note.id}`]: 'yes', [`item.${index}.remove`]: 'yes' }, added)).status, 303)
    const after = await current()
    assert.ok(!after.timeline.some((entry) => entry.id === note.id))
    assert.deepEqual(after.actionItems.map((item) => item.title), ['Alert on disk usage at 80 %'])
  })

  it('refreshes the evidence keeping annotations, and refuses a stale refresh', async () => {
    const before = await current()
    const annotated = before.timeline.filter((entry) => entry.annotation !== null).map((entry) => [entry.id, entry.annotation])
    const forged = (revision: number) => browser.post(`/operator/postmortems/${postmortemId}/refresh`, { _csrf: 'forged', revision: String(revision) })
    const stale = await browser.post(`/operator/postmortems/${postmortemId}/refresh`, { _csrf: await csrf(), revision: String(before.revision - 1) })
    assert.equal(stale.status, 303)
    assert.match(await editor(), /Not done: postmortem .* is at revision/)
    assert.equal((await forged(before.revision)).status, 403, 'the CSRF field is checked')
    ui.clock.advance(60_000) // a later rebuild: the impact's computedAt moves, so there is something to store
    await browser.post(`/operator/postmortems/${postmortemId}/refresh`, { _csrf: await csrf(), revision: String(before.revision) })
    assert.match(await editor(), /rebuilt from the stored evidence; annotations and notes kept/)
    const after = await current()
    assert.equal(after.revision, before.revision + 1)
    assert.deepEqual(after.timeline.filter((entry) => entry.annotation !== null).map((entry) => [entry.id, entry.annotation]), annotated)
  })

  it('answers an unknown postmortem with a 404 page', async () => {
    assert.equal((await browser.get('/operator/postmortems/01900000-0000-7000-8000-000000000000')).status, 404)
    assert.equal((await browser.get('/operator/postmortems/01900000-0000-7000-8000-000000000000/preview')).status, 404)
  })

  it('shows refused fields next to the field and keeps what was typed', async () => {
    const before = await current()
    const response = await save({ rootCause: 'Typed but refused 4f1e', 'item.1.title': 'Half an item', 'item.1.dueDate': 'next week', noteText: 'A note without a time' })
    assert.equal(response.status, 400)
    const page = await response.text()
    assert.match(page, /Typed but refused 4f1e/)
    assert.match(page, /aria-invalid="true" aria-describedby="item-1-ownerRole-error"/)
    assert.match(page, /id="item-1-ownerRole-error" role="alert">name the owning role/)
    assert.match(page, /id="item-1-dueDate-error" role="alert">expected a date/)
    assert.match(page, /id="note-at-error" role="alert">give the time of the note/)
    assert.match(page, /A note without a time/)
    assert.equal((await current()).revision, before.revision, 'nothing saved')
  })

  it('places the service\'s refusals next to their fields too', async () => {
    const before = await current()
    const response = await save({ redactions: 'db-7.internal\nab', 'item.0.dueDate': '2027-02-30', wentWell: 'Kept 0e5d' })
    assert.equal(response.status, 400)
    const page = await response.text()
    assert.match(page, /id="redactions-error" role="alert">entry 2: a redaction phrase needs at least 3 characters/)
    assert.match(page, /id="item-0-dueDate-error" role="alert">a date YYYY-MM-DD/)
    assert.match(page, /Kept 0e5d/)
    assert.equal((await current()).revision, before.revision)
  })

  it('keeps the input of a stale save and says someone else changed it meanwhile', async () => {
    const stale = await current()
    await service.update(postmortemId, { revision: stale.revision, sections: { wentWell: 'Someone else wrote this.' } }, { actor: 'colleague', door: 'api' })
    const response = await save({ wentBadly: 'My stale words 8c0d' }, stale)
    assert.equal(response.status, 409)
    const page = await response.text()
    assert.match(page, /changed by someone else meanwhile/)
    assert.match(page, /My stale words 8c0d/)
    assert.match(page, new RegExp(`name="revision" value="${stale.revision + 1}"`), 'saving again starts from the current revision')
    assert.equal((await current()).wentBadly, '')
  })

  it('previews the public version: banner, redactions marked, internal text absent', async () => {
    const page = await (await browser.get(`/operator/postmortems/${postmortemId}/preview`)).text()
    assert.match(page, /Preview — this is what the public will see/)
    assert.match(page, /<mark>\[redacted\]<\/mark>/)
    const [, article = ''] = page.split(/<article[^>]*>/)
    const incidentLinks = /<section aria-labelledby="incidents">.*?<\/section>/s
    assert.doesNotMatch(article.replace(incidentLinks, ''), /db-7\.internal/, 'only the incident link keeps the incident\'s own (public) title')
    assert.doesNotMatch(page, /Pager went to the wrong rota/)
    assert.match(page, /A full disk stopped compute/)
    assert.doesNotMatch(page, /<style>/, 'the operator CSP allows no inline style')
  })

  it('refuses to publish without a TL;DR, saying why', async () => {
    await save({ tldr: '' })
    assert.equal((await transition('in_review')).status, 303)
    assert.match(await editor(), /Submitted for review/)
    await transition('toString')
    assert.match(await editor(), /Not done: to: /, 'only the workflow\'s statuses')
    await transition('published', { notify: 'no' })
    const page = await editor()
    assert.match(page, /Not done: tldr: a TL;DR for non-technical readers is required to publish/)
    assert.equal((await current()).status, 'in_review')
  })

  it('refuses to publish with an open incident', async () => {
    const created = await browser.post('/operator/postmortems', { _csrf: await csrf(), incident: openId })
    const otherId = created.headers.get('location')!.split('/').at(-1)!
    const other = (await service.get(otherId))!
    await service.update(otherId, { revision: other.revision, sections: { tldr: 'Short.' } }, { actor: 'test', door: 'api' })
    await service.transition(otherId, 'in_review', { revision: other.revision + 1, notify: false }, { actor: 'test', door: 'api' })
    await browser.post(`/operator/postmortems/${otherId}/transition`, { _csrf: await csrf(), revision: String(other.revision + 2), to: 'published', notify: 'yes' })
    assert.match(await (await browser.get(`/operator/postmortems/${otherId}`)).text(), /is not resolved yet; publish once it is/)
  })

  it('sends back, submits again and publishes notifying subscribers', async () => {
    assert.equal((await transition('draft')).status, 303)
    assert.equal((await current()).status, 'draft')
    await save({ tldr: 'A full disk stopped compute in de-1 for 20 minutes.' })
    await transition('in_review')
    const events = (await ui.store.outbox.list({ limit: 1000 })).filter((message) => message.topic === EVENT_TOPIC).length
    await transition('published', { notify: 'yes' })
    assert.equal((await current()).status, 'published')
    assert.match(await editor(), /Published; subscribers are notified/)
    assert.equal((await ui.store.outbox.list({ limit: 1000 })).filter((message) => message.topic === EVENT_TOPIC).length, events + 1)
  })

  it('needs a change note after publication and lists every revision with actor and note', async () => {
    const refused = await save({ rootCause: 'Corrected cause 2b9a' })
    assert.equal(refused.status, 400)
    const text = await refused.text()
    assert.match(text, /id="change-note-error" role="alert">this postmortem is published/)
    assert.match(text, /Corrected cause 2b9a/)
    assert.equal((await save({ rootCause: 'Corrected cause 2b9a', changeNote: 'Named the real cause' })).status, 303)
    const page = await editor()
    assert.match(page, /<td>oncall<\/td><td>Published<\/td><td>Named the real cause<\/td>/)
    assert.match(page, /<td>colleague<\/td>/)
  })
})
