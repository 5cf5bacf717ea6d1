/**
 * What the scenario's steps share: the options and plan (the graph's shape), and the runtime of
 * one iteration (session, ledger, keys, waits, the reachability checks). The graph is built
 * from the shape alone; steps touch the runtime only when they run.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import type { FailureCode } from '../../core/failure.js'
import type { OpenStackSession } from '../../openstack/index.js'
import type { Need, StepContext, StepDefinition } from '../engine/index.js'
import type { RunLedger } from '../ledger/index.js'
import type { Sleep } from '../sleep.js'
import type { ScenarioOptions } from './options.js'
import type { IterationPlan } from './plan.js'
import type { ReachabilityChecks } from './reachability-hook.js'
import type { RouterReuse } from './router-reuse.js'
import type { SshKey } from './ssh-key.js'
import type { IterationWaits } from './waits.js'

/** The live parts of one iteration. */
export interface Runtime {
  session: OpenStackSession
  ledger: RunLedger
  keys: { jumpHost: SshKey; vm: SshKey }
  waits: IterationWaits
  /** Null: reachability steps are skipped ("reachability not available"). */
  reachability: ReachabilityChecks | null
  clock: Clock
  sleep: Sleep
  /** Ledger rows of resources Octavia deletes with the load balancer (`cascade`). */
  loadBalancerChildren: string[]
  /** Ledger rows of rules Neutron deletes with their security group, by group step id. */
  ruleEntries: Map<string, string[]>
  /** Neutron tags of every resource this iteration creates (owner's and run's; empty: no tagging, OSHM `-T`). */
  tags: string[]
  /** Disassociate each floating IP before deleting it (OSHM `-I`). */
  disassociateFloatingIps: boolean
  /** Router reuse across iterations (OSHM `-r`); null: a router per iteration. */
  routerReuse: RouterReuse | null
}

/** Everything a step builder gets. */
export interface ScenarioEnv {
  options: ScenarioOptions
  plan: IterationPlan
  rt: Runtime
}

/**
 * A step definition in one line: id, service, `[step, field]` needs, run; `limits` default the service.
 *
 * @example
 * step('subnet-jh', 'network', [['net-jh', 'subnet.network_id']], async (ctx) => …)
 */
export function step<T>(
  id: string,
  service: string,
  needs: ReadonlyArray<readonly [string, string]>,
  run: (ctx: StepContext) => Promise<T>,
  limits?: readonly string[],
): StepDefinition<T> {
  const edges: Need[] = needs.map(([on, field]) => ({ step: on, field }))
  return { id, service, ...(edges.length > 0 ? { needs: edges } : {}), ...(limits ? { limits } : {}), run }
}

/** A step's value when it chose not to run (reachability skipped); run.ts records it as `skipped`. */
export class StepSkipped {
  constructor(readonly reason: string) {}
}

/**
 * A runtime whose every use throws: the documentation graph is built from the shape only.
 *
 * @example
 * resourceSteps({ options, plan, rt: shapeOnlyRuntime() }).map((s) => s.id)
 */
export function shapeOnlyRuntime(): Runtime {
  return new Proxy({} as Runtime, {
    get: (_target, key) => {
      throw new Error(`the documentation graph cannot run (it read runtime.${String(key)})`)
    },
  })
}

/** A step failure the scenario itself found (no image of that name, no external network), with its code. */
export class ScenarioStepError extends Error {
  override readonly name = 'ScenarioStepError'

  constructor(
    message: string,
    readonly code: FailureCode,
  ) {
    super(message)
  }
}
