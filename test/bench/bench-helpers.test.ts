import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DAY_MS, HISTORY_BATCH, historyBatches, historyPlan } from '../../bench/history-data.js'
import { largestDifference, quantile } from '../../bench/history-queries.js'
import { checkSpace, directoryBytes } from '../../bench/history-space.js'
import { apiState, pageState } from '../../bench/time-to-publish-poll.js'
import { formatTimeToPublish, publishSettings } from '../../bench/time-to-publish-report.js'

describe('history-at-scale workload', () => {
  test('full scale is 200 checks × 90 whole UTC days; small scales keep at least 10 checks', () => {
    const full = historyPlan(1, Date.UTC(2026, 10, 22, 9, 30))
    assert.deepEqual([full.checks, full.days, full.results], [200, 90, 25_920_000])
    assert.equal(full.end, Date.UTC(2026, 10, 22))
    assert.equal(full.end - full.start, 90 * DAY_MS)
    const small = historyPlan(0.01)
    assert.deepEqual([small.checks, small.days], [10, 18])
    assert.throws(() => historyPlan(0), /BENCH_SCALE/)
    assert.throws(() => historyPlan(1.5), /BENCH_SCALE/)
  })

  test('batches hold every result once, in time order, inside the range, with some failing checks', () => {
    const plan = { ...historyPlan(0.01, Date.UTC(2026, 10, 22)), days: 2, results: 10 * 2 * 1_440 }
    const ids = Array.from({ length: plan.checks }, (_, index) => `c${index}`)
    let count = 0
    let previousMinute = -Infinity
    const failing = new Set<string>()
    for (const batch of historyBatches(plan, ids)) {
      assert.ok(batch.length <= HISTORY_BATCH)
      for (const { checkId, result } of batch) {
        count++
        const minute = Math.floor((result.startedAt - plan.start) / 60_000)
        assert.ok(minute >= previousMinute, 'time order')
        previousMinute = minute
        assert.ok(result.startedAt >= plan.start && result.startedAt < plan.end)
        assert.equal(result.ok, result.failure === null)
        if (!result.ok) failing.add(checkId)
      }
    }
    assert.equal(count, plan.results)
    assert.ok(failing.size >= 1 && failing.size < plan.checks, `${failing.size} of ${plan.checks} checks failed sometimes`)
  })

  test('the same seed writes the same history', () => {
    const plan = { ...historyPlan(0.01, Date.UTC(2026, 10, 22)), days: 0.1 }
    const first = [...historyBatches(plan, ['a', 'b'])].flat()
    const second = [...historyBatches(plan, ['a', 'b'])].flat()
    assert.deepEqual(first, second)
  })
})

describe('history-at-scale helpers', () => {
  test('refuses when less than twice the estimate is free, with the numbers in the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-bench-test-'))
    try {
      writeFileSync(join(dir, 'a'), 'x'.repeat(1000))
      assert.equal(directoryBytes(dir), 1000)
      assert.equal(checkSpace({ sampleBytes: 1_000, sampleResults: 1_000, results: 1_000, where: dir }).refusal, null)
      const huge = checkSpace({ sampleBytes: 1e9, sampleResults: 1, results: 1e9, where: dir })
      assert.match(huge.refusal ?? '', /^REFUSED: 1,000,000,000 results need about .* free on .*BENCH_SCALE/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('quantiles are nearest rank; differences skip missing numbers', () => {
    assert.equal(quantile([5, 1, 9, 3], 0.5), 3)
    assert.equal(quantile([...Array.from({ length: 100 }, (_, index) => index + 1)], 0.95), 95)
    assert.ok(Number.isNaN(quantile([], 0.5)))
    const a = new Map<string, number | null>([['x', 0.99], ['y', null], ['z', 0.5]])
    const b = new Map<string, number | null>([['x', 0.98], ['y', 0.1]])
    assert.ok(Math.abs(largestDifference(a, b) - 0.01) < 1e-12)
  })
})

describe('time-to-publish helpers', () => {
  test('reads the state of one component from the page and from the API body', () => {
    const html = '<li id="component-other"><span class="state state-operational"></span></li><li id="component-target"><span class="name">T</span><span class="state state-major-outage">'
    assert.equal(pageState(html, 'target'), 'major_outage')
    assert.equal(pageState(html, 'missing'), null)
    const body = '{"components":[{"name":"target","state":"major_outage","locations":[{"source":"declared","measured":"operational"}]}]}'
    assert.deepEqual(apiState(body, 'target'), { state: 'major_outage', source: 'declared', measured: 'operational' })
    assert.equal(apiState('not json', 'target').state, null)
  })

  test('targets follow the standard rule set: (1 + 2 − 1) × 10 s + 5 s', () => {
    const settings = publishSettings(10_000)
    assert.equal(settings.failureThreshold, 1)
    assert.deepEqual([settings.down, settings.up], [2, 2])
    assert.equal(settings.outageTargetMs, 25_000)
    assert.equal(settings.recoveryTargetMs, 25_000)
  })

  test('a run that never published fails the target', () => {
    const settings = publishSettings(10_000)
    const run = (outage: number | null) => ({
      outage: { pageMs: outage, apiMs: outage, bothMs: outage, last: { page: 'operational', api: 'operational', source: 'measured', measured: 'operational' } },
      recovery: { pageMs: 1_000, apiMs: 1_000, bothMs: 1_000, last: null },
    })
    const table = formatTimeToPublish({ settings, runs: [run(10_000), run(null), run(12_000)], logLines: [] })
    assert.match(table, /^outage .* max   never .*: FAIL$/m)
    assert.match(table, /^recovery .*: PASS$/m)
    assert.match(table, /^run 2 outage never seen: .*page showed operational.*decided by measured/m)
  })
})
