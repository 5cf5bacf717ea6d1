/**
 * CSRF: every POST route under /operator — read from the app's own route table, so a form added
 * later cannot escape — refuses a request without the session's token, or with a wrong one,
 * with a 403 page, and nothing changes. The sign-in form is bound to its nonce cookie.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startOperatorUi, type Browser, type OperatorUi } from './support.js'

describe('operator CSRF protection', () => {
  let ui: OperatorUi
  let browser: Browser
  let incidentId: string
  let postRoutes: string[]

  /** Everything a refused request could have changed. */
  const footprint = async () => ({
    audit: (await ui.store.audit.list({ limit: 10_000 })).length,
    signIns: (await ui.store.operatorSessions.signIns(10_000)).length,
    open: (await ui.store.incidents.open()).map((row) => `${row.id}:${row.title}:${row.phase}`),
  })

  before(async () => {
    ui = await startOperatorUi()
    browser = ui.browser()
    await browser.signIn(ui.tokens.admin)
    const created = await browser.post('/operator/incidents', {
      _csrf: await browser.csrfOf('/operator'),
      title: 'Seed incident',
      text: 'Seed',
      phase: 'investigating',
      notify: 'no',
    })
    assert.match(created.headers.get('location') ?? '', /^\/operator\/incidents\/[0-9a-f-]{36}$/)
    incidentId = created.headers.get('location')!.split('/').at(-1)!
    postRoutes = [...new Set(ui.app.routes.filter((route) => route.method === 'POST' && route.path.startsWith('/operator/')).map((route) => route.path))]
  })
  after(() => ui.dispose())

  it('finds the form routes in the route table', () => {
    for (const path of ['/operator/sign-in', '/operator/sign-out', '/operator/state', '/operator/incidents', '/operator/incidents/:id/updates', '/operator/incidents/:id/title', '/operator/incidents/:id/resolve', '/operator/catalog/components', '/operator/catalog/severities/:name', '/operator/catalog/templates/:id/delete', '/operator/maintenance']) {
      assert.ok(postRoutes.includes(path), `${path} is registered (${postRoutes.join(', ')})`)
    }
  })

  it('refuses every POST route without the token or with a wrong one, and changes nothing', async () => {
    const fields = { title: 'Changed', text: 'Changed', phase: 'resolved', notify: 'yes', component: 'compute', location: 'de-1', level: 'broken', token: ui.tokens.admin }
    const before = await footprint()
    for (const route of postRoutes) {
      const path = route.replace(/:[A-Za-z]+/g, incidentId)
      for (const csrf of [undefined, 'wrong-token', `${(await browser.csrfOf('/operator')).slice(0, -1)}x`]) {
        const response = await browser.post(path, csrf === undefined ? fields : { ...fields, _csrf: csrf })
        assert.equal(response.status, 403, `${route} with ${csrf ?? 'no token'}`)
        assert.match(await response.text(), /nothing was changed/)
      }
    }
    assert.deepEqual(await footprint(), before)
    assert.equal((await browser.get('/operator')).status, 200, 'still signed in: sign-out was refused too')
  })

  it('refuses a token of another session', async () => {
    const other = ui.browser()
    await other.signIn(ui.tokens.operator)
    const foreign = await other.csrfOf('/operator')
    const response = await browser.post(`/operator/incidents/${incidentId}/title`, { _csrf: foreign, title: 'Hijacked' })
    assert.equal(response.status, 403)
    assert.equal((await ui.store.incidents.get(incidentId))?.title, 'Seed incident')
  })

  it('binds the sign-in form to its nonce cookie', async () => {
    const fresh = ui.browser()
    const csrf = await fresh.csrfOf('/operator/sign-in')
    const stranger = ui.browser()
    const response = await stranger.post('/operator/sign-in', { _csrf: csrf, token: ui.tokens.operator })
    assert.equal(response.status, 403)
    assert.equal(stranger.cookies.has('gh_operator_session'), false)
  })
})
