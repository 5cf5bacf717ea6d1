import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { ProbeResult } from '../../src/core/index.js'
import type { Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, sampleResult, withStore } from './harness.js'

const parts = dialectParts()
const T0 = 1_763_800_000_000

async function twoChecks(store: Store): Promise<[string, string]> {
  const rows = await store.checks.sync(
    ['a', 'b'].map((name) => ({ name, kind: 'http', displayName: name, definition: {} })),
    T0,
  )
  return [rows[0]!.id, rows[1]!.id]
}

function strip<T extends { id: string; checkId: string }>(stored: T): Omit<T, 'id' | 'checkId'> {
  const { id: _id, checkId: _checkId, ...rest } = stored
  return rest
}

const failed: ProbeResult = sampleResult(T0 + 5, {
  ok: false,
  durationMs: 1500.0004,
  steps: [
    { name: 'login', status: 'passed', reason: null, durationMs: 0.001 },
    { name: 'list', status: 'failed', reason: 'status 503', durationMs: 1499.9, code: 'http_5xx', service: 'compute' },
    { name: 'cleanup', status: 'skipped', reason: 'an earlier step failed', durationMs: 0 },
  ],
  calls: [
    { operation: 'POST /v3/auth/tokens', status: 201, durationMs: 40.5, phases: { connect: 1.1, ttfb: 39 }, requestId: null, attempt: 1 },
    { operation: 'GET /servers', status: null, durationMs: 1459.25, phases: {}, requestId: 'req-x', attempt: 2 },
  ],
  conditions: [{ condition: 'status == 200', ok: false, actual: '503' }],
  failure: { code: 'assertion', message: 'status was 503', condition: { condition: 'status == 200', ok: false, actual: '503' } },
})

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store results on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a result round-trips equal up to microsecond rounding', () =>
      withStore(dialect, async (store) => {
        const [a] = await twoChecks(store)
        await store.results.insertBatch([{ checkId: a, result: sampleResult(T0) }, { checkId: a, result: failed }])
        const [newest, older] = await store.results.list(a, { limit: 10 })
        assert.deepEqual(strip(newest!), { ...failed, durationMs: 1500 })
        assert.deepEqual(strip(older!), sampleResult(T0))
        assert.equal(newest!.checkId, a)
        assert.match(newest!.id, /^[0-9a-f-]{36}$/)
      }))

    test('insertBatch is atomic: one bad row leaves nothing', () =>
      withStore(dialect, async (store) => {
        const [a] = await twoChecks(store)
        const rows = Array.from({ length: 1_500 }, (_, index) => ({ checkId: a, result: sampleResult(T0 + index) }))
        rows[1_200] = { checkId: '00000000-0000-7000-8000-000000000000', result: sampleResult(T0) }
        await assert.rejects(store.results.insertBatch(rows))
        assert.equal(await store.results.count(), 0)
        assert.deepEqual(await store.results.list(a, { limit: 5 }), [])
        await store.results.insertBatch(rows.slice(0, 1_200))
        assert.equal(await store.results.count(), 1_200)
      }))

    test('concurrent batches all land, none interleaved or lost', () =>
      withStore(dialect, async (store) => {
        const [a, b] = await twoChecks(store)
        const batch = (checkId: string, base: number) =>
          Array.from({ length: 400 }, (_, index) => ({ checkId, result: sampleResult(base + index) }))
        await Promise.all([store.results.insertBatch(batch(a, T0)), store.results.insertBatch(batch(b, T0)), store.results.insertBatch(batch(a, T0 + 1_000))])
        assert.equal(await store.results.count(), 1_200)
        assert.equal((await store.results.list(b, { limit: 1_000 })).length, 400)
      }))

    test('latestByCheck returns the newest n per active check, newest first', () =>
      withStore(dialect, async (store) => {
        const [a, b] = await twoChecks(store)
        const rows = [
          ...[3, 1, 4, 5, 2].map((offset) => ({ checkId: a, result: sampleResult(T0 + offset) })),
          { checkId: b, result: sampleResult(T0 + 7) },
        ]
        await store.results.insertBatch(rows)
        const latest = await store.results.latestByCheck(3)
        assert.deepEqual([...latest.keys()].sort(), [a, b].sort())
        assert.deepEqual(latest.get(a)!.map((result) => result.startedAt), [T0 + 5, T0 + 4, T0 + 3])
        assert.deepEqual(latest.get(b)!.map((result) => result.startedAt), [T0 + 7])
        assert.deepEqual(latest.get(a)![0]!.calls, sampleResult(0).calls.map((call) => ({ ...call, requestId: `req-${T0 + 5}` })))
        const outcomes = await store.results.latestOutcomes(3)
        assert.deepEqual(
          outcomes.get(a),
          latest.get(a)!.map(({ ok, startedAt, durationMs }) => ({ ok, startedAt, durationMs })),
          'outcomes are the same rows reduced to what the state function reads',
        )
        assert.deepEqual(outcomes.get(b)!.length, 1)
        const between = await store.results.outcomesBetween([a, b], T0 + 2, T0 + 5)
        assert.deepEqual(between.map((row) => [row.checkId, row.startedAt]), [[a, T0 + 2], [a, T0 + 3], [a, T0 + 4]])
        assert.equal(between[0]!.failureCode, null)

        const [c] = (await store.checks.sync([{ name: 'c', kind: 'tcp', displayName: 'c', definition: {} }], T0 + 9)).filter(
          (row) => row.name === 'c',
        )
        const afterSync = await store.results.latestByCheck(3)
        assert.deepEqual([...afterSync.keys()], [c!.id], 'archived checks drop out; new checks start empty')
        assert.deepEqual(afterSync.get(c!.id), [])
      }))

    test('list pages backwards with before and limit', () =>
      withStore(dialect, async (store) => {
        const [a, b] = await twoChecks(store)
        await store.results.insertBatch([
          ...Array.from({ length: 25 }, (_, index) => ({ checkId: a, result: sampleResult(T0 + index * 1_000) })),
          { checkId: b, result: sampleResult(T0 + 500) },
        ])
        const seen: number[] = []
        let before: number | undefined
        for (let page = 0; page < 10; page++) {
          const results = await store.results.list(a, { before, limit: 10 })
          if (results.length === 0) break
          seen.push(...results.map((result) => result.startedAt))
          before = results.at(-1)!.startedAt
        }
        assert.deepEqual(seen, Array.from({ length: 25 }, (_, index) => T0 + (24 - index) * 1_000))
        assert.deepEqual((await store.results.list(a, { before: T0 + 2_000, limit: 10 })).map((r) => r.startedAt), [T0 + 1_000, T0])
        assert.equal(await store.results.count(), 26)
      }))
  })
}
