/**
 * The `scenario` probe kind: the customer-eye scenario (issue 4) run by the scheduler or the CLI,
 * with the pre-run cleanup of the owner's leftovers, a graceful stop, its metrics and its
 * periodic statistics. docs/scenario.md explains it.
 *
 * @example
 * import { runScenario } from '../probes/scenario/index.js'
 * const result = await runScenario({ cloud, ledger: store.ledger, owner: 'mon1', options: { vms: 2 } })
 *
 * @module
 */
export { closeSimulatedClouds, scenarioCloud, simulatedCloud, SIMULATED_CLOUD_NAME } from './cloud.js'
export { scenarioDeadline, scenarioProbe } from './probe.js'
export { releaseKeptRouter, runScenario } from './run.js'
export type { ScenarioRunDeps, ScenarioRunResult } from './run.js'
export { latencyProfile, ProfileSchema, SCENARIO_CHECK_FIELDS, scenarioCheckProblem, ScenarioCheckFieldsSchema, scenarioInput, ScenarioRunFieldsSchema } from './schema.js'
export type { ScenarioCheckFields, ScenarioRunFields } from './schema.js'
