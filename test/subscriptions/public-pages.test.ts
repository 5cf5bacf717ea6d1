/**
 * The public subscription pages on bad input: a malformed address 422, unknown links 404, an
 * expired confirmation link 410 — each a clear page, nothing queued — and a flood 429 with
 * Retry-After. The SMTP server is never reached here (its port is closed): only the outbox is read.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { CONFIRM_TOPIC, linkTokens, loadLinkKey } from '../../src/subscriptions/index.js'
import { freePort } from '../support/ports.js'
import { postForm, startHarness, type SubscriptionHarness } from './support.js'

describe('public subscription pages: bad input and floods', () => {
  let h: SubscriptionHarness
  before(async () => {
    h = await startHarness({ email: { from: 'status@example.org', smtp: { host: '127.0.0.1', port: await freePort() } }, confirmTtl: '1h', rateLimit: { perMinute: 60, burst: 30 } })
  })
  after(() => h?.dispose())

  const queued = async () => (await h.store.outbox.list({ limit: 100 })).filter((message) => message.topic === CONFIRM_TOPIC).length

  test('a malformed address answers 422 and queues nothing', async () => {
    for (const address of ['not-an-address', 'a@', '', `${'x'.repeat(250)}@example.org`]) {
      const res = await postForm(h.app, '/subscribe', [['address', address]])
      assert.equal(res.status, 422, address)
      assert.match(await res.text(), /Invalid subscription/)
    }
    const unknownComponent = await postForm(h.app, '/subscribe', [['address', 'a@example.org'], ['components', 'nope']])
    assert.equal(unknownComponent.status, 422)
    assert.match(await unknownComponent.text(), /no public component/)
    assert.equal(await queued(), 0)
  })

  test('unknown confirm, unsubscribe and manage links answer 404', async () => {
    for (const path of ['/subscriptions/confirm/nope', '/subscriptions/unsubscribe/nope', '/subscriptions/manage/nope']) {
      const res = path.includes('confirm') ? await h.app.request(path, { method: 'POST' }) : await h.app.request(path)
      assert.equal(res.status, 404, path)
      assert.match(await res.text(), /Unknown link/)
    }
    assert.equal((await postForm(h.app, '/subscriptions/unsubscribe/nope', [['List-Unsubscribe', 'One-Click']])).status, 404)
  })

  test('an expired confirmation link answers 410 and confirms nothing', async () => {
    assert.equal((await postForm(h.app, '/subscribe', [['address', 'late@example.org']])).status, 202)
    assert.equal(await queued(), 1)
    const [row] = await h.store.subscriptions.list()
    h.clock.advance(2 * 3_600_000)
    // The token is only in the mail; rebuild it the way the sender does (same key file).
    const confirm = linkTokens(loadLinkKey(undefined, h.dataDir)).confirm(row!.id, row!.confirmSentAt!)
    const res = await h.app.request(`/subscriptions/confirm/${confirm}`, { method: 'POST' })
    assert.equal(res.status, 410)
    assert.match(await res.text(), /expired/)
    assert.equal((await h.store.subscriptions.get(row!.id))!.confirmedAt, null)
  })

  test('a flood answers 429 with Retry-After', async () => {
    let status = 0
    let retryAfter: string | null = null
    for (let attempt = 0; attempt < 40 && status !== 429; attempt += 1) {
      const res = await postForm(h.app, '/subscribe', [['address', `flood${attempt}@example.org`]])
      status = res.status
      retryAfter = res.headers.get('retry-after')
    }
    assert.equal(status, 429)
    assert.ok(Number(retryAfter) >= 1)
  })
})
