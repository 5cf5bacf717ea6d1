/**
 * The health runner: evaluates the health rules of every (component, location) series from the
 * stored results on a timer, and records the evaluations and each series' current state
 * (`store.evaluations`), which the status reader shows.
 *
 * @module
 */
export { createHealthRunner, DEFAULT_HEALTH_EVERY_MS } from './runner.js'
export type { HealthPass, HealthRunner, HealthRunnerLog, HealthRunnerOptions, PublishedChange, RuleSelection } from './runner.js'
export { evaluateSeries } from './evaluate-series.js'
