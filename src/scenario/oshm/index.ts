/**
 * The customer-eye scenario of the SCS OpenStack Health Monitor on the scenario engine: its
 * options with OSHM's defaults, the step graph (every edge naming the API field that forces
 * it), locally generated SSH keys, the seam for the reachability checks, and one iteration
 * with its teardown and result.
 *
 * @example
 * import { runScenarioIteration } from '../scenario/oshm/index.js'
 * const result = await runScenarioIteration({ session, ledger: store.ledger, owner, cloud }, { vms: 4, skipReachability: true })
 *
 * @module
 */
export { DOCUMENTED_SHAPE, documentationSteps, oshmOrder, resourceGraph, resourceSteps } from './graph.js'
export { BOOT_MODES, LoadBalancerOptionsSchema, loopOptions, scaledTimeouts, scenarioOptions } from './options.js'
export type { BootMode, LoopOptions, ScenarioOptions, ScenarioOptionsInput } from './options.js'
export { JUMP_HOST_CIDR, names, oshmBudgetMs, planIteration, vmSubnetCidr } from './plan.js'
export type { Discovered, IterationPlan, VmSlot } from './plan.js'
export { REACHABILITY_NOT_AVAILABLE, SKIP_REACHABILITY, userDataMarker } from './reachability-hook.js'
export type { JumpHostTarget, ReachabilityChecks, VmTarget } from './reachability-hook.js'
export { sshReachabilityChecks } from './reachability-adapter.js'
export type { SshReachabilitySettings } from './reachability-adapter.js'
export type { ScenarioResult, ScenarioSummary } from './result.js'
export { namePrefix, runScenarioIteration } from './run.js'
export type { ScenarioDeps } from './run.js'
export { keepsRouter, releaseRouter } from './router-reuse.js'
export type { KeptRouter, RouterReuse } from './router-reuse.js'
export { generateSshKey, openSshPrivateKey } from './ssh-key.js'
export { defaultTeardownBudgetMs } from './teardown-budget.js'
export { CONSOLE_LINES, redactConsole, withFailureDetails } from './failure-details.js'
export type { SshKey } from './ssh-key.js'
export { internalRules, jumpHostRules } from './steps/security.js'
export { failoverVms, LB_CHECK_STEPS, trafficRequests } from './steps/lb-checks.js'
export { vmUserData } from './steps/servers.js'
