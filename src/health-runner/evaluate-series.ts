/**
 * One evaluation of one series against the store: load its samples, evaluate with the previous
 * hysteresis, decide whether the evaluation counts.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { evaluate, lookbackMs, type CompiledRuleSet, type Evaluation } from '../health/index.js'
import { feedSampleOf, type SeriesFeeds } from '../records-job/index.js'
import type { SeriesCurrent, Store } from '../store/index.js'

/**
 * Evaluates `feeds` at `clock.now()`. Returns null when the evaluation must not be recorded:
 * nothing new was measured since the previous one and it does not say `no_data`. Hysteresis
 * counts evaluations in a row, and "in a row" must mean runs of the checks — evaluating the same
 * samples every few seconds would publish an outage after one failed run. Time alone can still
 * change the state in one way: a series whose checks fell silent goes to `no_data`.
 *
 * @example
 * const evaluation = await evaluateSeries(store, clock, feeds, ruleSet, current.get(feeds.id))
 * if (evaluation) await store.evaluations.record(evaluation, feeds.series)
 */
export async function evaluateSeries(
  store: Store,
  clock: Clock,
  feeds: SeriesFeeds,
  ruleSet: CompiledRuleSet,
  previous: SeriesCurrent | undefined,
): Promise<Evaluation | null> {
  const now = clock.now()
  const from = now - lookbackMs(ruleSet, feeds.intervalMs)
  const rows = await store.results.outcomesBetween(feeds.checkIds, from, now + 1)
  const samples = rows.map((row) => feedSampleOf(row, feeds.intervalMs))
  const evaluation = evaluate(ruleSet, samples, {
    now,
    series: feeds.series,
    previous: previous?.hysteresis ?? null,
    intervalMs: feeds.intervalMs,
  })
  if (previous === undefined || evaluation.raw === 'no_data') return evaluation
  const seen = previous.evaluation.lastSampleAt
  const fresh = evaluation.lastSampleAt !== null && (seen === null || evaluation.lastSampleAt > seen)
  return fresh || previous.evaluation.ruleSet !== evaluation.ruleSet ? evaluation : null
}
