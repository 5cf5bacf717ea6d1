/**
 * The full mesh (OSHM `-C`): once every VM passed its own check through its jump host's
 * forward, every VM pings every VM's fixed address over the internal network (one retry each,
 * see src/scenario/reachability/mesh.ts). Skipped with `skipReachability`, without checks
 * plugged in, or when the plugged-in checks have no mesh.
 *
 * @module
 */
import type { StepDefinition } from '../../engine/index.js'
import { step, StepSkipped } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { REACHABILITY_NOT_AVAILABLE, SKIP_REACHABILITY } from '../reachability-hook.js'
import { vmTarget } from './reachability.js'

/** The mesh step (`vm-mesh`), or none without `fullMesh`. */
export function meshSteps(env: ScenarioEnv): StepDefinition[] {
  const { options, plan, rt } = env
  if (!options.fullMesh || plan.vms.length === 0) return []
  const needs = plan.vms.flatMap((vm) => [
    [`vm-${vm.number}-reach`, 'SSH through the forward works (the mesh logs in the same way)'],
    [`vm-${vm.number}-active`, 'server fixed IP (a ping target)'],
    [`jh-fip-${vm.jumpHost + 1}`, 'floating_ip_address (the SSH hop)'],
  ] as const)
  return [
    step('vm-mesh', 'reachability', [...needs, ['vip-port', 'fixed_ips.ip_address (part of the jump-host target)']], async (ctx) => {
      if (options.skipReachability) return new StepSkipped(SKIP_REACHABILITY)
      const mesh = rt.reachability?.fullMesh
      if (!mesh) return new StepSkipped(REACHABILITY_NOT_AVAILABLE)
      await mesh.call(rt.reachability, plan.vms.map((vm) => vmTarget(env, ctx, vm)), ctx.signal)
      return { vms: plan.vms.length }
    }),
  ]
}
