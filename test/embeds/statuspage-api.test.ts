/**
 * The Statuspage-compatible `/api/v2`: every document has Statuspage's fields with the right
 * types and value sets; states, incidents and maintenance land where an aggregator looks for
 * them; retracted and simulated objects never appear; CORS, ETag and cache headers; nothing
 * internal leaks.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { PUBLIC_CACHE_CONTROL, STATUSPAGE_PATHS } from '../../src/api/statuspage/index.js'
import { embedFixture, MARKERS, type EmbedFixture } from './fixture.js'

type Json = Record<string, unknown>
type FieldType = 'string' | 'number' | 'boolean' | 'iso' | 'iso|null' | 'string|null' | 'array' | 'null' | readonly string[]

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/

function checkField(where: string, value: unknown, type: FieldType): void {
  if (Array.isArray(type)) return assert.ok(type.includes(value as string), `${where}: ${JSON.stringify(value)} not in ${type.join('|')}`)
  if (type === 'iso|null' && value === null) return
  if (type === 'string|null' && value === null) return
  if (type === 'iso' || type === 'iso|null') return assert.match(String(value), ISO, where)
  if (type === 'array') return assert.ok(Array.isArray(value), `${where}: not an array`)
  if (type === 'null') return assert.equal(value, null, where)
  assert.equal(typeof value, type === 'string|null' ? 'string' : type, `${where}: ${JSON.stringify(value)}`)
}

/** Every field of `shape` present with its type; no field beyond `shape` and `optional`. */
function checkShape(where: string, object: unknown, shape: Record<string, FieldType>, optional: Record<string, FieldType> = {}): void {
  assert.equal(typeof object, 'object', where)
  const record = object as Json
  for (const [field, type] of Object.entries(shape)) {
    assert.ok(field in record, `${where}: missing ${field}`)
    checkField(`${where}.${field}`, record[field], type)
  }
  for (const field of Object.keys(record)) {
    assert.ok(field in shape || field in optional, `${where}: unexpected field ${field}`)
    if (field in optional) checkField(`${where}.${field}`, record[field], optional[field]!)
  }
}

const PAGE = { id: 'string', name: 'string', url: 'string', time_zone: 'string', updated_at: 'iso' } as const
const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const
const COMPONENT = {
  id: 'string', name: 'string', status: COMPONENT_STATUSES, created_at: 'iso', updated_at: 'iso', position: 'number', description: 'string|null',
  showcase: 'boolean', start_date: 'iso|null', group_id: 'string|null', page_id: 'string', group: 'boolean', only_show_if_degraded: 'boolean',
} as const
const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const
const UPDATE = {
  id: 'string', status: 'string', body: 'string', incident_id: 'string', created_at: 'iso', updated_at: 'iso', display_at: 'iso',
  affected_components: 'null', deliver_notifications: 'boolean', custom_tweet: 'null', tweet_id: 'null',
} as const
const INCIDENT_FIELDS = {
  id: 'string', name: 'string', created_at: 'iso', updated_at: 'iso', monitoring_at: 'iso|null', resolved_at: 'iso|null', impact: IMPACTS,
  shortlink: 'string', started_at: 'iso', page_id: 'string', incident_updates: 'array', components: 'array',
} as const
const INCIDENT = { ...INCIDENT_FIELDS, status: ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] } as const
const MAINTENANCE = { ...INCIDENT_FIELDS, status: ['scheduled', 'in_progress', 'verifying', 'completed'], scheduled_for: 'iso', scheduled_until: 'iso' } as const

function checkIncident(where: string, incident: Json, shape: Record<string, FieldType>): void {
  checkShape(where, incident, shape)
  for (const [i, update] of (incident.incident_updates as Json[]).entries()) {
    checkShape(`${where}.incident_updates[${i}]`, update, UPDATE)
    checkField(`${where}.incident_updates[${i}].status`, update.status, shape.status!)
  }
  for (const [i, component] of (incident.components as Json[]).entries()) checkShape(`${where}.components[${i}]`, component, COMPONENT, { components: 'array' })
}

describe('Statuspage-compatible /api/v2', () => {
  let fixture: EmbedFixture
  before(async () => {
    fixture = await embedFixture()
  })
  after(() => fixture.dispose())

  const json = async (path: string): Promise<Json> => {
    const res = await fixture.request(path)
    assert.equal(res.status, 200, path)
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, path)
    const body = (await res.json()) as Json
    checkShape(`${path} page`, body.page, PAGE)
    return body
  }
  const ids = (list: unknown) => (list as Json[]).map((item) => item.id)

  test('summary.json: page, components, unresolved incidents, upcoming and active maintenance, status', async () => {
    const summary = await json('/api/v2/summary.json')
    assert.deepEqual(Object.keys(summary).sort(), ['components', 'incidents', 'page', 'scheduled_maintenances', 'status'])
    checkShape('status', summary.status, { indicator: ['none', 'minor', 'major', 'critical', 'maintenance'], description: 'string' })
    assert.deepEqual(summary.status, { indicator: 'critical', description: 'Major System Outage' })
    assert.deepEqual(ids(summary.incidents), [fixture.ids.degraded])
    assert.deepEqual(ids(summary.scheduled_maintenances), [fixture.ids.active, fixture.ids.upcoming])
    assert.equal((summary.page as Json).url, 'https://status.example.com')
  })

  test('components.json: one group per component, one component per (component, location), states from the state table', async () => {
    const { components } = await json('/api/v2/components.json')
    for (const [i, component] of (components as Json[]).entries()) checkShape(`components[${i}]`, component, COMPONENT, { components: 'array' })
    const byId = new Map((components as Json[]).map((component) => [component.id, component]))
    assert.deepEqual([...byId.keys()], ['compute', 'compute@R1', 'compute@R2', 'storage', 'storage@global'])
    assert.deepEqual(byId.get('compute')?.components, ['compute@R1', 'compute@R2'])
    assert.equal(byId.get('compute')?.group, true)
    assert.equal(byId.get('compute@R1')?.group_id, 'compute')
    assert.equal(byId.get('compute@R1')?.name, 'Compute (R1)')
    assert.equal(byId.get('compute@R1')?.status, 'major_outage')
    assert.equal(byId.get('compute@R2')?.status, 'under_maintenance')
    assert.equal(byId.get('storage@global')?.status, 'degraded_performance', 'a declared degradation shows degraded_performance')
    assert.equal(byId.get('storage')?.status, 'degraded_performance')
  })

  test('status.json: the indicator and its words', async () => {
    const body = await json('/api/v2/status.json')
    assert.deepEqual(Object.keys(body).sort(), ['page', 'status'])
    assert.deepEqual(body.status, { indicator: 'critical', description: 'Major System Outage' })
  })

  test('incidents.json: newest first with updates, impact and permalink; retracted and simulated-only left out', async () => {
    const { incidents } = await json('/api/v2/incidents.json')
    for (const [i, incident] of (incidents as Json[]).entries()) checkIncident(`incidents[${i}]`, incident, INCIDENT)
    assert.deepEqual(ids(incidents), [fixture.ids.degraded, fixture.ids.resolved])
    const [open, resolved] = incidents as Json[]
    assert.equal(open!.status, 'identified')
    assert.equal(open!.impact, 'minor')
    assert.equal(open!.resolved_at, null)
    assert.equal(open!.shortlink, `https://status.example.com/incidents/${fixture.ids.degraded}`)
    assert.deepEqual((open!.incident_updates as Json[]).map((update) => [update.status, update.body]), [['identified', 'We found a slow disk.'], ['investigating', 'Uploads are slow.']])
    assert.deepEqual(ids(open!.components), ['storage@global'])
    assert.equal(resolved!.status, 'resolved')
    assert.equal(resolved!.impact, 'critical')
    assert.match(String(resolved!.resolved_at), ISO)
    assert.match(String(resolved!.monitoring_at), ISO)
  })

  test('incidents/unresolved.json: the open incident only', async () => {
    const { incidents } = await json('/api/v2/incidents/unresolved.json')
    for (const [i, incident] of (incidents as Json[]).entries()) checkIncident(`unresolved[${i}]`, incident, INCIDENT)
    assert.deepEqual(ids(incidents), [fixture.ids.degraded])
  })

  test('scheduled-maintenances.json, upcoming.json, active.json: windows with scheduled_for/until; cancelled left out', async () => {
    const all = (await json('/api/v2/scheduled-maintenances.json')).scheduled_maintenances as Json[]
    for (const [i, window] of all.entries()) checkIncident(`scheduled_maintenances[${i}]`, window, MAINTENANCE)
    assert.deepEqual(new Set(ids(all)), new Set([fixture.ids.upcoming, fixture.ids.active]))
    const upcoming = (await json('/api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances as Json[]
    assert.deepEqual(ids(upcoming), [fixture.ids.upcoming])
    assert.equal(upcoming[0]!.status, 'scheduled')
    assert.equal(upcoming[0]!.impact, 'maintenance')
    assert.deepEqual(ids(upcoming[0]!.components), ['storage@global'])
    assert.ok(Date.parse(String(upcoming[0]!.scheduled_until)) > Date.parse(String(upcoming[0]!.scheduled_for)))
    const active = (await json('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances as Json[]
    assert.deepEqual(ids(active), [fixture.ids.active])
    assert.equal(active[0]!.status, 'in_progress')
    assert.deepEqual(ids(active[0]!.components), ['compute@R2'])
  })

  test('every route: ETag, public cache headers, 304 on If-None-Match, CORS for browsers, no internal data', async () => {
    assert.equal(STATUSPAGE_PATHS.length, 8)
    for (const path of STATUSPAGE_PATHS) {
      const res = await fixture.request(path, { origin: 'https://aggregator.example.net' })
      assert.equal(res.status, 200, path)
      assert.equal(res.headers.get('cache-control'), PUBLIC_CACHE_CONTROL, path)
      assert.equal(res.headers.get('access-control-allow-origin'), '*', path)
      const etag = res.headers.get('etag')
      assert.match(etag ?? '', /^"[^"]+"$/, path)
      const body = await res.text()
      for (const marker of MARKERS) assert.ok(!body.includes(marker), `${path} leaks ${marker}`)
      for (const hidden of [fixture.ids.retracted, fixture.ids.simulated, fixture.ids.cancelled, fixture.ids.simulatedWindow, 'demo@sim', 'Demo cloud']) assert.ok(!body.includes(hidden), `${path} shows ${hidden}`)
      assert.equal((await fixture.request(path, { 'if-none-match': etag! })).status, 304, path)
    }
    const preflight = await fixture.request('/api/v2/summary.json', { origin: 'https://a.example', 'access-control-request-method': 'GET' }, 'OPTIONS')
    assert.equal(preflight.status, 204)
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*')
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET, HEAD, OPTIONS')
  })

  test('the planted markers really are stored (so the greps above can fail)', async () => {
    const privateView = JSON.stringify([...(await fixture.store.results.latestByCheck(5)).values()])
    for (const marker of ['marker-request-5d2e', 'marker-failure-77ab', 'marker-reason-3c4d']) assert.ok(privateView.includes(marker), marker)
    const audit = JSON.stringify(await fixture.store.audit.list({ objectType: 'incident', objectId: fixture.ids.degraded }))
    assert.ok(audit.includes('marker-actor-0e6f'))
    assert.ok(JSON.stringify(await fixture.store.checks.list()).includes('marker-target-9f1c'))
    assert.ok((await fixture.store.incidents.get(fixture.ids.retracted)) !== null, 'the retracted incident is stored')
  })
})
