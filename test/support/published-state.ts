/**
 * A measured state recorded as the health runner would publish it, for suites that start from a
 * series' state rather than from results.
 *
 * @module
 */
import type { MeasuredState, SeriesKey } from '../../src/core/index.js'
import type { Evaluation } from '../../src/health/index.js'
import type { Store } from '../../src/store/index.js'

/**
 * Records an evaluation publishing `state` for `series` at `at`: one `down` flag, raised unless
 * operational, from one vantage point.
 *
 * @example
 * await publish(store, { component: 'api', location: 'R1' }, 'major_outage', T0)
 */
export async function publish(store: Store, series: SeriesKey, state: MeasuredState, at: number): Promise<void> {
  const evaluation: Evaluation = {
    ruleSet: 'standard', at, measured: state, raw: state, matched: null, reason: `test: ${state}`, lastSampleAt: at,
    flags: [{ flag: 'down', kind: 'consecutiveFailures', raised: state !== 'operational', value: state === 'operational' ? 0 : 3, threshold: 1, unit: 'count', window: { from: at - 600_000, to: at }, samples: 10, votes: [] }],
    vantages: { k: 1, min: 1, reporting: ['local'], silent: [] },
    hysteresis: { published: state, candidate: null, streak: 0 },
  }
  await store.evaluations.record(evaluation, series)
}
