/**
 * One evaluation of a rule set for one series: flags over windows, quorum over vantage points,
 * weighted expressions, hysteresis — and the evidence of every step.
 *
 * @module
 */
import { formatDuration } from '../core/duration.js'
import type { MeasuredState, Sample, SeriesKey } from '../core/series.js'
import type { CompiledRuleSet } from './compile.js'
import { evaluateExpression } from './expression.js'
import { FALLBACK_INTERVAL_MS, resolveWindow } from './flags.js'
import { step } from './hysteresis.js'
import { evaluateFlags } from './quorum.js'
import type { FlagOutcome } from './quorum.js'
import type { Evaluation, HysteresisState, MatchedRule } from './types.js'

/** Where and when to evaluate, and what came before. */
export interface EvaluateOptions {
  /** The end of every window (epoch ms). */
  now: number
  /** The series evaluated; its location picks per-location thresholds. */
  series?: SeriesKey
  /** The location, when no series is given. */
  location?: string
  /** The hysteresis state of the previous evaluation of this series; null or absent for the first. */
  previous?: HysteresisState | null
  /** The interval of the checks feeding the series, for `Nx` windows; default: the longest interval among the samples. */
  intervalMs?: number
  /** Vantage points expected to report, so that a silent one is named even with no sample at all. */
  expectedVantages?: readonly string[]
}

const RANK: Readonly<Record<MeasuredState, number>> = { operational: 0, degraded: 1, partial_outage: 2, major_outage: 3, no_data: -1 }

/** The matching expression with the highest weight; ties go to the worse state, then to the first listed. */
function bestMatch(ruleSet: CompiledRuleSet, raised: ReadonlySet<string>): MatchedRule | null {
  let best: MatchedRule | null = null
  for (const { rule, expr } of ruleSet.rules) {
    if (!evaluateExpression(expr, raised)) continue
    const better = best === null || rule.weight > best.weight || (rule.weight === best.weight && RANK[rule.state] > RANK[best.state])
    if (better) best = { expression: rule.expression, weight: rule.weight, state: rule.state }
  }
  return best
}

function intervalOf(samples: readonly Sample[], given: number | undefined): number {
  if (given !== undefined && given > 0) return given
  const longest = samples.reduce((max, sample) => (Number.isFinite(sample.intervalMs) && sample.intervalMs > max ? sample.intervalMs : max), 0)
  return longest > 0 ? longest : FALLBACK_INTERVAL_MS
}

function noDataReason(outcome: FlagOutcome, window: number, lastSampleAt: number | null): string {
  const { reporting, min } = outcome.vantages
  const span = formatDuration(window)
  if (lastSampleAt === null) return `no measurement in the last ${span}`
  if (reporting.length === 0) return `no measurement in the last ${span}; the last one was at ${new Date(lastSampleAt).toISOString()}`
  return `${reporting.length} vantage point${reporting.length === 1 ? '' : 's'} reported in the last ${span}; at least ${min} needed`
}

/**
 * Evaluates a rule set over the samples of one series at `now`. Pass the samples of the last
 * {@link lookbackMs} (older ones are harmless); they need not be sorted. Pure and deterministic;
 * the result is plain JSON.
 *
 * The raw state is `no_data` when fewer than `quorum.min` vantage points have a sample inside the
 * noData window — in particular when there is no sample at all — whatever the expressions say.
 * Otherwise it is the state of the matching expression with the highest weight, or `operational`.
 *
 * @example
 * const evaluation = evaluate(ruleSet, samples, { now: Date.now(), series: { component: 'compute', location: 'R1' }, previous })
 * evaluation.measured // 'major_outage'
 * store.saveEvaluation(evaluation); previous = evaluation.hysteresis
 */
export function evaluate(ruleSet: CompiledRuleSet, samples: readonly Sample[], options: EvaluateOptions): Evaluation {
  const { now, series } = options
  const intervalMs = intervalOf(samples, options.intervalMs)
  const outcome = evaluateFlags(ruleSet, samples, {
    now,
    location: series?.location ?? options.location,
    intervalMs,
    expectedVantages: options.expectedVantages ?? [],
  })
  const lastSampleAt = samples.reduce<number | null>(
    (last, sample) => (Number.isFinite(sample.at) && sample.at <= now && (last === null || sample.at > last) ? sample.at : last),
    null,
  )
  const matched = outcome.noData ? null : bestMatch(ruleSet, outcome.raised)
  const raw: MeasuredState = outcome.noData ? 'no_data' : (matched?.state ?? 'operational')
  const presence = resolveWindow(ruleSet.noData.window, now, intervalMs)
  const reason = outcome.noData
    ? noDataReason(outcome, presence.to - presence.from, lastSampleAt)
    : matched === null
      ? 'no rule matched'
      : `matched "${matched.expression}" (weight ${matched.weight})`
  const hysteresis = step(options.previous ?? null, raw, ruleSet.config.hysteresis)
  return {
    ...(series === undefined ? {} : { series: { component: series.component, location: series.location } }),
    ruleSet: ruleSet.config.name,
    at: now,
    measured: hysteresis.published,
    raw,
    matched,
    reason,
    lastSampleAt,
    flags: outcome.flags,
    vantages: outcome.vantages,
    hysteresis,
  }
}

/**
 * How far back samples matter for a rule set: its longest window. The store loads samples from
 * `now - lookbackMs(...)`.
 *
 * @example
 * lookbackMs(ruleSet, 60_000) // 1200000 for the standard rule set (20x)
 */
export function lookbackMs(ruleSet: CompiledRuleSet, intervalMs: number): number {
  return Math.max(...ruleSet.config.flags.map((flag) => ('ms' in flag.window ? flag.window.ms : flag.window.intervals * intervalMs)))
}
