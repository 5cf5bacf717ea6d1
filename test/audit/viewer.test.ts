/**
 * The operator audit viewer `/operator/audit` through `app.request`: admin only, filters,
 * paging, readable diffs, the chain verdict (intact and after tampering) and the exports.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { issueToken } from '../../src/api/auth/index.js'
import type { Store } from '../../src/store/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'
import { rawDb } from './raw-db.js'
import { formBrowser, type FormBrowser } from './write-routes-support.js'

const T0 = Date.parse('2026-12-07T10:00:00Z')

describe('the operator audit viewer', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>
  let store: Store
  let admin: FormBrowser
  let operator: FormBrowser
  const page = async (browser: FormBrowser, path: string) => {
    const response = await browser.get(path)
    return { status: response.status, html: await response.text() }
  }

  before(async () => {
    temp = await tempStore()
    store = temp.store
    const app = testServerApp(store)
    const now = Date.now()
    const rootToken = (await issueToken(store.tokens, { name: 'root', scope: 'admin' }, { now, createdBy: 'test' })).token
    const oncallToken = (await issueToken(store.tokens, { name: 'oncall', scope: 'operator' }, { now, createdBy: 'test' })).token
    for (let n = 0; n < 60; n++) {
      const before = n === 0 ? null : { title: `Title ${n - 1}`, phase: 'identified' }
      await store.writeDeclared((tx) =>
        tx.audit.append({ at: T0 + n * 60_000, actor: n % 2 === 0 ? 'alice' : 'deploy-bot', action: 'incident.update', objectType: 'incident', objectId: `inc-${n % 3}`, before, after: { title: `Title ${n}`, phase: 'identified' }, door: 'api' }),
      )
    }
    admin = formBrowser(app)
    operator = formBrowser(app)
    assert.equal((await admin.signIn(rootToken)).status, 303)
    assert.equal((await operator.signIn(oncallToken)).status, 303)
  })
  after(() => temp.dispose())

  test('admin only: an operator token gets 403 and no link; an admin sees the link', async () => {
    const refused = await page(operator, '/operator/audit')
    assert.equal(refused.status, 403)
    assert.match(refused.html, /needs a token of scope admin/)
    assert.doesNotMatch((await page(operator, '/operator')).html, /href="\/operator\/audit"/)
    assert.equal((await operator.get('/operator/audit/export?format=csv')).status, 403)
    assert.equal((await operator.get('/operator/audit/verify')).status, 403)
    assert.match((await page(admin, '/operator')).html, /<a href="\/operator\/audit">Audit trail<\/a>/)
    assert.equal((await formBrowser(testServerApp(store)).get('/operator/audit')).status, 303, 'no session: to the sign-in page')
  })

  test('filters by object, actor and time; the sign-ins are entries too', async () => {
    const sessions = await page(admin, '/operator/audit?objectType=session')
    assert.match(sessions.html, /session\.sign-in/)
    assert.doesNotMatch(sessions.html, /incident\.update/)
    const bot = await page(admin, '/operator/audit?objectType=incident&actor=deploy-bot&objectId=inc-1&from=2026-12-07T10:00&to=2026-12-07T10:20')
    const seqs = [...bot.html.matchAll(/<tr id="entry-(\d+)">/g)].map((match) => Number(match[1]))
    const first = (await store.audit.page({ objectType: 'incident', limit: 1 }))[0]!.seq
    assert.deepEqual(seqs, [1, 7, 13, 19].map((n) => first + n), 'odd n (deploy-bot) with n % 3 == 1 in the first 20 minutes')
    const bad = await page(admin, '/operator/audit?from=yesterday')
    assert.equal(bad.status, 400)
    assert.match(bad.html, /from: expected a date and time such as 2026-12-07T10:30 \(UTC\), not &quot;yesterday&quot;/)
  })

  test('each entry shows its before/after as a diff of the changed fields only', async () => {
    const { html } = await page(admin, '/operator/audit?objectType=incident&objectId=inc-1&from=2026-12-07T10:01&to=2026-12-07T10:02')
    assert.match(html, /<td><code>title<\/code><\/td><td><del>&quot;Title 0&quot;<\/del><\/td><td><ins>&quot;Title 1&quot;<\/ins><\/td>/)
    assert.doesNotMatch(html, /<code>phase<\/code>/, 'an unchanged field is not a row')
  })

  test('pages of 50 with a link to the next page', async () => {
    const first = await page(admin, '/operator/audit?objectType=incident')
    assert.equal([...first.html.matchAll(/<tr id="entry-/g)].length, 50)
    const next = /<a href="([^"]+)" rel="next">/.exec(first.html)?.[1]?.replaceAll('&amp;', '&')
    assert.ok(next !== undefined, 'a next link')
    const second = await page(admin, next)
    assert.equal([...second.html.matchAll(/<tr id="entry-/g)].length, 10)
    assert.doesNotMatch(second.html, /rel="next"/)
    const jump = /<a href="([^"]+)">Jump to the newest/.exec(first.html)?.[1]?.replaceAll('&amp;', '&')
    const head = (await store.audit.head()).seq
    assert.equal(jump, `/operator/audit?objectType=incident&after=${head - 50}`)
    const newest = [...(await page(admin, jump)).html.matchAll(/<tr id="entry-(\d+)">/g)].map((match) => Number(match[1]))
    assert.ok(newest.length > 0 && newest.every((seq) => seq > head - 50))
  })

  test('exports the filtered entries as JSON Lines and CSV', async () => {
    const jsonl = await admin.get('/operator/audit/export?format=jsonl&objectType=incident&actor=alice')
    assert.equal(jsonl.headers.get('content-type'), 'application/x-ndjson')
    assert.match(jsonl.headers.get('content-disposition')!, /attachment; filename="audit.jsonl"/)
    const lines = (await jsonl.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as { actor: string })
    assert.equal(lines.length, 30)
    assert.ok(lines.every((line) => line.actor === 'alice'))
    const csv = await admin.get('/operator/audit/export?format=csv&objectType=incident')
    assert.match(csv.headers.get('content-type')!, /^text\/csv/)
    assert.equal((await csv.text()).split('\r\n').length, 62, 'header, 60 entries, final empty string')
    assert.equal((await admin.get('/operator/audit/export?format=xml')).status, 400)
    assert.match(await (await admin.get('/operator/audit')).text(), /href="\/operator\/audit\/export\?format=csv"/)
  })

  test('"Verify chain" shows the verdict: intact, then where it breaks after tampering', async () => {
    const intact = await page(admin, '/operator/audit/verify')
    assert.equal(intact.status, 200)
    assert.match(intact.html, /Chain intact: \d+ entries, head \d+ <code>[0-9a-f]{64}<\/code>/)
    const victim = (await store.audit.page({ objectType: 'incident', limit: 3 }))[2]!
    const raw = rawDb({ dataDir: temp.dir })
    try {
      await raw.updateTable('audit_events').set({ actor: 'someone-else' }).where('id', '=', victim.id).execute()
    } finally {
      await raw.destroy()
    }
    const broken = await page(admin, '/operator/audit/verify')
    assert.equal(broken.status, 409)
    assert.match(broken.html, new RegExp(`Chain broken at entry ${victim.seq} \\(id ${victim.id}\\): its content does not match its hash`))
  })
})
