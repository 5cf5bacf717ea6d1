/**
 * Erasure on request (GDPR): a subscriber who signed up, confirmed, was sent mail that its server
 * refused (the refusal echoing the address lower-cased into the delivery error) and then used
 * "Unsubscribe and delete my data" on the manage page leaves no trace of the address in any
 * column of any table.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { linkTokens, loadLinkKey, SUBSCRIPTION_PATHS } from '../../src/subscriptions/index.js'
import { rawDb } from '../audit/raw-db.js'
import { postForm, startHarness, type SubscriptionHarness } from '../subscriptions/support.js'
import { startRejectingSmtp, type RejectingSmtp } from './rejecting-smtp.js'

const PLANTED = 'Planted.Canary+7f3a@Example.org'

/** Every table's rows as JSON text, by table. */
async function everyTable(dataDir: string): Promise<Map<string, string>> {
  const raw = rawDb({ dataDir })
  try {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(raw)
    const dump = new Map<string, string>()
    for (const { name } of tables.rows) dump.set(name, JSON.stringify(await raw.selectFrom(name).selectAll().execute()))
    return dump
  } finally {
    await raw.destroy()
  }
}

function holding(dump: Map<string, string>, needle: string): string[] {
  const forms = [needle, encodeURIComponent(needle)].map((form) => form.toLowerCase())
  return [...dump].filter(([, text]) => forms.some((form) => text.toLowerCase().includes(form))).map(([table]) => table)
}

describe('delete my data', () => {
  let smtp: RejectingSmtp
  let h: SubscriptionHarness
  before(async () => {
    smtp = await startRejectingSmtp()
    h = await startHarness({ email: { from: 'status@example.org', smtp: { host: '127.0.0.1', port: smtp.port } } })
  })
  after(async () => {
    await h?.dispose()
    await smtp?.close()
  })

  test('after the manage page\'s delete, no table holds the address in any form', async () => {
    assert.equal((await postForm(h.app, '/subscribe', [['address', PLANTED], ['components', 'compute']])).status, 202)
    await h.drain()
    const row = (await h.store.subscriptions.list())[0]!
    const tokens = linkTokens(loadLinkKey(undefined, h.dataDir))
    const confirmed = await h.app.request(SUBSCRIPTION_PATHS.confirm(tokens.confirm(row.id, row.confirmSentAt!)), { method: 'POST' })
    assert.equal(confirmed.status, 200, await confirmed.clone().text())
    const incident = await h.api('operator', 'POST', '/api/v1/incidents', { title: 'compute is slow', text: 'Looking into it', impacts: [{ component: 'compute', severity: 50 }], notify: true })
    assert.equal(incident.status, 201, await incident.clone().text())
    await h.drain()
    assert.deepEqual(smtp.refused.map((address) => address.toLowerCase()), [PLANTED, PLANTED].map((address) => address.toLowerCase()), 'the confirmation and the notice were tried and refused')
    const before = await everyTable(h.dataDir)
    assert.deepEqual(holding(before, PLANTED), ['subscriptions'], 'while subscribed, only the subscriber row holds the address (the refusals were redacted)')

    const manage = await h.app.request(SUBSCRIPTION_PATHS.manage(tokens.manage(row.id)))
    assert.equal(manage.status, 200)
    assert.match(await manage.text(), /delete my data/)
    const deleted = await postForm(h.app, SUBSCRIPTION_PATHS.unsubscribe(tokens.manage(row.id)), [])
    assert.equal(deleted.status, 200)

    const after = await everyTable(h.dataDir)
    assert.deepEqual(holding(after, PLANTED), [], 'tables still holding the address')
    assert.deepEqual(holding(after, row.id).filter((table) => table === 'outbox' || table === 'subscriptions'), [], 'nor its delivery records')
  })
})
