/**
 * Types of health rules (as configured, after schema validation) and of their evidence. Plain data,
 * JSON-serialisable, so evaluations can be stored and shown as they are.
 *
 * @module
 */
import type { FailureCode } from '../core/failure.js'
import type { MeasuredState, SeriesKey } from '../core/series.js'

/** The kinds of flag a rule set can raise. */
export const FLAG_KINDS = ['errorRate', 'latency', 'consecutiveFailures', 'noData'] as const
/** One of {@link FLAG_KINDS}. */
export type FlagKind = (typeof FLAG_KINDS)[number]

/** The latency percentiles a latency flag can use. */
export const PERCENTILES = [50, 90, 95, 99] as const
/** One of {@link PERCENTILES}. */
export type Percentile = (typeof PERCENTILES)[number]

/**
 * How long a window is: a fixed duration, or a number of check intervals (`3x` in config), so that
 * it holds about the same number of samples whatever the interval.
 */
export type WindowSpec = { ms: number } | { intervals: number }

interface FlagCommon {
  /** Referred to by expressions; unique within a rule set. */
  name: string
  /** The window ending at `now` the flag looks at. */
  window: WindowSpec
}

/** Raised when the share of failed samples exceeds `threshold` (a fraction 0–1). */
export interface ErrorRateFlag extends FlagCommon {
  kind: 'errorRate'
  threshold: number
  /** Per-location overrides of `threshold`. */
  thresholds: Readonly<Record<string, number>>
  /** Fewer counted samples than this in the window never raise the flag. */
  minSamples: number
  /** Only failures with one of these codes count as failures (see {@link FlagCodes}). */
  codes?: FlagCodes
}

/** Raised when percentile `percentile` of the passed samples' durations exceeds `threshold` ms. */
export interface LatencyFlag extends FlagCommon {
  kind: 'latency'
  percentile: Percentile
  threshold: number
  thresholds: Readonly<Record<string, number>>
  minSamples: number
}

/** Raised when the newest samples are a run of at least `threshold` failures. */
export interface ConsecutiveFailuresFlag extends FlagCommon {
  kind: 'consecutiveFailures'
  threshold: number
  thresholds: Readonly<Record<string, number>>
  /** Only failures with one of these codes count as failures (see {@link FlagCodes}). */
  codes?: FlagCodes
}

/**
 * The failure codes a flag counts. With them, a sample fails for the flag exactly when it failed
 * with one of these codes; any other sample — passed, or failed otherwise — counts as not
 * failing. Without them, every failure that counts against availability counts.
 */
export type FlagCodes = readonly FailureCode[]

/** Raised when too few vantage points have a sample inside the window: the series has no data. */
export interface NoDataFlag extends FlagCommon {
  kind: 'noData'
}

/** One configured flag. */
export type FlagConfig = ErrorRateFlag | LatencyFlag | ConsecutiveFailuresFlag | NoDataFlag

/** The states an expression can decide (`no_data` comes from the noData flag and the quorum only). */
export type ExpressionState = Exclude<MeasuredState, 'no_data'>

/** A weighted expression: when it holds and no matching one has a higher weight, the state is `state`. */
export interface StateRuleConfig {
  expression: string
  state: ExpressionState
  weight: number
}

/** How many evaluations in a row move the published state: `down` to a worse one, `up` to a better one. */
export interface HysteresisConfig {
  down: number
  up: number
}

/** k-of-n over the vantage points that report: a flag is raised when `k` of them raise it. */
export interface QuorumConfig {
  k: number
  /** Fewer reporting vantage points than this → `no_data`. Always ≥ k. */
  min: number
}

/** One rule set as configured (after schema validation and defaults). */
export interface RuleSetConfig {
  name: string
  description?: string
  flags: readonly FlagConfig[]
  states: readonly StateRuleConfig[]
  hysteresis: HysteresisConfig
  quorum: QuorumConfig
}

/** A window resolved to instants (epoch ms): samples with `from < at ≤ to` are in it. */
export interface WindowRange {
  from: number
  to: number
}

/** What one vantage point's samples said about one flag. */
export interface VantageVote {
  vantage: string
  raised: boolean
  value: number | null
  samples: number
}

/**
 * The evidence of one flag for one series: whether it was raised, on which value against which
 * threshold, over which window and how many samples. `value` is the value `k` vantage points reached
 * (the k-th highest); null when nothing could be computed (no samples of the right kind).
 */
export interface FlagEvidence {
  flag: string
  kind: FlagKind
  raised: boolean
  value: number | null
  /** A fraction (errorRate), milliseconds (latency, noData) or a count (consecutiveFailures). */
  threshold: number
  unit: 'ratio' | 'ms' | 'count'
  window: WindowRange
  samples: number
  votes: VantageVote[]
  /** The failure codes the flag counted as failures; absent when it counted every failure that counts against availability. */
  codes?: FailureCode[]
}

/** The expression that decided the raw state. */
export interface MatchedRule {
  expression: string
  weight: number
  state: MeasuredState
}

/** Which vantage points reported and which were silent, and the quorum applied. */
export interface VantageSummary {
  k: number
  min: number
  reporting: string[]
  silent: string[]
}

/** The published state, the state it may move to and how many evaluations in a row pointed there. */
export interface HysteresisState {
  published: MeasuredState
  candidate: MeasuredState | null
  streak: number
}

/** One evaluation of a rule set for one series, with everything needed to explain it. */
export interface Evaluation {
  series?: SeriesKey
  ruleSet: string
  at: number
  /** After hysteresis: what the series shows. */
  measured: MeasuredState
  /** Before hysteresis: what this evaluation alone decided. */
  raw: MeasuredState
  matched: MatchedRule | null
  /** One sentence on why `raw` is what it is, fit for the public page. */
  reason: string
  /** The newest sample at or before `at` among those passed (epoch ms), for "no measurement since …". */
  lastSampleAt: number | null
  flags: FlagEvidence[]
  vantages: VantageSummary
  hysteresis: HysteresisState
}
