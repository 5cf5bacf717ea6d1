import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { STANDARD_RULE_SET } from '../../src/config/health-schema.js'
import type { Sample, SeriesKey } from '../../src/core/index.js'
import { compileRuleSet, evaluate, type CompiledRuleSet, type Evaluation } from '../../src/health/index.js'
import { openStore, type Store } from '../../src/store/index.js'
import { run } from '../health/samples.js'
import { DIALECTS, dialectParts, freshDatabase, sampleResult, withStore } from './harness.js'

const parts = dialectParts()
const T0 = 1_763_800_000_000
const MINUTE = 60_000
const SERIES: SeriesKey = { component: 'compute', location: 'R1' }
const compiled = compileRuleSet(STANDARD_RULE_SET)
if (!compiled.ok) throw new Error('the standard rule set does not compile')
const standard: CompiledRuleSet = compiled.ruleSet

/** Evaluates `outcomes` (one a minute, the last at `now`) after `previous`, like the runner does. */
function evaluationAt(now: number, outcomes: string, previous: Evaluation | null): Evaluation {
  const samples: Sample[] = run({ outcomes, end: now, intervalMs: MINUTE })
  return evaluate(standard, samples, { now, series: SERIES, previous: previous?.hysteresis ?? null, intervalMs: MINUTE })
}

/** Records one evaluation a minute for each outcome string; returns how many rows were stored. */
async function recordRun(
  store: Store,
  outcomes: readonly string[],
  start = T0,
  after: Evaluation | null = null,
): Promise<{ stored: number; last: Evaluation }> {
  let previous = after
  let stored = 0
  for (const [index, text] of outcomes.entries()) {
    const evaluation = evaluationAt(start + index * MINUTE, text, previous)
    if ((await store.evaluations.record(evaluation, SERIES)).stored) stored += 1
    previous = evaluation
  }
  return { stored, last: previous! }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store evaluations on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('an unchanged evaluation is stored only as a keep-alive; a change is stored at once', () =>
      withStore(dialect, async (store) => {
        const healthy = Array.from({ length: 12 }, () => 'SSSSS')
        const { stored, last } = await recordRun(store, healthy)
        assert.equal(stored, 3, 'the first, then one every 5 minutes (at +5 and +10 min)')
        const rows = await store.evaluations.list(SERIES, { limit: 100 })
        assert.deepEqual(rows.map((row) => (row.at - T0) / MINUTE), [10, 5, 0])

        const failing = await recordRun(store, ['SSSSF', 'SSSFF', 'SSFFF'], T0 + 12 * MINUTE, last)
        assert.equal(failing.stored, 2, 'the candidate and the published outage; the third says what the second said')
        const [newest] = await store.evaluations.list(SERIES, { limit: 1 })
        assert.equal(newest!.measured, 'major_outage')
        assert.deepEqual(newest!.series, SERIES)
        assert.deepEqual(await store.evaluations.latest(SERIES), { ...failing.last, series: SERIES })
      }))

    test('current() keeps the published state and since when it holds', () =>
      withStore(dialect, async (store) => {
        await recordRun(store, ['SSSSS', 'SSSSS', 'SSSSF', 'SSSFF', 'SSFFF'])
        const current = (await store.evaluations.current()).get('compute@R1')
        assert.ok(current)
        assert.equal(current.state, 'major_outage')
        assert.equal(current.since, T0 + 3 * MINUTE, 'published at the second failed run')
        assert.equal(current.updatedAt, T0 + 4 * MINUTE)
        assert.deepEqual(current.hysteresis, { published: 'major_outage', candidate: null, streak: 0 })
        assert.equal(current.evaluation.at, T0 + 4 * MINUTE)
      }))

    test('an evaluation older than the current one changes nothing', () =>
      withStore(dialect, async (store) => {
        const { last } = await recordRun(store, ['SSSSS', 'SSSSS'])
        const stale = evaluationAt(T0, 'FFFFF', null)
        assert.deepEqual(await store.evaluations.record(stale, SERIES), { stored: false })
        assert.equal((await store.evaluations.latest(SERIES))!.at, last.at)
      }))

    test('list pages by `before`', () =>
      withStore(dialect, async (store) => {
        await recordRun(store, ['SSSSS', 'SSSSF', 'SSSFF', 'SSFFF', 'SFFFF'])
        const first = await store.evaluations.list(SERIES, { limit: 2 })
        const next = await store.evaluations.list(SERIES, { limit: 10, before: first[1]!.at })
        assert.deepEqual([...first, ...next].map((row) => row.at), [...(await store.evaluations.list(SERIES, { limit: 10 }))].map((row) => row.at))
        assert.equal(await store.evaluations.latest({ component: 'compute', location: 'R2' }), null)
      }))

    test('the series state survives reopening the store', async () => {
      const fresh = await freshDatabase(dialect)
      try {
        const first = await openStore(fresh.options)
        await first.migrate()
        await recordRun(first, ['SSSSS', 'SSSSF'])
        await first.close()
        const second = await openStore(fresh.options)
        try {
          const current = (await second.evaluations.current()).get('compute@R1')
          assert.equal(current?.state, 'operational')
          assert.deepEqual(current?.hysteresis, { published: 'operational', candidate: 'major_outage', streak: 1 })
        } finally {
          await second.close()
        }
      } finally {
        await fresh.drop()
      }
    })

    test('results carry their vantage point, local by default', () =>
      withStore(dialect, async (store) => {
        const [check] = await store.checks.sync([{ name: 'a', kind: 'http', displayName: 'a', definition: {} }], T0)
        await store.results.insertBatch([
          { checkId: check!.id, result: sampleResult(T0) },
          { checkId: check!.id, result: sampleResult(T0 + 1), vantage: 'agent-fra' },
        ])
        const rows = await store.results.outcomesBetween([check!.id], T0, T0 + 2)
        assert.deepEqual(rows.map((row) => row.vantage), ['local', 'agent-fra'])
      }))
  })
}
