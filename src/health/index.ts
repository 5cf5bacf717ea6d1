/**
 * Health rules: flags over windows, k-of-n quorum over vantage points, weighted expressions and
 * hysteresis turn the samples of a (component, location) series into a measured state with its
 * evidence. Pure logic; the store and the state function use it.
 *
 * @module
 */
export * from './types.js'
export { parseExpression, evaluateExpression, formatExpression, flagsOf } from './expression.js'
export type { Expr, ExpressionParse } from './expression.js'
export { readFlag, resolveWindow, thresholdFor, percentile, FALLBACK_INTERVAL_MS } from './flags.js'
export type { FlagReading } from './flags.js'
export { step, parseHysteresisState, DEFAULT_HYSTERESIS } from './hysteresis.js'
export { compileRuleSet } from './compile.js'
export type { CompiledRuleSet, HealthIssue, RuleSetCompile } from './compile.js'
export { evaluateFlags } from './quorum.js'
export type { FlagContext, FlagOutcome } from './quorum.js'
export { evaluate, lookbackMs } from './evaluate.js'
export type { EvaluateOptions } from './evaluate.js'
