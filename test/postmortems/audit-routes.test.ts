/**
 * An audit entry for every postmortem write route: the routes come from the API's own OpenAPI
 * document (so a write route added later without a recipe fails here), each gets a valid call,
 * and the audit trail must grow by one postmortem entry naming the token.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startWriteApi, type WriteApi } from '../api-writes/support.js'

describe('audit entries for every postmortem write route', () => {
  let api: WriteApi
  before(async () => {
    api = await startWriteApi()
  })
  after(() => api.dispose())

  test('each write route records exactly one entry, actor = token name', async () => {
    const document = (await (await api.call('anonymous', 'GET', '/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    const writeRoutes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/postmortems'))
      .flatMap(([path, item]) => Object.keys(item).filter((method) => method !== 'get').map((method) => `${method.toUpperCase()} ${path}`))
      .sort()
    const call = async (method: string, path: string, body: unknown) => {
      const res = await api.call('operator', method, `/api/v1${path}`, body)
      const answer = (await res.json()) as Record<string, any>
      assert.ok(res.status < 400, `${method} ${path}: ${res.status} ${JSON.stringify(answer)}`)
      return answer
    }
    const began = new Date(Date.now() - 3_600_000).toISOString()
    const incident = await call('POST', '/incidents', { title: 'Boots fail', text: 'Fixed', phase: 'resolved', beganAt: began, impacts: [{ component: 'compute', location: 'R1', severity: 70 }], notify: false })
    let current: Record<string, any> = {}
    const recipes: Record<string, () => Promise<Record<string, any>>> = {
      'POST /postmortems': () => call('POST', '/postmortems', { incidentIds: [incident.id], sections: { tldr: 'Servers failed to start.' } }),
      'PATCH /postmortems/{id}': () => call('PATCH', `/postmortems/${current.id}`, { revision: current.revision, sections: { rootCause: 'A full disk.' } }),
      'POST /postmortems/{id}/refresh': () => call('POST', `/postmortems/${current.id}/refresh`, { revision: current.revision }),
      'POST /postmortems/{id}/transition': () => call('POST', `/postmortems/${current.id}/transition`, { to: 'in_review', revision: current.revision }),
    }
    assert.deepEqual(writeRoutes, Object.keys(recipes).sort(), 'every postmortem write route has a recipe')
    for (const [route, run] of Object.entries(recipes)) {
      const before = await api.store.audit.list({ objectType: 'postmortem' })
      current = await run()
      const added = (await api.store.audit.list({ objectType: 'postmortem' })).slice(before.length)
      assert.deepEqual(added.map((event) => [event.objectId, event.actor, event.door]), [[current.id, 'oncall', 'api']], route)
    }
  })
})
