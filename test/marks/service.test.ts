import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError, StateConflictError } from '../../src/incidents/index.js'
import { createMarkService, MarkNotFoundError } from '../../src/marks/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { settableClock } from '../incidents/support.js'
import { MINUTE, seedApi, T0 } from './support.js'

const parts = dialectParts()
const ALICE = { actor: 'alice', door: 'cli' } as const

function issues(error: unknown): string {
  assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`)
  return error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n')
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`marks on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('set stores the mark with one audit event; clear ends it with another; both in the trail', async () => {
      await withStore(dialect, async (store) => {
        await seedApi(store)
        const clock = settableClock(T0)
        const marks = createMarkService({ store, clock })
        const set = await marks.setMark({ component: 'api', location: 'R1', reason: '  Our probe host in R1 lost its uplink  ' }, ALICE)
        assert.deepEqual(
          [set.component, set.location, set.reason, set.from, set.to, set.actor, set.createdAt, set.clearedAt],
          ['api', 'R1', 'Our probe host in R1 lost its uplink', T0, null, 'alice', T0, null],
        )
        assert.deepEqual(await store.marks.get(set.id), set)
        assert.deepEqual((await store.marks.active(T0)).map((m) => m.id), [set.id])
        clock.set(T0 + 30 * MINUTE)
        const cleared = await marks.clearMark(set.id, { actor: 'bob', door: 'api' })
        assert.equal(cleared.clearedAt, T0 + 30 * MINUTE)
        assert.equal(cleared.clearedBy, 'bob')
        const events = await store.audit.list({ objectType: 'mark', objectId: set.id })
        assert.deepEqual(events.map((e) => [e.action, e.actor, e.door, e.at]), [['mark.set', 'alice', 'cli', T0], ['mark.clear', 'bob', 'api', T0 + 30 * MINUTE]])
        assert.equal(events[0]!.before, null)
        assert.equal((events[0]!.after as { reason: string }).reason, 'Our probe host in R1 lost its uplink')
        assert.equal((events[1]!.before as { clearedAt: number | null }).clearedAt, null)
        assert.equal((events[1]!.after as { clearedAt: number }).clearedAt, T0 + 30 * MINUTE)
        assert.deepEqual(await marks.listMarks(), [], 'cleared marks are listed only on request')
        assert.deepEqual((await marks.listMarks({ includeCleared: true })).map((m) => m.id), [set.id])
      })
    })

    test('refuses empty, overlong or multi-line reasons, unknown components and locations, and a bad range — leaving nothing', async () => {
      await withStore(dialect, async (store) => {
        await seedApi(store)
        const marks = createMarkService({ store, clock: settableClock(T0) })
        const refused: [object, RegExp][] = [
          [{ component: 'api', reason: '' }, /reason: a public reason is required/],
          [{ component: 'api', reason: '   ' }, /reason: a public reason is required/],
          [{ component: 'api' }, /reason: a public reason is required/],
          [{ component: 'api', reason: 'x'.repeat(501) }, /reason: at most 500 characters/],
          [{ component: 'api', reason: 'line one\nline two' }, /reason: one line/],
          [{ component: 'nope', reason: 'r' }, /component: no component named "nope"/],
          [{ component: 'api', location: 'R9', reason: 'r' }, /location: component "api" has no location "R9" \(known: R1, R2\)/],
          [{ component: 'api', reason: 'r', from: T0, to: T0 }, /to: must be after from/],
          [{ component: 'api', reason: 'r', to: T0 - MINUTE }, /to: must be after from/],
        ]
        for (const [input, message] of refused) {
          const error = await marks.setMark(input as never, ALICE).catch((e: unknown) => e)
          assert.match(issues(error), message, JSON.stringify(input))
        }
        assert.match(issues(await marks.setMark({ component: 'api', reason: 'r' }, { actor: ' ', door: 'cli' }).catch((e: unknown) => e)), /actor/)
        assert.deepEqual(await store.marks.list({ includeCleared: true }), [])
        assert.deepEqual(await store.audit.list({ objectType: 'mark' }), [], 'a refused write leaves no audit event')
      })
    })

    test('clear: an unknown id is not found, a cleared mark cannot be cleared again', async () => {
      await withStore(dialect, async (store) => {
        await seedApi(store)
        const marks = createMarkService({ store, clock: settableClock(T0) })
        await assert.rejects(marks.clearMark('0193aaaa-0000-7000-8000-000000000000', ALICE), MarkNotFoundError)
        const { id } = await marks.setMark({ component: 'api', reason: 'r' }, ALICE)
        await marks.clearMark(id, ALICE)
        await assert.rejects(marks.clearMark(id, ALICE), StateConflictError)
        assert.equal((await store.audit.list({ objectType: 'mark' })).length, 2)
      })
    })

    test('active and overlapping honour from, planned end, clearing, component and the whole-component mark', async () => {
      await withStore(dialect, async (store) => {
        await seedApi(store)
        const clock = settableClock(T0)
        const marks = createMarkService({ store, clock })
        const planned = await marks.setMark({ component: 'api', location: 'R1', reason: 'planned', from: T0 + 10 * MINUTE, to: T0 + 20 * MINUTE }, ALICE)
        const whole = await marks.setMark({ component: 'api', reason: 'whole', from: T0 - 60 * MINUTE }, ALICE)
        const never = await marks.setMark({ component: 'api', reason: 'never took effect', from: T0 + 120 * MINUTE }, ALICE)
        await marks.clearMark(never.id, ALICE)
        clock.set(T0 + 40 * MINUTE)
        await marks.clearMark(whole.id, ALICE)
        const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort()
        assert.deepEqual(ids(await store.marks.active(T0 + 9 * MINUTE)), [whole.id])
        assert.deepEqual(ids(await store.marks.active(T0 + 10 * MINUTE)), ids([planned, whole]))
        assert.deepEqual(ids(await store.marks.active(T0 + 20 * MINUTE)), [whole.id])
        assert.deepEqual(ids(await store.marks.active(T0 + 40 * MINUTE)), [])
        assert.deepEqual(ids(await store.marks.overlapping(T0 - 2 * 60 * MINUTE, T0 + 5 * 60 * MINUTE)), ids([planned, whole]))
        assert.deepEqual(ids(await store.marks.overlapping(T0 + 20 * MINUTE, T0 + 60 * MINUTE)), [whole.id])
        assert.deepEqual(await store.marks.overlapping(T0 - 2 * 60 * MINUTE, T0 + 5 * 60 * MINUTE, 'other'), [])
        assert.equal((await store.marks.list({ includeCleared: true, component: 'api' })).length, 3)
      })
    })
  })
}
