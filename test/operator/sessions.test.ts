/**
 * Operator sessions: the token is exchanged once for a cookie with the right flags; sessions end
 * on idle, at their absolute end, on logout and when the token is revoked; the JSON APIs never
 * take the cookie; a reporter token cannot sign in.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startOperatorUi, type OperatorUi } from './support.js'

const HOUR = 3_600_000

function sessionCookieLine(lines: string[]): string {
  const line = lines.find((entry) => entry.startsWith('gh_operator_session=') && !/max-age=0/i.test(entry))
  assert.ok(line, `a session cookie was set: ${lines.join(' | ')}`)
  return line
}

describe('operator sessions', () => {
  let ui: OperatorUi
  before(async () => {
    ui = await startOperatorUi({ page: { trustedProxies: ['10.0.0.1'] } })
  })
  after(() => ui.dispose())

  it('exchanges an operator token for an HttpOnly, SameSite=Strict cookie on /operator, storing only its hash', async () => {
    const browser = ui.browser()
    const response = await browser.signIn(ui.tokens.operator)
    assert.equal(response.status, 303)
    assert.equal(response.headers.get('location'), '/operator')
    const line = sessionCookieLine(browser.setCookies)
    assert.match(line, /; HttpOnly/)
    assert.match(line, /; SameSite=Strict/)
    assert.match(line, /; Path=\/operator/)
    assert.doesNotMatch(line, /Secure/, 'no Secure over plain http')
    const id = browser.cookies.get('gh_operator_session')!
    assert.equal(await ui.store.operatorSessions.byHash(id), null, 'the id itself is not a key')
    assert.ok(await ui.store.operatorSessions.byHash(createHash('sha256').update(id).digest('hex')))
    const dashboard = await browser.get('/operator')
    assert.equal(dashboard.status, 200)
    const html = await dashboard.text()
    assert.match(html, /Compute/)
    assert.ok(!html.includes(ui.tokens.operator), 'the token is never shown')
  })

  it('sets Secure when a trusted proxy says the browser came over TLS, and only then', async () => {
    const proxied = ui.browser({ peer: '10.0.0.1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' } })
    await proxied.signIn(ui.tokens.operator)
    assert.match(sessionCookieLine(proxied.setCookies), /; Secure/)
    const spoofed = ui.browser({ peer: '192.0.2.50', headers: { 'x-forwarded-proto': 'https' } })
    await spoofed.signIn(ui.tokens.operator)
    assert.doesNotMatch(sessionCookieLine(spoofed.setCookies), /Secure/)
    const direct = ui.browser({ base: 'https://status.example' })
    await direct.signIn(ui.tokens.operator)
    assert.match(sessionCookieLine(direct.setCookies), /; Secure/)
  })

  it('sends the security headers on every operator page', async () => {
    const response = await ui.browser().get('/operator/sign-in')
    const csp = response.headers.get('content-security-policy') ?? ''
    assert.match(csp, /frame-ancestors 'none'/)
    assert.doesNotMatch(csp, /script-src|unsafe-inline/)
    assert.match(csp, /default-src 'none'/)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.equal(response.headers.get('referrer-policy'), 'same-origin')
    assert.doesNotMatch(await response.text(), /<script/)
    const missing = await ui.browser().get('/operator/no-such-page')
    assert.equal(missing.status, 404)
    assert.match(missing.headers.get('content-type') ?? '', /text\/html/)
    assert.equal(missing.headers.get('cache-control'), 'no-store')
  })

  it('ends a session after 8 h without a request, and keeps an active one', async () => {
    const idle = ui.browser()
    await idle.signIn(ui.tokens.operator)
    const active = ui.browser()
    await active.signIn(ui.tokens.operator)
    ui.clock.advance(7 * HOUR)
    assert.equal((await active.get('/operator')).status, 200)
    ui.clock.advance(HOUR + 1)
    const expired = await idle.get('/operator')
    assert.equal(expired.status, 303)
    assert.equal(expired.headers.get('location'), '/operator/sign-in?next=%2Foperator')
    assert.equal((await active.get('/operator')).status, 200, 'the active session lives on')
  })

  it('ends every session at its absolute lifetime however active', async () => {
    const short = await startOperatorUi({ operator: { sessionIdleTimeout: 2 * HOUR, sessionMaxLifetime: 3 * HOUR } })
    try {
      const browser = short.browser()
      await browser.signIn(short.tokens.operator)
      short.clock.advance(1.5 * HOUR)
      assert.equal((await browser.get('/operator')).status, 200)
      short.clock.advance(1.5 * HOUR)
      assert.equal((await browser.get('/operator')).status, 303)
    } finally {
      await short.dispose()
    }
  })

  it('signs out: the row is deleted and the old cookie no longer works', async () => {
    const browser = ui.browser()
    await browser.signIn(ui.tokens.operator)
    const id = browser.cookies.get('gh_operator_session')!
    const csrf = await browser.csrfOf('/operator')
    const response = await browser.post('/operator/sign-out', { _csrf: csrf })
    assert.equal(response.status, 303)
    assert.equal(await ui.store.operatorSessions.byHash(createHash('sha256').update(id).digest('hex')), null)
    assert.equal(browser.cookies.has('gh_operator_session'), false)
    const replay = ui.browser()
    replay.cookies.set('gh_operator_session', id)
    assert.equal((await replay.get('/operator')).status, 303)
  })

  it('ends the sessions of a revoked token at the next request', async () => {
    const other = await startOperatorUi()
    try {
      const browser = other.browser()
      await browser.signIn(other.tokens.admin)
      assert.equal((await browser.get('/operator')).status, 200)
      await other.store.tokens.revoke(other.tokenIds.admin, other.clock.now())
      assert.equal((await browser.get('/operator')).status, 303)
      assert.equal(await other.store.operatorSessions.deleteForToken(other.tokenIds.admin), 0, 'its rows are gone')
    } finally {
      await other.dispose()
    }
  })

  it('refuses a reporter token and records the refusal without the token', async () => {
    const browser = ui.browser({ peer: '192.0.2.77' })
    const response = await browser.signIn(ui.tokens.reporter)
    assert.equal(response.status, 401)
    assert.match(await response.text(), /scope reporter may not sign in/)
    assert.equal(browser.cookies.has('gh_operator_session'), false)
    const [latest] = await ui.store.operatorSessions.signIns(1)
    assert.deepEqual([latest?.outcome, latest?.tokenName, latest?.client], ['refused', 'probe-agent', '192.0.2.77'])
    assert.ok(!ui.logged.some((line) => line.includes(ui.tokens.reporter)))
  })

  it('refuses a revoked token and returns only to paths under /operator', async () => {
    const other = await startOperatorUi()
    try {
      await other.store.tokens.revoke(other.tokenIds.operator, other.clock.now())
      const refused = await other.browser().signIn(other.tokens.operator)
      assert.equal(refused.status, 401)
      assert.match(await refused.text(), /token revoked/)
      for (const next of ['https://evil.example/', '//evil.example/operator', '/api/v1/tokens']) {
        const browser = other.browser()
        const csrf = await browser.csrfOf('/operator/sign-in')
        const response = await browser.post('/operator/sign-in', { _csrf: csrf, token: other.tokens.admin, next })
        assert.equal(response.headers.get('location'), '/operator', next)
      }
      const browser = other.browser()
      const csrf = await browser.csrfOf('/operator/sign-in?next=%2Foperator%2Fcatalog')
      assert.equal((await browser.post('/operator/sign-in', { _csrf: csrf, token: other.tokens.admin, next: '/operator/catalog' })).headers.get('location'), '/operator/catalog')
    } finally {
      await other.dispose()
    }
  })

  it('never lets the session cookie authorise the JSON APIs', async () => {
    const browser = ui.browser()
    await browser.signIn(ui.tokens.admin)
    const cookie = `gh_operator_session=${browser.cookies.get('gh_operator_session')}`
    const body = JSON.stringify({ title: 'Cookie attack', text: 'x', impacts: [] })
    const api = await ui.app.request('/api/v1/incidents', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body })
    assert.equal(api.status, 401)
    const scs = await ui.app.request('/scs/incidents', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body })
    assert.equal(scs.status, 401)
    assert.equal((await ui.store.incidents.open()).length, 0)
  })
})
