/**
 * The scenario engine: a step graph whose edges name the API field that forces them, an
 * executor with per-service in-flight limits, skip propagation and graceful stop, the teardown
 * with OSHM's retry rules, the graph's generated documentation and its critical path.
 *
 * @module
 */
export { criticalPath } from './critical-path.js'
export { defineGraph, GraphError, needIds } from './graph.js'
export type { Need, StepDefinition, StepGraph, StepShape } from './graph.js'
export { renderGraphDoc } from './graph-doc.js'
export type { GraphDocOptions } from './graph-doc.js'
export { DEFAULT_SERVICE_LIMIT, resolveLimits, SERVER_BOOT } from './limits.js'
export type { LimitSettings } from './limits.js'
export { runGraph, toResultSteps } from './run-graph.js'
export type { GraphRun, RunGraphOptions, StepRecord } from './run-graph.js'
export type { StepContext, Undo, UndoAttempt } from './step-context.js'
export { teardown } from './teardown.js'
export type { DeletionRecord, TeardownOptions } from './teardown.js'
