import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startWriteApi, type WriteApi } from '../api-writes/support.js'

type Json = Record<string, any>

describe('postmortems in the v1 API', () => {
  let api: WriteApi
  const send = async (caller: Parameters<WriteApi['call']>[0], method: string, path: string, body?: unknown) => {
    const res = await api.call(caller, method, `/api/v1${path}`, body)
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Json, location: res.headers.get('location') }
  }
  /** A resolved incident on compute/R1, opened through the API. */
  const resolvedIncident = async (title: string) => {
    const began = new Date(Date.now() - 3_600_000).toISOString()
    const created = await send('operator', 'POST', '/incidents', { title, text: 'Fixed already', phase: 'resolved', beganAt: began, impacts: [{ component: 'compute', location: 'R1', severity: 70 }], notify: false })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    return created.body.id as string
  }
  /** Creates, submits and publishes a postmortem; resolves to the published one. */
  const published = async (incidentId: string, sections: Json) => {
    const draft = await send('operator', 'POST', '/postmortems', { incidentIds: [incidentId], sections: { tldr: 'Servers failed to start.', ...sections } })
    assert.equal(draft.status, 201, JSON.stringify(draft.body))
    const review = await send('operator', 'POST', `/postmortems/${draft.body.id}/transition`, { to: 'in_review', revision: 1 })
    const done = await send('operator', 'POST', `/postmortems/${draft.body.id}/transition`, { to: 'published', revision: review.body.revision, notify: false })
    assert.equal(done.status, 200, JSON.stringify(done.body))
    return done.body
  }

  before(async () => {
    api = await startWriteApi()
  })
  after(() => api.dispose())

  test('authoring: create, edit, stale revision 409, bad input 422, scopes', async () => {
    const incidentId = await resolvedIncident('Boots fail')
    const created = await send('operator', 'POST', '/postmortems', { incidentIds: [incidentId] })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.location, `/api/v1/postmortems/${created.body.id}`)
    assert.equal(created.body.status, 'draft')
    assert.equal(created.body.title, 'Postmortem: Boots fail')
    assert.ok(created.body.timeline.some((entry: Json) => entry.kind === 'incident-opened'), 'the timeline comes from the stored evidence')
    const id = created.body.id as string

    const edited = await send('operator', 'PATCH', `/postmortems/${id}`, { revision: 1, sections: { rootCause: 'A full disk.' }, timeline: { addNotes: [{ at: new Date().toISOString(), text: 'Paged storage on-call' }] } })
    assert.equal(edited.status, 200, JSON.stringify(edited.body))
    assert.equal(edited.body.revision, 2)
    assert.ok(edited.body.timeline.some((entry: Json) => entry.kind === 'note'))

    const stale = await send('operator', 'PATCH', `/postmortems/${id}`, { revision: 1, sections: { rootCause: 'Lost' } })
    assert.equal(stale.status, 409)
    assert.equal(stale.type, 'application/problem+json')
    assert.match(stale.body.type, /revision-conflict$/)

    const bad = await send('operator', 'PATCH', `/postmortems/${id}`, { revision: 2, sections: { actionItems: [{ title: 'Alert', ownerRole: 'on-call', url: 'javascript:alert(1)' }], redactions: ['ab'] } })
    assert.equal(bad.status, 422)
    assert.deepEqual(bad.body.errors.map((error: Json) => error.path).sort(), ['sections.actionItems.0.url', 'sections.redactions.0'])
    assert.equal((await send('operator', 'PATCH', `/postmortems/${id}`, { revision: 2, nonsense: true })).status, 400)
    assert.equal((await send('operator', 'POST', '/postmortems', { incidentIds: ['0190e7a0-0000-7000-8000-000000000000'] })).status, 422)
    assert.equal((await send('operator', 'GET', '/postmortems/0190e7a0-0000-7000-8000-000000000000')).status, 404)
    assert.equal((await send('reporter', 'POST', '/postmortems', { incidentIds: [incidentId] })).status, 403)
    assert.equal((await send('anonymous', 'GET', `/postmortems/${id}`)).status, 401)
    assert.equal((await send('anonymous', 'GET', `/public/postmortems/${id}`)).status, 404, 'a draft is not public')

    const listed = await send('operator', 'GET', `/postmortems?status=draft&incident=${incidentId}`)
    assert.deepEqual(listed.body.items.map((item: Json) => item.id), [id])
    const preview = await send('operator', 'GET', `/postmortems/${id}/preview`)
    assert.equal(preview.status, 200)
    assert.equal('internalNotes' in preview.body, false)
    const audit = await api.store.audit.list({ objectType: 'postmortem', objectId: id })
    assert.deepEqual(audit.map((event) => [event.action, event.actor, event.door]), [['postmortem.create', 'oncall', 'api'], ['postmortem.update', 'oncall', 'api']])
  })

  test('publication: the public reads answer the redacted projection, paged; revisions stay', async () => {
    const first = await published(await resolvedIncident('Disk full'), { title: 'db7.internal filled up', internalNotes: 'ask ACME about db7', redactions: ['db7.internal', 'ACME'] })
    const second = await published(await resolvedIncident('Network flap'), { title: 'Network flapped' })

    const view = await send('anonymous', 'GET', `/public/postmortems/${first.id}`)
    assert.equal(view.status, 200)
    assert.equal(view.body.title, '[redacted] filled up')
    assert.ok(!JSON.stringify(view.body).toLowerCase().includes('db7.internal') && !JSON.stringify(view.body).includes('ACME'))
    assert.equal('internalNotes' in view.body, false)

    const page1 = await send('anonymous', 'GET', '/public/postmortems?limit=1')
    assert.equal(page1.body.items.length, 1)
    assert.equal(page1.body.items[0].id, second.id, 'newest publication first')
    const page2 = await send('anonymous', 'GET', `/public/postmortems?limit=1&cursor=${page1.body.nextCursor}`)
    assert.deepEqual(page2.body.items.map((item: Json) => item.id), [first.id])
    assert.equal(page2.body.nextCursor, null)
    assert.equal((await send('anonymous', 'GET', '/public/postmortems?cursor=forged')).status, 422)
    assert.deepEqual((await send('anonymous', 'GET', '/public/postmortems?component=network')).body.items, [])

    const noNote = await send('operator', 'PATCH', `/postmortems/${first.id}`, { revision: first.revision, sections: { rootCause: 'A full disk.' } })
    assert.equal(noNote.status, 422)
    const corrected = await send('operator', 'PATCH', `/postmortems/${first.id}`, { revision: first.revision, sections: { rootCause: 'A full disk.' }, changeNote: 'Named the root cause' })
    assert.equal(corrected.status, 200)
    const revisions = await send('operator', 'GET', `/postmortems/${first.id}/revisions`)
    assert.deepEqual(revisions.body.items.map((item: Json) => [item.revision, item.status]), [[1, 'draft'], [2, 'in_review'], [3, 'published'], [4, 'published']])
    const history = (await send('anonymous', 'GET', `/public/postmortems/${first.id}`)).body.revisions
    assert.deepEqual(history.map((item: Json) => item.changeNote), [null, 'Named the root cause'])
    const then = await send('anonymous', 'GET', `/public/postmortems/${first.id}/revisions/3`)
    assert.equal(then.status, 200)
    assert.equal(then.body.rootCause, '')
    assert.equal((await send('anonymous', 'GET', `/public/postmortems/${first.id}/revisions/1`)).status, 404, 'a draft revision is not public')
    const again = await send('operator', 'POST', `/postmortems/${first.id}/transition`, { to: 'draft', revision: corrected.body.revision })
    assert.equal(again.status, 409, 'published stays published')
  })
})
