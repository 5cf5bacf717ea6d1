/**
 * The cloud-independent scenario engine the customer-eye scenarios are written on: the step
 * graph and its executor, the teardown, waits, and the ledger of created resources.
 *
 * @example
 * import { defineGraph, runGraph, teardown, ResourcePoller, RunLedger } from '../scenario/index.js'
 * const graph = defineGraph(steps)
 * const run = await runGraph(graph, { stop: shutdown.signal })
 * const deletions = await teardown(graph, run)
 *
 * @module
 */
export * from './engine/index.js'
export * from './ledger/index.js'
export { systemSleep } from './sleep.js'
export type { Sleep } from './sleep.js'
export * from './waits/index.js'
