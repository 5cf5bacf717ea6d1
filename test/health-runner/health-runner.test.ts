import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { compileHealth, HealthSchema } from '../../src/config/health-schema.js'
import { createHealthRunner, type HealthRunner, type PublishedChange } from '../../src/health-runner/index.js'
import type { Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { fakeClock, memoryLog, outcome, seed, type FakeClock } from '../records-job/fixtures.js'

const parts = dialectParts()
const T0 = 1_763_800_000_000
const INTERVAL = 10_000
const health = compileHealth(HealthSchema.parse({}))

interface Setup {
  store: Store
  clock: FakeClock
  runner: HealthRunner
  checkId: string
  /** Stores a result of the check at `at`, moves the clock to `at + 1 s` and runs a pass (twice: a pass without news must not count). */
  measure(at: number, ok: boolean): Promise<string>
  state(): Promise<string | undefined>
}

async function setup(store: Store): Promise<Setup> {
  const ids = await seed(store, [{ check: 'api', intervalSeconds: INTERVAL / 1000, component: 'compute', location: 'R1' }])
  const clock = fakeClock(T0)
  const runner = createHealthRunner({ store, clock, log: memoryLog(), ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
  const checkId = ids.get('api')!
  const state = async () => (await store.evaluations.current()).get('compute@R1')?.state
  return {
    store,
    clock,
    runner,
    checkId,
    state,
    async measure(at, ok) {
      await store.results.insertBatch([{ checkId, result: outcome(at, ok) }])
      clock.set(at + 1_000)
      await runner.evaluateNow()
      clock.set(at + 5_000)
      await runner.evaluateNow()
      return (await state())!
    },
  }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`health runner on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a failing check drives its series to major_outage after the hysteresis, and recovery back', () =>
      withStore(dialect, async (store) => {
        const { measure, clock } = await setup(store)
        const states: string[] = []
        for (const [index, ok] of [true, true, true, false, false, false, true, true].entries()) {
          states.push(await measure(T0 + index * INTERVAL, ok))
        }
        assert.deepEqual(states, [
          'operational',
          'operational',
          'operational',
          'operational',
          'major_outage',
          'major_outage',
          'major_outage',
          'operational',
        ])
        const current = (await store.evaluations.current()).get('compute@R1')!
        assert.equal(current.since, T0 + 7 * INTERVAL + 1_000)
        const history = await store.evaluations.list({ component: 'compute', location: 'R1' }, { limit: 50 })
        const outage = history.find((row) => row.measured === 'major_outage' && row.raw === 'major_outage')
        assert.ok(outage, 'the outage is stored with its evidence')
        assert.equal(outage.matched?.expression, 'down')
        assert.ok(outage.flags.some((flag) => flag.flag === 'down' && flag.raised && flag.value !== null && flag.value >= 1))
        assert.ok(clock.now() > T0)
      }))

    test('a nudge after new results runs a pass without waiting for the timer; none before start', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [{ check: 'api', intervalSeconds: 10, component: 'compute', location: 'R1' }])
        const clock = fakeClock(T0 + 1_000)
        const runner = createHealthRunner({ store, clock, log: memoryLog(), ruleSets: health.ruleSets, defaultRuleSet: health.defaultName, everyMs: 3_600_000 })
        const state = async () => (await store.evaluations.current()).get('compute@R1')?.state
        await store.results.insertBatch([{ checkId: ids.get('api')!, result: outcome(T0, true) }])
        runner.nudge()
        await new Promise((resolve) => setTimeout(resolve, 600))
        assert.equal(await state(), undefined, 'a runner that is not started does not evaluate on a nudge')
        runner.start()
        await runner.evaluateNow()
        assert.equal(await state(), 'operational')
        await store.results.insertBatch([{ checkId: ids.get('api')!, result: outcome(T0 + 10_000, false) }])
        clock.set(T0 + 11_000)
        for (let i = 0; i < 5; i++) runner.nudge()
        const deadline = Date.now() + 5_000
        while ((await store.evaluations.latest({ component: 'compute', location: 'R1' }))?.at !== T0 + 11_000 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        await runner.stop()
        assert.equal((await store.evaluations.latest({ component: 'compute', location: 'R1' }))?.at, T0 + 11_000, 'the nudge evaluated the new result long before the hour-long timer')
      }))

    test('a stopped check shows no_data after three intervals, and comes back at once', () =>
      withStore(dialect, async (store) => {
        const { measure, clock, runner, state } = await setup(store)
        const last = T0 + 2 * INTERVAL
        for (let at = T0; at <= last; at += INTERVAL) await measure(at, true)
        clock.set(last + 3 * INTERVAL - 1)
        await runner.evaluateNow()
        assert.equal(await state(), 'operational')
        clock.set(last + 3 * INTERVAL)
        await runner.evaluateNow()
        assert.equal(await state(), 'no_data')
        const evaluation = (await store.evaluations.latest({ component: 'compute', location: 'R1' }))!
        assert.match(evaluation.reason, /no measurement in the last 30s/)
        assert.equal(evaluation.lastSampleAt, last)
        assert.equal(await measure(last + 10 * INTERVAL, true), 'operational', 'the first evaluation after no data is published directly')
      }))

    test('series without a feed result yet are no_data; each location has its own state', () =>
      withStore(dialect, async (store) => {
        const ids = await seed(store, [
          { check: 'api-r1', intervalSeconds: 10, component: 'compute', location: 'R1' },
          { check: 'api-r2', intervalSeconds: 10, component: 'compute', location: 'R2' },
        ])
        const clock = fakeClock(T0 + 1_000)
        const runner = createHealthRunner({ store, clock, log: memoryLog(), ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
        await store.results.insertBatch([{ checkId: ids.get('api-r1')!, result: outcome(T0, true) }])
        const pass = await runner.evaluateNow()
        assert.equal(pass.series, 2)
        const current = await store.evaluations.current()
        assert.equal(current.get('compute@R1')?.state, 'operational')
        assert.equal(current.get('compute@R2')?.state, 'no_data')
      }))

    test('an unknown rule set falls back to the default, with a warning', () =>
      withStore(dialect, async (store) => {
        await seed(store, [{ check: 'api', intervalSeconds: 10, component: 'compute', location: 'R1' }])
        const log = memoryLog()
        const runner = createHealthRunner({
          store,
          clock: fakeClock(T0),
          log,
          ruleSets: health.ruleSets,
          defaultRuleSet: health.defaultName,
          ruleSetOf: () => 'strict',
        })
        await runner.evaluateNow()
        await runner.evaluateNow()
        assert.equal((await store.evaluations.latest({ component: 'compute', location: 'R1' }))?.ruleSet, 'standard')
        assert.equal(log.lines.filter((line) => line.level === 'warn').length, 1)

        const reloaded = compileHealth(
          HealthSchema.parse({ rules: [{ name: 'strict', flags: [{ name: 'stale', kind: 'noData', window: '2x' }], states: [] }] }),
        )
        runner.configure({ ruleSets: reloaded.ruleSets, defaultRuleSet: reloaded.defaultName, ruleSetOf: () => 'strict' })
        await runner.evaluateNow()
        assert.equal((await store.evaluations.latest({ component: 'compute', location: 'R1' }))?.ruleSet, 'strict')
      }))

    test('started, it evaluates on its timer and tells listeners; stopped, it waits for the pass', () =>
      withStore(dialect, async (store) => {
        const { runner, checkId } = await setup(store)
        await store.results.insertBatch([{ checkId, result: outcome(T0 - 1_000, true) }])
        const published = new Promise<readonly PublishedChange[]>((resolve, reject) => {
          const timeout = setTimeout(() => reject(new Error('no pass published within 10 s')), 10_000)
          runner.onPublished((changes) => {
            clearTimeout(timeout)
            resolve(changes)
          })
        })
        runner.start()
        runner.start()
        const changes = await published
        await runner.stop()
        assert.deepEqual(changes.map((change) => [change.series.component, change.from, change.to]), [['compute', null, 'operational']])
      }))
  })
}
