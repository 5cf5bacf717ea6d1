import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startWriteApi, type WriteApi } from '../api-writes/support.js'

const T0 = Date.parse('2026-12-07T10:00:00Z')

describe('the audit trail through /api/v1', () => {
  let api: WriteApi
  /** The chain position before the five entries (issuing the test tokens recorded entries too). */
  let base: number
  before(async () => {
    api = await startWriteApi()
    base = (await api.store.audit.head()).seq
    for (let n = 0; n < 5; n++) {
      await api.store.writeDeclared((tx) =>
        tx.audit.append({ at: T0 + n * 60_000, actor: n % 2 === 0 ? 'oncall' : 'deploy-bot', action: 'incident.update', objectType: 'incident', objectId: `inc-${n % 2}`, before: null, after: { n }, door: 'api' }),
      )
    }
  })
  after(() => api.dispose())

  test('admin only: anonymous 401, operator 403, admin 200', async () => {
    assert.equal((await api.call('anonymous', 'GET', '/api/v1/audit')).status, 401)
    assert.equal((await api.call('operator', 'GET', '/api/v1/audit')).status, 403)
    assert.equal((await api.call('operator', 'GET', '/api/v1/audit/export')).status, 403)
    assert.equal((await api.call('admin', 'GET', '/api/v1/audit')).status, 200)
  })

  test('pages follow the chain with a cursor; filters by actor, object and time', async () => {
    type Page = { items: { seq: number; actor: string; at: string; hash: string; prevHash: string }[]; nextCursor: string | null }
    const first = (await (await api.call('admin', 'GET', '/api/v1/audit?limit=2&objectType=incident')).json()) as Page
    assert.deepEqual(first.items.map((item) => item.seq - base), [1, 2])
    assert.equal(first.items[1]!.prevHash, first.items[0]!.hash)
    const second = (await (await api.call('admin', 'GET', `/api/v1/audit?limit=2&objectType=incident&cursor=${first.nextCursor}`)).json()) as Page
    assert.deepEqual(second.items.map((item) => item.seq - base), [3, 4])
    const last = (await (await api.call('admin', 'GET', `/api/v1/audit?limit=2&objectType=incident&cursor=${second.nextCursor}`)).json()) as Page
    assert.deepEqual([last.items.map((item) => item.seq - base), last.nextCursor], [[5], null])
    const bots = (await (await api.call('admin', 'GET', '/api/v1/audit?actor=deploy-bot')).json()) as Page
    assert.deepEqual(bots.items.map((item) => item.seq - base), [2, 4])
    const ranged = (await (await api.call('admin', 'GET', '/api/v1/audit?objectId=inc-0&from=2026-12-07T10:01:00Z&to=2026-12-07T10:04:00Z')).json()) as Page
    assert.deepEqual(ranged.items.map((item) => [item.seq - base, item.at]), [[3, '2026-12-07T10:02:00.000Z']])
    assert.equal((await api.call('admin', 'GET', '/api/v1/audit?cursor=forged')).status, 422)
    assert.equal((await api.call('admin', 'GET', '/api/v1/audit?from=yesterday')).status, 400)
  })

  test('export answers JSON Lines or CSV', async () => {
    const jsonl = await api.call('admin', 'GET', '/api/v1/audit/export?actor=oncall')
    assert.equal(jsonl.headers.get('content-type'), 'application/x-ndjson')
    assert.deepEqual((await jsonl.text()).trimEnd().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq - base), [1, 3, 5])
    const csv = await api.call('admin', 'GET', '/api/v1/audit/export?format=csv&objectType=incident')
    assert.match(csv.headers.get('content-type')!, /^text\/csv/)
    assert.equal((await csv.text()).split('\r\n').length, 7, 'header, five entries, final empty string')
  })

  test('no route edits or deletes an entry: the OpenAPI document has only GET under /audit, and other methods are refused', async () => {
    const document = (await (await api.call('anonymous', 'GET', '/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    const auditPaths = Object.entries(document.paths).filter(([path]) => path.startsWith('/audit'))
    assert.deepEqual(auditPaths.map(([path]) => path).sort(), ['/audit', '/audit/export'])
    for (const [path, operations] of auditPaths) assert.deepEqual(Object.keys(operations), ['get'], path)
    const id = (await api.store.audit.page({ limit: 1 }))[0]!.id
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/api/v1/audit', `/api/v1/audit/${id}`]) assert.ok([404, 405].includes((await api.call('admin', method, path, {})).status), `${method} ${path}`)
    }
    assert.equal((await api.store.audit.page({ objectType: 'incident', limit: 10 })).length, 5)
  })
})
