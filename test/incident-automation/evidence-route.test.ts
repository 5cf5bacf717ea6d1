import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createStatusReader } from '../../src/status/index.js'
import { DIALECTS, dialectParts, sampleResult, withStore } from '../store/harness.js'
import { testServerApp } from '../support/server-app.js'
import { COMPUTE_R1, MINUTE, publish, rig, seed, T0 } from './support.js'

const parts = dialectParts()
const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } }
const remote = { incoming: { socket: { remoteAddress: '203.0.113.9' } } }
const json = (res: Response): Promise<any> => res.json()

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`incident evidence route on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('pinned evaluations and results with request ids, paged; loopback only; bad input is a problem', () =>
      withStore(dialect, async (store) => {
        const checks = await seed(store, T0 - 3 * 60 * MINUTE)
        const at = (minutes: number) => T0 + minutes * MINUTE
        await store.results.insertBatch([
          ...[-120, -30, -10, 1].map((minutes) => ({ checkId: checks.get('compute-r1')!, result: sampleResult(at(minutes), { ok: minutes < -20 }) })),
          { checkId: checks.get('network-r1')!, result: sampleResult(at(-10)) },
        ])
        await publish(store, COMPUTE_R1, 'operational', at(-120))
        await publish(store, COMPUTE_R1, 'operational', at(-20))
        await publish(store, COMPUTE_R1, 'major_outage', T0)
        const { automation, clock } = rig(store, at(2))
        await automation.reconcile()
        const [incident] = await store.incidents.open()
        clock.set(at(3))
        const app = testServerApp(store, { status: createStatusReader({ store, clock }) })
        const path = `/api/v1/incidents/${incident!.id}/evidence`

        assert.equal((await app.request(path, {}, remote)).status, 403)
        const first = await json(await app.request(`${path}?limit=2`, {}, loopback))
        assert.deepEqual(first.pins.map((pin: { check: string | null }) => pin.check).sort(), ['compute-r1', null])
        assert.deepEqual(first.evaluations.items.map((e: { at: string; measured: string }) => [e.at, e.measured]), [[new Date(at(-20)).toISOString(), 'operational'], [new Date(T0).toISOString(), 'major_outage']])
        assert.equal(first.evaluations.nextCursor, null)
        const flag = first.evaluations.items[1].flags[0]
        assert.deepEqual([flag.flag, flag.value, flag.window.to], ['down', 3, new Date(T0).toISOString()])
        assert.equal(first.results.items.length, 2)
        const rest = await json(await app.request(`${path}?limit=2&cursor=${first.results.nextCursor}`, {}, loopback))
        assert.equal(rest.evaluations, null, 'a results cursor continues the results only')
        assert.equal(rest.results.nextCursor, null)
        const walked = [...first.results.items, ...rest.results.items]
        assert.deepEqual(walked.map((r: { calls: { requestId: string }[] }) => r.calls[0]!.requestId), [-30, -10, 1].map((minutes) => `req-${at(minutes)}`))
        assert.ok(walked.every((r: { checkId: string }) => r.checkId === checks.get('compute-r1')), 'an unaffected check is not pinned')

        const missing = await app.request('/api/v1/incidents/0190e7a0-0000-7000-8000-000000000000/evidence', {}, loopback)
        assert.equal(missing.status, 404)
        assert.equal(missing.headers.get('content-type'), 'application/problem+json')
        assert.equal((await app.request(`${path}?cursor=Zm9yZ2Vk`, {}, loopback)).status, 422)
        assert.equal((await app.request(`${path}?limit=0`, {}, loopback)).status, 400)
        const spec = await json(await app.request('/api/v1/openapi.json'))
        assert.ok(spec.paths['/incidents/{id}/evidence'], 'documented in OpenAPI')
      }))
  })
}
