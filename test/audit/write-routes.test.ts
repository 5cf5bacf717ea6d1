/**
 * Audit entries for every write route: every non-GET route of the app — read from its own route
 * table, so a write route added later without audit fails here — gets a valid call, and the hash
 * chain must grow by an entry naming the caller (token name, `subscriber`). Routes that write
 * nothing auditable are listed with the reason.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { linkTokens, loadLinkKey } from '../../src/subscriptions/index.js'
import { postForm, startHarness, type SubscriptionHarness } from '../subscriptions/support.js'
import { entriesAfter, formBrowser, postedFields, type FormBrowser } from './write-routes-support.js'

/** Routes that record no audit entry, each with why. */
const NOT_AUDITED: Record<string, string> = {
  'POST /api/v1/heartbeats/:check': 'measurement ingestion: stored as a probe result, the evidence itself, not a change of the declared model',
  'POST /api/v1/beacons': 'measurement ingestion: stored as probe results (health beacons), like heartbeats',
  'PATCH /scs/incidents/:incidentId/updates/:updateOrder': 'answers 501: published updates are never edited (retract and post a new one)',
}

type Caller = 'oncall' | 'root' | 'subscriber'

interface Recipe {
  route: string
  /** The actor the new entry must name. */
  actor: Caller
  run(): Promise<Response>
}

const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()
const utcField = (ms: number) => iso(ms).slice(0, 16)

describe('audit entries for every write route', () => {
  let h: SubscriptionHarness
  let browser: FormBrowser
  const ids: Record<string, string> = {}
  const json = async (response: Response) => (await response.clone().json()) as Record<string, any>
  const api = (as: Caller, method: string, path: string, body?: unknown) => h.api(as === 'root' ? 'admin' : 'operator', method, path, body)
  /** Keeps an id from a successful answer for the recipes after it. */
  const keep = (key: string, pick: (body: Record<string, any>) => string) => async (response: Response) => {
    if (response.status < 400) ids[key] = pick(await json(response))
    return response
  }

  before(async () => {
    h = await startHarness({ email: { from: 'status@example.com', smtp: { host: '127.0.0.1', port: 9 } } })
    browser = formBrowser(h.app)
  })
  after(() => h.dispose())

  const recipes = (): Recipe[] => {
    const now = h.clock.now()
    const scs = (as: Caller, method: string, path: string, body?: unknown) => api(as, method, `/scs${path}`, body)
    const incidentBody = { title: 'Instances fail to start', beganAt: iso(now - 10 * 60_000), impacts: [{ component: 'compute', location: 'R1', severity: 70 }], text: 'Looking into it' }
    return [
      { route: 'POST /operator/sign-in', actor: 'root', run: () => browser.signIn(h.tokens.admin) },
      { route: 'POST /api/v1/tokens', actor: 'root', run: () => api('root', 'POST', '/api/v1/tokens', { name: 'ci-deploy', scope: 'reporter' }).then(keep('token', (b) => b.id)) },
      { route: 'POST /api/v1/tokens/:id/revoke', actor: 'root', run: () => api('root', 'POST', `/api/v1/tokens/${ids.token}/revoke`) },
      { route: 'POST /api/v1/components', actor: 'oncall', run: () => api('oncall', 'POST', '/api/v1/components', { displayName: 'Object Storage' }) },
      { route: 'PATCH /api/v1/components/:name', actor: 'oncall', run: () => api('oncall', 'PATCH', '/api/v1/components/object-storage', { displayName: 'Object Storage (S3)' }) },
      { route: 'DELETE /api/v1/components/:name', actor: 'oncall', run: () => api('oncall', 'DELETE', '/api/v1/components/object-storage') },
      { route: 'POST /api/v1/incidents', actor: 'oncall', run: () => api('oncall', 'POST', '/api/v1/incidents', incidentBody).then(keep('incident', (b) => b.id)) },
      { route: 'PATCH /api/v1/incidents/:id', actor: 'oncall', run: () => api('oncall', 'PATCH', `/api/v1/incidents/${ids.incident}`, { title: 'Instances fail to boot' }) },
      { route: 'POST /api/v1/incidents/:id/updates', actor: 'oncall', run: () => api('oncall', 'POST', `/api/v1/incidents/${ids.incident}/updates`, { text: 'Found it', phase: 'identified' }) },
      { route: 'PUT /api/v1/incidents/:id/impacts', actor: 'oncall', run: () => api('oncall', 'PUT', `/api/v1/incidents/${ids.incident}/impacts`, { component: 'compute', location: 'R1', severity: 40 }) },
      { route: 'DELETE /api/v1/incidents/:id/impacts', actor: 'oncall', run: () => api('oncall', 'DELETE', `/api/v1/incidents/${ids.incident}/impacts?component=compute&location=R1`) },
      { route: 'DELETE /api/v1/incidents/:id/updates/:order', actor: 'oncall', run: () => api('oncall', 'DELETE', `/api/v1/incidents/${ids.incident}/updates/2?reason=${encodeURIComponent('Wrong incident')}`) },
      { route: 'DELETE /api/v1/incidents/:id', actor: 'oncall', run: () => api('oncall', 'DELETE', `/api/v1/incidents/${ids.incident}`, { reason: 'Posted for the wrong region' }) },
      {
        route: 'POST /api/v1/maintenance', actor: 'oncall',
        run: () => api('oncall', 'POST', '/api/v1/maintenance', { title: 'Router upgrade', components: [{ component: 'network' }], start: iso(now + 48 * HOUR), end: iso(now + 49 * HOUR), notify: false }).then(keep('maintenance', (b) => b.id)),
      },
      { route: 'PATCH /api/v1/maintenance/:id', actor: 'oncall', run: () => api('oncall', 'PATCH', `/api/v1/maintenance/${ids.maintenance}`, { title: 'Core router upgrade' }) },
      { route: 'POST /api/v1/maintenance/:id/cancel', actor: 'oncall', run: () => api('oncall', 'POST', `/api/v1/maintenance/${ids.maintenance}/cancel`) },
      {
        route: 'POST /api/v1/maintenance-series', actor: 'oncall',
        run: () => api('oncall', 'POST', '/api/v1/maintenance-series', { title: 'Sunday patching', components: [{ component: 'network' }], duration: '2h', schedule: { weekdays: ['sun'], at: '02:00', timeZone: 'UTC' } }).then(keep('series', (b) => b.id)),
      },
      { route: 'PATCH /api/v1/maintenance-series/:id', actor: 'oncall', run: () => api('oncall', 'PATCH', `/api/v1/maintenance-series/${ids.series}`, { duration: '1h' }) },
      { route: 'POST /api/v1/maintenance-series/:id/cancel', actor: 'oncall', run: () => api('oncall', 'POST', `/api/v1/maintenance-series/${ids.series}/cancel`) },
      { route: 'POST /api/v1/templates', actor: 'oncall', run: () => api('oncall', 'POST', '/api/v1/templates', { name: 'compute-boot', title: 'Instances fail to start', text: 'We are looking into it.' }).then(keep('template', (b) => b.id)) },
      { route: 'PATCH /api/v1/templates/:id', actor: 'oncall', run: () => api('oncall', 'PATCH', `/api/v1/templates/${ids.template}`, { title: 'Instances fail to boot' }) },
      { route: 'DELETE /api/v1/templates/:id', actor: 'oncall', run: () => api('oncall', 'DELETE', `/api/v1/templates/${ids.template}`) },
      { route: 'POST /api/v1/notices', actor: 'oncall', run: () => api('oncall', 'POST', '/api/v1/notices', { title: 'Portal move', text: 'The portal moves.', start: iso(now + HOUR), end: iso(now + 2 * HOUR) }).then(keep('notice', (b) => b.id)) },
      { route: 'PATCH /api/v1/notices/:id', actor: 'oncall', run: () => api('oncall', 'PATCH', `/api/v1/notices/${ids.notice}`, { title: 'Portal moves' }) },
      { route: 'DELETE /api/v1/notices/:id', actor: 'oncall', run: () => api('oncall', 'DELETE', `/api/v1/notices/${ids.notice}`) },
      { route: 'POST /api/v1/subscriptions', actor: 'oncall', run: () => api('oncall', 'POST', '/api/v1/subscriptions', { format: 'slack', name: 'Ops chat', url: 'https://93.184.215.14/hook' }).then(keep('webhook', (b) => b.id)) },
      { route: 'PATCH /api/v1/subscriptions/:id', actor: 'oncall', run: () => api('oncall', 'PATCH', `/api/v1/subscriptions/${ids.webhook}`, { name: 'Ops channel' }) },
      { route: 'DELETE /api/v1/subscriptions/:id', actor: 'oncall', run: () => api('oncall', 'DELETE', `/api/v1/subscriptions/${ids.webhook}`) },
      { route: 'POST /subscribe', actor: 'subscriber', run: () => postForm(h.app, '/subscribe', [['address', 'reader@example.org']]) },
      {
        route: 'POST /subscriptions/confirm/:token', actor: 'subscriber',
        run: async () => {
          const row = (await h.store.subscriptions.list('email'))[0]!
          ids.subscriber = row.id
          return postForm(h.app, `/subscriptions/confirm/${linkTokens(loadLinkKey(undefined, h.dataDir)).confirm(row.id, row.confirmSentAt!)}`, [])
        },
      },
      { route: 'POST /subscriptions/unsubscribe/:token', actor: 'subscriber', run: () => postForm(h.app, `/subscriptions/unsubscribe/${linkTokens(loadLinkKey(undefined, h.dataDir)).manage(ids.subscriber!)}`, []) },
      { route: 'POST /scs/phases', actor: 'oncall', run: () => scs('oncall', 'POST', '/phases', { phases: ['Scheduled', 'Investigation ongoing', 'Working on it', 'Done'] }) },
      { route: 'POST /scs/severities', actor: 'oncall', run: () => scs('oncall', 'POST', '/severities', { displayName: 'minor', value: 10 }) },
      { route: 'PATCH /scs/severities/:severityName', actor: 'oncall', run: () => scs('oncall', 'PATCH', '/severities/minor', { value: 20 }) },
      { route: 'DELETE /scs/severities/:severityName', actor: 'oncall', run: () => scs('oncall', 'DELETE', '/severities/minor') },
      { route: 'POST /scs/impacttypes', actor: 'oncall', run: () => scs('oncall', 'POST', '/impacttypes', { displayName: 'Slow Boot' }).then(keep('type', (b) => b.id)) },
      { route: 'PATCH /scs/impacttypes/:impactTypeId', actor: 'oncall', run: () => scs('oncall', 'PATCH', `/impacttypes/${ids.type}`, { displayName: 'Slow Boots' }) },
      { route: 'POST /scs/components', actor: 'oncall', run: () => scs('oncall', 'POST', '/components', { displayName: 'Block Storage', labels: {} }).then(keep('scsComponent', (b) => b.id)) },
      { route: 'PATCH /scs/components/:componentId', actor: 'oncall', run: () => scs('oncall', 'PATCH', `/components/${ids.scsComponent}`, { labels: { region: 'R3' } }) },
      {
        route: 'POST /scs/incidents', actor: 'oncall',
        run: () => scs('oncall', 'POST', '/incidents', { displayName: 'Slow volumes', beganAt: iso(now - HOUR), affects: [{ type: ids.type, reference: ids.scsComponent, severity: 40 }] }).then(keep('scsIncident', (b) => b.id)),
      },
      { route: 'PATCH /scs/incidents/:incidentId', actor: 'oncall', run: () => scs('oncall', 'PATCH', `/incidents/${ids.scsIncident}`, { displayName: 'Slow block volumes' }) },
      { route: 'POST /scs/incidents/:incidentId/updates', actor: 'oncall', run: () => scs('oncall', 'POST', `/incidents/${ids.scsIncident}/updates`, { displayName: 'Cause', description: 'A disk shelf.' }).then(keep('scsUpdate', (b) => String(b.order))) },
      { route: 'DELETE /scs/incidents/:incidentId/updates/:updateOrder', actor: 'oncall', run: () => scs('oncall', 'DELETE', `/incidents/${ids.scsIncident}/updates/${ids.scsUpdate}`) },
      { route: 'DELETE /scs/incidents/:incidentId', actor: 'oncall', run: () => scs('oncall', 'DELETE', `/incidents/${ids.scsIncident}?reason=${encodeURIComponent('Posted twice')}`) },
      { route: 'DELETE /scs/impacttypes/:impactTypeId', actor: 'oncall', run: () => scs('oncall', 'DELETE', `/impacttypes/${ids.type}`) },
      { route: 'DELETE /scs/components/:componentId', actor: 'oncall', run: () => scs('oncall', 'DELETE', `/components/${ids.scsComponent}`) },
      { route: 'POST /operator/state', actor: 'root', run: () => browser.post('/operator/state', { component: 'network', location: 'global', level: 'broken' }) },
      {
        route: 'POST /operator/incidents', actor: 'root',
        run: async () => {
          const response = await browser.post('/operator/incidents', { title: 'API errors', text: 'Looking', phase: 'investigating', notify: 'no' })
          ids.formIncident = response.headers.get('location')?.split('/').at(-1) ?? ''
          return response
        },
      },
      { route: 'POST /operator/incidents/:id/updates', actor: 'root', run: () => browser.post(`/operator/incidents/${ids.formIncident}/updates`, { text: 'Found it', phase: 'identified', notify: 'no' }) },
      { route: 'POST /operator/incidents/:id/title', actor: 'root', run: () => browser.post(`/operator/incidents/${ids.formIncident}/title`, { title: 'API errors in de-1' }) },
      { route: 'POST /operator/incidents/:id/resolve', actor: 'root', run: () => browser.post(`/operator/incidents/${ids.formIncident}/resolve`, { text: 'Fixed', notify: 'no' }) },
      {
        route: 'POST /operator/maintenance', actor: 'root',
        run: () => browser.post('/operator/maintenance', { title: 'Router swap', component: 'network', start: utcField(now + 48 * HOUR), end: utcField(now + 49 * HOUR), timeZone: 'UTC', notify: 'no', confirm: 'yes' }),
      },
      {
        route: 'POST /operator/maintenance/:id', actor: 'root',
        run: async () => {
          const window = (await h.store.maintenance.list({ limit: 100 })).find((row) => row.title === 'Router swap')!
          ids.formWindow = window.id
          return browser.post(`/operator/maintenance/${window.id}`, { title: 'Core router swap', component: 'network', start: utcField(now + 48 * HOUR), end: utcField(now + 50 * HOUR), timeZone: 'UTC', notify: 'no', confirm: 'yes' })
        },
      },
      { route: 'POST /operator/maintenance/:id/cancel', actor: 'root', run: () => browser.post(`/operator/maintenance/${ids.formWindow}/cancel`, { notify: 'no' }) },
      {
        route: 'POST /operator/maintenance/series', actor: 'root',
        run: () => browser.post('/operator/maintenance/series', { title: 'Wednesday patching', component: 'compute', duration: '90m', kind: 'weekdays', weekday: ['wed'], at: '03:00', cron: '', timeZone: 'UTC', notify: 'no', confirm: 'yes' }),
      },
      {
        route: 'POST /operator/maintenance/series/:id', actor: 'root',
        run: async () => {
          const series = (await h.store.maintenanceSeries.list()).find((row) => row.title === 'Wednesday patching')!
          ids.formSeries = series.id
          return browser.post(`/operator/maintenance/series/${series.id}`, { title: 'Wednesday patches', component: 'compute', duration: '1h', kind: 'cron', cron: '0 4 * * wed', at: '', timeZone: 'UTC', notify: 'no', confirm: 'yes' })
        },
      },
      { route: 'POST /operator/maintenance/series/:id/cancel', actor: 'root', run: () => browser.post(`/operator/maintenance/series/${ids.formSeries}/cancel`, { notify: 'no' }) },
      { route: 'POST /operator/catalog/components', actor: 'root', run: () => browser.post('/operator/catalog/components', { displayName: 'Archive Storage' }) },
      {
        route: 'POST /operator/catalog/components/:id', actor: 'root',
        run: async () => {
          ids.formComponent = (await h.store.components.list()).find((row) => row.name === 'archive-storage')!.id
          return browser.post(`/operator/catalog/components/${ids.formComponent}`, { displayName: 'Archive Storage (cold)' })
        },
      },
      { route: 'POST /operator/catalog/components/:id/archive', actor: 'root', run: () => browser.post(`/operator/catalog/components/${ids.formComponent}/archive`, {}) },
      { route: 'POST /operator/catalog/impact-types', actor: 'root', run: () => browser.post('/operator/catalog/impact-types', { displayName: 'Slow responses' }) },
      {
        route: 'POST /operator/catalog/impact-types/:id', actor: 'root',
        run: async () => {
          ids.formType = (await h.store.catalog.impactTypes()).find((row) => row.displayName === 'Slow responses')!.id
          return browser.post(`/operator/catalog/impact-types/${ids.formType}`, { displayName: 'Performance degradation' })
        },
      },
      { route: 'POST /operator/catalog/impact-types/:id/delete', actor: 'root', run: () => browser.post(`/operator/catalog/impact-types/${ids.formType}/delete`, {}) },
      { route: 'POST /operator/catalog/severities', actor: 'root', run: () => browser.post('/operator/catalog/severities', { displayName: 'minor', value: '20' }) },
      { route: 'POST /operator/catalog/severities/:name', actor: 'root', run: () => browser.post('/operator/catalog/severities/minor', { value: '25' }) },
      { route: 'POST /operator/catalog/severities/:name/delete', actor: 'root', run: () => browser.post('/operator/catalog/severities/minor/delete', {}) },
      { route: 'POST /operator/catalog/phases', actor: 'root', run: () => browser.post('/operator/catalog/phases', { names: 'Investigating\nFix in progress\nMonitoring\nResolved' }) },
      {
        route: 'POST /operator/catalog/templates', actor: 'root',
        run: () => browser.post('/operator/catalog/templates', { name: 'db-slow', title: 'Database slow', text: 'Queries are slow.', phase: 'identified', impacts: 'compute de-1 50 Slow queries' }),
      },
      {
        route: 'POST /operator/catalog/templates/:id', actor: 'root',
        run: async () => {
          ids.formTemplate = (await h.store.templates.list()).find((row) => row.name === 'db-slow')!.id
          return browser.post(`/operator/catalog/templates/${ids.formTemplate}`, { name: 'db-slow', title: 'Database very slow', text: 'Queries are slow.', phase: 'identified', impacts: 'network global 70' })
        },
      },
      { route: 'POST /operator/catalog/templates/:id/delete', actor: 'root', run: () => browser.post(`/operator/catalog/templates/${ids.formTemplate}/delete`, {}) },
      ...postmortemRecipes(),
      { route: 'POST /operator/sign-out', actor: 'root', run: () => browser.post('/operator/sign-out', {}) },
    ]
  }

  /** Postmortem writes (audited by the postmortem service) through the API and the operator forms. */
  const postmortemRecipes = (): Recipe[] => {
    const revision = async (id: string) => String(((await json(await api('oncall', 'GET', `/api/v1/postmortems/${id}`))) as { revision: number }).revision)
    const resolvedIncident = async () => {
      const body = { title: 'Boots fail', text: 'Fixed', phase: 'resolved', beganAt: iso(h.clock.now() - HOUR), impacts: [{ component: 'compute', location: 'R1', severity: 70 }], notify: false }
      return (await json(await api('oncall', 'POST', '/api/v1/incidents', body))).id as string
    }
    const viaApi = (path: string, body: (id: string, revision: number) => unknown, method = 'POST'): Recipe['run'] => async () => api('oncall', method, `/api/v1/postmortems/${ids.postmortem}${path}`, body(ids.postmortem!, Number(await revision(ids.postmortem!))))
    const viaForm = (path: string, fields: Record<string, string>): Recipe['run'] => async () => browser.post(`/operator/postmortems/${ids.formPostmortem}${path}`, { revision: await revision(ids.formPostmortem!), ...fields })
    return [
      { route: 'POST /api/v1/postmortems', actor: 'oncall', run: async () => api('oncall', 'POST', '/api/v1/postmortems', { incidentIds: [await resolvedIncident()], sections: { tldr: 'Servers failed to start.' } }).then(keep('postmortem', (b) => b.id)) },
      { route: 'PATCH /api/v1/postmortems/:id', actor: 'oncall', run: viaApi('', (_id, revision) => ({ revision, sections: { rootCause: 'A full disk.' } }), 'PATCH') },
      { route: 'POST /api/v1/postmortems/:id/refresh', actor: 'oncall', run: viaApi('/refresh', (_id, revision) => ({ revision })) },
      { route: 'POST /api/v1/postmortems/:id/transition', actor: 'oncall', run: viaApi('/transition', (_id, revision) => ({ to: 'in_review', revision })) },
      {
        route: 'POST /operator/postmortems', actor: 'root',
        run: async () => {
          const response = await browser.post('/operator/postmortems', { incident: await resolvedIncident() })
          ids.formPostmortem = response.headers.get('location')?.split('/').at(-1) ?? ''
          return response
        },
      },
      {
        route: 'POST /operator/postmortems/:id', actor: 'root',
        run: async () => {
          const editor = `/operator/postmortems/${ids.formPostmortem}`
          const fields = postedFields(await (await browser.get(editor)).text(), editor)
          return browser.post(editor, { ...fields, tldr: 'Servers failed to start for an hour.' })
        },
      },
      { route: 'POST /operator/postmortems/:id/refresh', actor: 'root', run: viaForm('/refresh', {}) },
      { route: 'POST /operator/postmortems/:id/transition', actor: 'root', run: viaForm('/transition', { to: 'in_review' }) },
    ]
  }

  test('every write route has a recipe here or a reason not to audit', () => {
    const known = new Set([...recipes().map((recipe) => recipe.route), ...Object.keys(NOT_AUDITED)])
    const routes = [...new Set(h.app.routes.filter((route) => !['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(route.method)).map((route) => `${route.method} ${route.path}`))]
    assert.ok(routes.length >= 70, `found only ${routes.length} write routes`)
    const missing = routes.filter((route) => !known.has(route))
    assert.deepEqual(missing, [], 'write routes without an audit recipe: give each a valid call below (and make it record an entry)')
  })

  test('each valid call grows the chain by an entry naming its caller', async () => {
    const silent: string[] = []
    for (const recipe of recipes()) {
      const head = await h.store.audit.head()
      const response = await recipe.run()
      const entries = await entriesAfter(h.store, head.seq)
      if (!entries.some((entry) => entry.actor === recipe.actor)) {
        silent.push(`${recipe.route} → ${response.status} ${response.headers.get('location') ?? ''} ${(await response.text()).slice(0, 200)}; new entries: ${entries.map((entry) => `${entry.action}/${entry.actor}`).join(', ') || 'none'}`)
      }
    }
    assert.deepEqual(silent, [])
  })
})
