/**
 * Publishing a postmortem with `notify` tells subscribers through the outbox: one
 * `postmortem.published` event, which every webhook format receives as "Postmortem published:
 * <title>" with the TL;DR and the permalink, and which the mail renders the same way.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createStatusReader } from '../../../src/status/index.js'
import { eventMail } from '../../../src/subscriptions/render-email.js'
import { testServerApp } from '../../support/server-app.js'
import { EDITOR } from './fixture.js'
import { subscriberBench, type SubscriberBench } from './subscribers.js'

describe('subscribers hear of a published postmortem', () => {
  let bench: SubscriberBench
  before(async () => {
    bench = await subscriberBench()
  })
  after(() => bench.dispose())

  test('every webhook format and the mail say "Postmortem published: <title>" with the TL;DR and the permalink', async () => {
    const incident = await bench.incident('Boot failures')
    const published = await bench.publish([incident], { title: 'Servers did not boot', tldr: 'For an hour, new servers in R1 did not boot.', internalNotes: 'hidden-note-5e1b' })
    const events = await bench.events()
    const event = events.get(published.id)
    assert.ok(event !== undefined, 'one event queued with the publication')
    assert.equal(event.kind, 'postmortem.published')
    await bench.h.drain()
    const permalink = `http://status.test/postmortems/${published.id}`
    const body = (path: string) => {
      const found = bench.received.find((item) => item.url.startsWith(path))
      assert.ok(found !== undefined, `${path} received the event`)
      return found.body
    }

    const standard = JSON.parse(body('/standard'))
    assert.equal(standard.type, 'postmortem.published')
    assert.equal(standard.data.postmortem, published.id)
    assert.equal(standard.data.title, 'Servers did not boot')
    assert.equal(standard.data.text, 'For an hour, new servers in R1 did not boot.')
    assert.equal(standard.data.url, permalink)
    const slack = JSON.parse(body('/slack'))
    assert.match(slack.text, /^\*Postmortem published: Servers did not boot\*/)
    assert.ok(slack.text.includes('For an hour, new servers in R1 did not boot.') && slack.text.includes(permalink))
    const teams = JSON.parse(body('/teams'))
    assert.equal(teams.attachments[0].content.body[0].text, 'Postmortem published: Servers did not boot')
    assert.equal(teams.attachments[0].content.actions[0].url, permalink)
    const matrix = JSON.parse(body('/matrix'))
    assert.match(matrix.body, /^Postmortem published: Servers did not boot\n/)
    assert.ok(matrix.body.includes(permalink))

    const mail = eventMail(event, { siteName: 'Test cloud', baseUrl: 'http://status.test', names: { compute: 'Compute' } }, { unsubscribe: 'http://status.test/u', manage: 'http://status.test/m' })
    assert.equal(mail.subject, '[Test cloud] Postmortem published: Servers did not boot — Compute (R1)')
    assert.ok(mail.text.includes('For an hour, new servers in R1 did not boot.'))
    assert.ok(mail.text.includes(permalink) && mail.html.includes(`<a href="${permalink}">`))
    for (const output of [JSON.stringify(bench.received), mail.text, mail.html]) assert.ok(!output.includes('hidden-note-5e1b'), 'internal notes stay out')
  })

  test('publishing without notify queues nothing', async () => {
    const incident = await bench.incident('Quiet one')
    const draft = await bench.postmortems.create({ incidentIds: [incident] }, { actor: 'editor-7c1f', door: 'api' })
    const filled = await bench.postmortems.update(draft.id, { revision: 1, sections: { tldr: 'Quiet.' } }, { actor: 'editor-7c1f', door: 'api' })
    const review = await bench.postmortems.transition(draft.id, 'in_review', { revision: filled.revision, notify: false }, { actor: 'editor-7c1f', door: 'api' })
    await bench.postmortems.transition(draft.id, 'published', { revision: review.revision, notify: false }, { actor: 'editor-7c1f', door: 'api' })
    assert.equal((await bench.events()).has(draft.id), false)
  })

  test('a publication through the API counts as a write: the static copy re-renders on it', async () => {
    const status = createStatusReader({ store: bench.h.store, clock: bench.h.clock })
    const app = testServerApp(bench.h.store, { status, clock: bench.h.clock })
    const writes: boolean[] = []
    status.onChange((written) => writes.push(written))
    const incident = await bench.incident('Through the API')
    const draft = await bench.postmortems.create({ incidentIds: [incident] }, EDITOR)
    const filled = await bench.postmortems.update(draft.id, { revision: 1, sections: { tldr: 'Via the API.' } }, EDITOR)
    const review = await bench.postmortems.transition(draft.id, 'in_review', { revision: filled.revision, notify: false }, EDITOR)
    const res = await app.request(`/api/v1/postmortems/${draft.id}/transition`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bench.h.tokens.operator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'published', revision: review.revision, notify: false }),
    })
    assert.equal(res.status, 200, await res.text())
    assert.ok(writes.includes(true), 'the status reader heard a model write (the static copy renders on it)')
  })
})
