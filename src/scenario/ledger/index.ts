/**
 * The run's side of the scenario ledger (the rows live in the store).
 *
 * @module
 */
export { RunLedger } from './run-ledger.js'
export type { Created, CreateSpec, RunScope } from './run-ledger.js'
