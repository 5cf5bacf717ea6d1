/**
 * The reachability steps, as a customer sees it from the monitor host: each jump host (ping,
 * SSH, outbound ping and DNS), its port forwarding, each VM through it (SSH, user-data marker,
 * outbound ping); the load balancer's checks are in lb-checks.ts. They run the plugged-in
 * {@link ReachabilityChecks}; with `skipReachability`, or none plugged in, they are skipped.
 *
 * @module
 */
import type { FloatingIp, Port } from '../../../openstack/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { ScenarioStepError, step, StepSkipped } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { REACHABILITY_NOT_AVAILABLE, SKIP_REACHABILITY, userDataMarker } from '../reachability-hook.js'
import type { JumpHostTarget, ReachabilityChecks, VmTarget } from '../reachability-hook.js'
import type { VmSlot } from '../plan.js'
import type { BootedServer } from './servers.js'

/** The reachability steps. */
export function reachabilitySteps(env: ScenarioEnv): StepDefinition[] {
  const { options, plan, rt } = env
  const guarded = (run: (checks: ReachabilityChecks, ctx: StepContext) => Promise<unknown>) => async (ctx: StepContext) => {
    if (options.skipReachability) return new StepSkipped(SKIP_REACHABILITY)
    if (!rt.reachability) return new StepSkipped(REACHABILITY_NOT_AVAILABLE)
    return run(rt.reachability, ctx)
  }
  const jumpHost = (ctx: StepContext, number: number): JumpHostTarget => jumpHostTarget(env, ctx, number)
  const targetNeeds = (number: number) =>
    [
      [`jh-fip-${number}`, 'floating_ip_address (ping and SSH target)'],
      ['vip-port', 'fixed_ips.ip_address (the VIP the jump host answers for)'],
    ] as const

  const steps: StepDefinition[] = []
  for (const { number } of plan.jumpHosts) {
    const mine = plan.vms.filter((vm) => vm.jumpHost === number - 1)
    steps.push(
      step(`jh-${number}-reach`, 'reachability', [...targetNeeds(number), [`jh-${number}-active`, 'server.status ACTIVE']], guarded((checks, ctx) => checks.jumpHost(jumpHost(ctx, number), ctx.signal))),
      step(
        `jh-${number}-forward`,
        'reachability',
        [...targetNeeds(number), [`jh-${number}-reach`, 'SSH login to the jump host'], ...mine.map((vm) => [`vm-${vm.number}-active`, 'server fixed IP (DNAT target)'] as const)],
        guarded(async (checks, ctx) => {
          const forwards = mine.map((vm) => ({ port: vm.forwardPort, address: addressOf(ctx, vm.number) }))
          await checks.portForwarding(jumpHost(ctx, number), forwards, ctx.signal)
        }),
      ),
    )
  }
  for (const vm of plan.vms) {
    const jh = vm.jumpHost + 1
    steps.push(
      step(`vm-${vm.number}-reach`, 'reachability', [...targetNeeds(jh), [`jh-${jh}-forward`, 'DNAT rule FIP:port → VM:22'], [`vm-${vm.number}-active`, 'server fixed IP']], guarded((checks, ctx) =>
        checks.vm(vmTarget(env, ctx, vm), ctx.signal),
      )),
    )
  }
  return steps
}

/**
 * A jump host as the checks reach it; the step must need `jh-fip-<number>` and `vip-port`.
 *
 * @example
 * checks.jumpHost(jumpHostTarget(env, ctx, 1), ctx.signal)
 */
export function jumpHostTarget({ plan, rt }: ScenarioEnv, ctx: StepContext, number: number): JumpHostTarget {
  return {
    number,
    floatingIp: ctx.need<FloatingIp>(`jh-fip-${number}`).floating_ip_address,
    vip: ctx.need<Port>('vip-port').fixed_ips[0]?.ip_address ?? '',
    user: plan.sshUser,
    key: rt.keys.jumpHost,
  }
}

/**
 * A VM as the checks reach it (through its jump host's forward); the step must need its jump
 * host's targets and `vm-<number>-active`.
 *
 * @example
 * checks.vm(vmTarget(env, ctx, plan.vms[0]!), ctx.signal)
 */
export function vmTarget(env: ScenarioEnv, ctx: StepContext, vm: VmSlot): VmTarget {
  const { plan, rt } = env
  return { number: vm.number, address: addressOf(ctx, vm.number), jumpHost: jumpHostTarget(env, ctx, vm.jumpHost + 1), forwardPort: vm.forwardPort, user: plan.sshUser, key: rt.keys.vm, marker: userDataMarker(plan.prefix, vm.number) }
}

function addressOf(ctx: StepContext, vm: number): string {
  const address = ctx.need<BootedServer>(`vm-${vm}-active`).address
  if (address === null) throw new ScenarioStepError(`VM ${vm} has no fixed IPv4 address`, 'resource_error')
  return address
}
