/**
 * What the entries of sign-ins, tokens, subscriptions and config loads keep — and what they
 * never keep: addresses, token secrets, webhook secrets, client addresses, config secrets. A
 * deletion entry does not re-store what was deleted.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { recordConfigLoad } from '../../src/audit/index.js'
import { ConfigSchema } from '../../src/config/index.js'
import type { ChainedAuditEvent } from '../../src/store/index.js'
import { addressHash, linkTokens, loadLinkKey } from '../../src/subscriptions/index.js'
import { postForm, startHarness, type SubscriptionHarness } from '../subscriptions/support.js'
import { tempStore } from '../support/temp-store.js'
import { formBrowser } from './write-routes-support.js'

const ADDRESS = 'Reader.Canary@Example.org'

describe('audit entries outside the declared model', () => {
  let h: SubscriptionHarness
  const all = async () => h.store.audit.page({ limit: 1000 })
  const ofAction = async (action: string) => (await all()).filter((entry) => entry.action === action)
  const text = (entries: ChainedAuditEvent[]) => JSON.stringify(entries)

  before(async () => {
    h = await startHarness({ email: { from: 'status@example.com', smtp: { host: '127.0.0.1', port: 9 } } })
  })
  after(() => h.dispose())

  test('a subscriber: create, confirm and unsubscribe by the address hash only; the deletion keeps only the kind', async () => {
    assert.equal((await postForm(h.app, '/subscribe', [['address', ADDRESS]])).status, 202)
    const row = (await h.store.subscriptions.list('email'))[0]!
    const keys = linkTokens(loadLinkKey(undefined, h.dataDir))
    assert.equal((await postForm(h.app, `/subscriptions/confirm/${keys.confirm(row.id, row.confirmSentAt!)}`, [])).status, 200)
    assert.equal((await postForm(h.app, `/subscriptions/unsubscribe/${keys.manage(row.id)}`, [])).status, 200)
    const entries = (await all()).filter((entry) => entry.objectType === 'subscription' && entry.objectId === row.id)
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor, entry.door]), [
      ['subscription.create', 'subscriber', 'api'],
      ['subscription.confirm', 'subscriber', 'api'],
      ['subscription.delete', 'subscriber', 'api'],
    ])
    assert.doesNotMatch(text(entries), new RegExp(addressHash(ADDRESS)), 'not even the address hash: the consent record stays in the subscription row')
    assert.equal((entries[1]!.after as { confirmed: boolean }).confirmed, true)
    assert.deepEqual([entries[2]!.before, entries[2]!.after], [{ kind: 'email', format: 'email' }, null])
    assert.doesNotMatch(text(await all()).toLowerCase(), /reader\.canary/, 'the address appears in no entry')
  })

  test('subscribing again after the resend window renews the confirmation, recorded by the subscription id', async () => {
    assert.equal((await postForm(h.app, '/subscribe', [['address', 'renew.canary@example.org']])).status, 202)
    h.clock.advance(11 * 60_000)
    assert.equal((await postForm(h.app, '/subscribe', [['address', 'renew.canary@example.org']])).status, 202)
    const renewed = await ofAction('subscription.renew')
    assert.equal(renewed.length, 1)
    const row = (await h.store.subscriptions.list('email')).find((candidate) => candidate.addressHash === addressHash('renew.canary@example.org'))!
    assert.equal(renewed[0]!.objectId, row.id)
    assert.doesNotMatch(text(await all()), /renew\.canary/)
    assert.doesNotMatch(text(await all()), new RegExp(addressHash('renew.canary@example.org')))
  })

  test('a webhook: the target with secret query values redacted, never the signing secret', async () => {
    const created = await h.api('operator', 'POST', '/api/v1/subscriptions', { name: 'Ops', url: 'https://93.184.215.14/hook?token=canary-token-77&team=ops' })
    assert.equal(created.status, 201)
    const { secret, id } = (await created.json()) as { secret: string; id: string }
    const [entry] = (await ofAction('subscription.create')).filter((one) => one.objectId === id)
    assert.equal(entry!.actor, 'oncall')
    assert.equal((entry!.after as { target: string }).target, 'https://93.184.215.14/hook?token=***&team=ops')
    assert.equal((await h.api('operator', 'DELETE', `/api/v1/subscriptions/${id}`)).status, 204)
    const all_ = text(await all())
    assert.ok(!all_.includes(secret) && !all_.includes('canary-token-77'))
  })

  test('tokens: create and revoke by the admin, never the secret or its hash; a second revoke records nothing', async () => {
    const issued = await h.api('admin', 'POST', '/api/v1/tokens', { name: 'ci-canary', scope: 'reporter' })
    const { id, token } = (await issued.json()) as { id: string; token: string }
    for (let attempt = 0; attempt < 2; attempt++) assert.equal((await h.api('admin', 'POST', `/api/v1/tokens/${id}/revoke`)).status, 200)
    const entries = (await all()).filter((entry) => entry.objectType === 'token' && entry.objectId === id)
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor]), [['token.create', 'root'], ['token.revoke', 'root']])
    assert.ok(!text(entries).includes(token))
    assert.ok(!('hash' in (entries[0]!.after as object)))
  })

  test('sign-in, refused sign-in of a known token, sign-out; unknown tokens and client addresses stay out', async () => {
    const before = (await h.store.audit.head()).seq
    const browser = formBrowser(h.app)
    const reporter = (await (await h.api('admin', 'POST', '/api/v1/tokens', { name: 'probe-canary', scope: 'reporter' })).json()) as { token: string }
    assert.equal((await browser.signIn(reporter.token)).status, 401)
    assert.equal((await browser.signIn('gh_unknownunknownunknownunknownunknown')).status, 401)
    assert.equal((await browser.signIn(h.tokens.operator)).status, 303)
    assert.equal((await browser.post('/operator/sign-out', {})).status, 303)
    const entries = (await h.store.audit.page({ afterSeq: before, limit: 100 })).filter((entry) => entry.objectType === 'session')
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor]), [['session.sign-in-failed', 'probe-canary'], ['session.sign-in', 'oncall'], ['session.sign-out', 'oncall']])
    assert.match((entries[0]!.after as { reason: string }).reason, /scope reporter may not sign in/)
    assert.ok(!text(entries).includes('127.0.0.1'), 'no client address')
    assert.equal((await h.store.operatorSessions.signIns(10)).length, 4, 'every attempt stays in operator_sign_ins')
  })
})

describe('config.reload entries', () => {
  const canary = 'canary-secret-42'
  const config = (checks: unknown[]) => ConfigSchema.parse({ checks, components: [{ name: 'site', displayName: 'Site', feeds: [{ check: 'web' }] }] })
  const web = (interval: string, header = `Bearer ${canary}`) => ({ name: 'web', kind: 'http', url: `https://user:${canary}@example.org/?api_key=${canary}`, interval, headers: { Authorization: header, 'X-Note': canary } })

  test('start-up records once per change, a reload always; names only, no secret', async () => {
    const temp = await tempStore()
    try {
      const { store } = temp
      const first = config([web('1m')])
      assert.equal((await recordConfigLoad(store, { config: first, secrets: [canary], trigger: 'start-up', at: 1 }))?.previous, false)
      assert.equal(await recordConfigLoad(store, { config: first, secrets: [canary], trigger: 'start-up', at: 2 }), null, 'an unchanged start-up records nothing')
      const changed = config([web('2m'), { name: 'api', kind: 'tcp', host: 'example.org', port: 443 }])
      const summary = await recordConfigLoad(store, { config: changed, secrets: [canary], trigger: 'reload', at: 3 })
      assert.deepEqual(summary, { previous: true, sections: ['checks'], checks: { added: ['api'], removed: [], changed: ['web'] }, components: { added: [], removed: [], changed: [] } })
      const unchanged = await recordConfigLoad(store, { config: changed, secrets: [canary], trigger: 'reload', at: 4 })
      assert.deepEqual(unchanged?.sections, [], 'a reload without change is still recorded')
      const entries = await store.audit.page({ objectType: 'config', limit: 10 })
      assert.deepEqual(entries.map((entry) => [entry.action, entry.actor, entry.door, (entry.after as { trigger: string }).trigger]), [
        ['config.reload', 'config', 'config', 'start-up'],
        ['config.reload', 'config', 'config', 'reload'],
        ['config.reload', 'config', 'config', 'reload'],
      ])
      assert.ok(!JSON.stringify(entries).includes(canary))
    } finally {
      await temp.dispose()
    }
  })
})
