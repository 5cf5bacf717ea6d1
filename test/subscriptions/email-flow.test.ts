/**
 * Suite `subscriptions-smtp`: e-mail subscriptions end to end through a real SMTP server
 * (aiosmtpd on loopback). The confirmation mail arrives and nothing else until its link is used;
 * an incident update with notify arrives once; a silent update and an incident on another
 * component send nothing; the one-click unsubscribe of the mail's List-Unsubscribe header works
 * and nothing arrives after it. A planted address never appears in public outputs or logs.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { FEED_FORMATS, feedPath, type FeedFormat } from '../../src/feeds/feed-urls.js'
import { aiosmtpdAvailable, startSmtp } from '../alerts/real-servers.js'
import { realPart } from '../support/real-part.js'
import { decoded, header, linkIn } from './mail.js'
import { postForm, startHarness, type SubscriptionHarness } from './support.js'

const part = realPart('subscriptions-smtp', await aiosmtpdAvailable(), 'apt-get install python3-aiosmtpd')

const PLANTED = 'planted.canary+7f3a@example.org'

describe('e-mail subscriptions through a real SMTP server', { skip: part.available ? false : part.skip }, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let h: SubscriptionHarness
  before(async () => {
    smtp = await startSmtp()
    h = await startHarness({ email: { from: 'status@example.org', smtp: { host: '127.0.0.1', port: smtp.port } }, rateLimit: { perMinute: 60, burst: 50 } })
  })
  after(async () => {
    await h?.dispose()
    await smtp?.close()
  })

  const openIncident = async (component: string, notify = true) => {
    const res = await h.api('operator', 'POST', '/api/v1/incidents', { title: `${component} is slow`, text: 'Looking into it', impacts: [{ component, severity: 50 }], notify })
    assert.equal(res.status, 201, await res.clone().text())
    return ((await res.json()) as { id: string }).id
  }
  const update = async (id: string, body: object) => {
    const res = await h.api('operator', 'POST', `/api/v1/incidents/${id}/updates`, body)
    assert.equal(res.status, 201, await res.clone().text())
  }

  test('double opt-in, one mail per notifying update, silence, one-click unsubscribe', async () => {
    const form = await h.app.request('/subscribe')
    assert.equal(form.status, 200)
    assert.match(await form.text(), /name="components" value="compute"/)

    assert.equal((await postForm(h.app, '/subscribe', [['address', PLANTED], ['components', 'compute']])).status, 202)
    assert.equal(smtp.messages().length, 0, 'nothing is sent before the outbox worker runs')
    await h.drain()
    const [confirmation] = smtp.messages()
    assert.equal(smtp.messages().length, 1)
    assert.equal(header(confirmation!, 'To'), PLANTED)
    assert.match(header(confirmation!, 'Subject') ?? '', /Confirm your subscription/)

    assert.equal((await postForm(h.app, '/subscribe', [['address', PLANTED.toUpperCase()]])).status, 202, 'the same answer for a known address')
    await h.drain()
    assert.equal(smtp.messages().length, 1, 'subscribing twice within the window sends no second mail')

    const before = await openIncident('compute')
    await h.drain()
    assert.equal(smtp.messages().length, 1, 'an unconfirmed address gets no notices')

    const confirmPath = linkIn(confirmation!, 'http://status.test/subscriptions/confirm/').replace('http://status.test', '')
    const shown = await h.app.request(confirmPath)
    assert.equal(shown.status, 200)
    assert.match(await shown.text(), /<form method="post"/)
    assert.equal((await h.store.subscriptions.list())[0]!.confirmedAt, null, 'a GET of the link changes nothing')
    const confirmed = await h.app.request(confirmPath, { method: 'POST' })
    assert.equal(confirmed.status, 200)
    const row = (await h.store.subscriptions.list())[0]!
    assert.ok(row.confirmedAt !== null && row.consentAt !== null)
    assert.equal(row.addressHash?.length, 64)

    await update(before, { text: 'A fix is being deployed', phase: 'identified' })
    await h.drain()
    await h.drain()
    assert.equal(smtp.messages().length, 2, 'the update arrives once')
    const notice = smtp.messages()[1]!
    assert.match(header(notice, 'Subject') ?? '', /^\[Test cloud\] Incident update \(identified\): compute is slow — Compute \(global\)/)
    assert.match(decoded(notice), /A fix is being deployed/)
    assert.equal(header(notice, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')
    const unsubscribeUrl = /^<(.*)>$/.exec(header(notice, 'List-Unsubscribe') ?? '')?.[1]
    assert.ok(unsubscribeUrl?.startsWith('http://status.test/subscriptions/unsubscribe/'), unsubscribeUrl)

    await update(before, { text: 'Silent note', notify: false })
    await openIncident('network')
    await h.drain()
    assert.equal(smtp.messages().length, 2, 'a silent update and an unfollowed component send nothing')

    await assertNotPublished(h, PLANTED)

    const manage = await h.app.request(linkIn(notice, 'http://status.test/subscriptions/manage/').replace('http://status.test', ''))
    assert.equal(manage.status, 200)
    assert.match(await manage.text(), /Unsubscribe and delete my data/)

    const oneClick = await postForm(h.app, unsubscribeUrl!.replace('http://status.test', ''), [['List-Unsubscribe', 'One-Click']])
    assert.equal(oneClick.status, 200)
    assert.deepEqual(await h.store.subscriptions.list(), [], 'unsubscribing deletes the subscriber')
    await update(before, { text: 'Resolved', phase: 'resolved' })
    await h.drain()
    assert.equal(smtp.messages().length, 2, 'nothing arrives after unsubscribing')
    const again = await postForm(h.app, unsubscribeUrl!.replace('http://status.test', ''), [['List-Unsubscribe', 'One-Click']])
    assert.equal(again.status, 404, 'a used unsubscribe link is unknown')
  })
})

/** The planted address appears in no public page, feed or summary, no operator listing, no outbox row and no log line. */
async function assertNotPublished(h: SubscriptionHarness, planted: string): Promise<void> {
  const paths = ['/', '/history', '/api/v2/summary.json', '/api/v2/incidents.json', '/api/v1/status', ...(Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => feedPath({ kind: 'all' }, format))]
  for (const path of paths) {
    const text = await (await h.app.request(path)).text()
    assert.ok(!text.toLowerCase().includes(planted.toLowerCase()), `${path} shows the address`)
  }
  const listing = await h.api('operator', 'GET', '/api/v1/subscriptions')
  assert.equal(listing.status, 200)
  assert.ok(!(await listing.text()).includes(planted), 'an operator listing shows the address')
  const adminListing = await (await h.api('admin', 'GET', '/api/v1/subscriptions')).text()
  assert.ok(adminListing.includes(planted), 'an admin sees it (the control: the address is there to find)')
  for (const message of await h.store.outbox.list({ limit: 1000 })) assert.ok(!JSON.stringify(message).includes(planted), `outbox ${message.topic} holds the address`)
  assert.ok(!h.logged.some((line) => line.includes(planted)), 'a log line holds the address')
}
