/**
 * The load balancer's checks, as OSHM's LB test (§2.5 6–7 of its description) but every phase
 * its own step: the pool ONLINE (status tree), round robin through the floating IP, stop the
 * HTTP backend of half the VMs over SSH, the pool DEGRADED and traffic only from the rest, start
 * them again, ONLINE and full round robin again. They run the plugged-in reachability checks;
 * with `skipReachability`, or without checks, they are `skipped`, never passed.
 *
 * @module
 */
import type { FloatingIp, LoadBalancer } from '../../../openstack/index.js'
import type { LbTrafficOutcome } from '../../reachability/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { step, StepSkipped } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { names } from '../plan.js'
import type { VmSlot } from '../plan.js'
import { REACHABILITY_NOT_AVAILABLE, SKIP_REACHABILITY } from '../reachability-hook.js'
import type { ReachabilityChecks } from '../reachability-hook.js'
import { LB_HEALTH_WAIT_MS, waitForHealth } from './lb-status.js'
import { vmTarget } from './reachability.js'

/** The steps this module adds, in order (each `skipped` with `skipReachability`). */
export const LB_CHECK_STEPS = ['lb-online', 'lb-traffic', 'lb-backends-stop', 'lb-failover', 'lb-backends-start', 'lb-recovered'] as const

/**
 * Requests per traffic check: OSHM's #VMs + 1, enough for a round robin; OVN's `SOURCE_IP_PORT`
 * hashes each connection instead, so it gets ten per backend (a backend is missed with a
 * chance of about #VMs · (1 − 1/#VMs)^(10·#VMs), 1.5e-5 for three).
 *
 * @example
 * trafficRequests(3, 'amphora') // 4
 */
export function trafficRequests(backends: number, provider: string | undefined): number {
  return provider === 'ovn' ? 10 * backends : backends + 1
}

/**
 * The VMs whose backend the failover test stops: the last ⌊n/2⌋ (OSHM kills about half, at
 * least the last one); none with a single VM, whose pool could only go ERROR.
 *
 * @example
 * failoverVms(plan.vms).map((vm) => vm.number) // [3] of three VMs
 */
export function failoverVms(vms: readonly VmSlot[]): VmSlot[] {
  return vms.slice(vms.length - Math.floor(vms.length / 2))
}

/** The two checks these steps need of the plugged-in reachability checks. */
type LbChecks = Required<Pick<ReachabilityChecks, 'loadBalancer' | 'loadBalancerBackend'>>

/** The load balancer's check steps (none unless the load balancer is enabled). */
export function loadBalancerCheckSteps(env: ScenarioEnv): StepDefinition[] {
  const { options, plan, rt } = env
  if (!options.loadBalancer.enabled) return []
  const guarded =
    <T>(run: (checks: LbChecks, ctx: StepContext) => Promise<T>) =>
    async (ctx: StepContext): Promise<T | StepSkipped> => {
      if (options.skipReachability) return new StepSkipped(SKIP_REACHABILITY)
      const checks = rt.reachability
      if (!checks?.loadBalancer || !checks.loadBalancerBackend) return new StepSkipped(REACHABILITY_NOT_AVAILABLE)
      return run({ loadBalancer: checks.loadBalancer.bind(checks), loadBalancerBackend: checks.loadBalancerBackend.bind(checks) }, ctx)
    }
  const health = (ctx: StepContext, down: readonly string[]) =>
    waitForHealth(rt, {
      loadBalancerId: ctx.need<LoadBalancer>('lb-active').id,
      memberCount: plan.vms.length,
      expectation: { down },
      timeoutMs: LB_HEALTH_WAIT_MS * options.timeoutScale,
      intervalMs: options.pollIntervalMs,
      signal: ctx.signal,
    })
  const traffic = (checks: LbChecks, ctx: StepContext, backends: number, silent: readonly string[] = []): Promise<LbTrafficOutcome> =>
    checks.loadBalancer({ address: ctx.need<FloatingIp>('lb-fip').floating_ip_address, protocol: options.loadBalancer.protocol }, { requests: trafficRequests(plan.vms.length, options.loadBalancer.provider), backends, silent }, ctx.signal)
  const status = ['lb-active', 'loadbalancer.id (GET …/status)'] as const
  const target = ['lb-fip', 'floating_ip_address (the traffic’s target)'] as const

  const steps: StepDefinition[] = [
    step('lb-online', 'load-balancer', [status, ['lb-monitor', 'healthmonitor.id (members are ONLINE once it checked them)'], ...plan.vms.map((vm) => [`lb-member-${vm.number}`, 'member.operating_status'] as const)], guarded((_checks, ctx) => health(ctx, [])), []),
    step('lb-traffic', 'load-balancer', [target, ['lb-online', 'member.operating_status ONLINE (every backend in the rotation)']], guarded((checks, ctx) => traffic(checks, ctx, plan.vms.length)), []),
  ]
  const stopped = failoverVms(plan.vms)
  if (stopped.length === 0) return steps
  const sshNeeds = stopped.flatMap((vm) => [
    [`vm-${vm.number}-reach`, 'SSH login through the forward (DNAT FIP:port → VM:22)'],
    [`vm-${vm.number}-active`, 'server fixed IP (the forward’s target)'],
  ] as const)
  const jumpHostNeeds = [...new Set(stopped.map((vm) => vm.jumpHost + 1))].map((number) => [`jh-fip-${number}`, 'floating_ip_address (SSH target)'] as const)
  const sshTargets = [...sshNeeds, ...jumpHostNeeds, ['vip-port', 'fixed_ips.ip_address (the jump host’s VIP)'] as const]
  const backends = (action: 'stop' | 'start') => guarded(async (checks, ctx) => Promise.all(stopped.map((vm) => checks.loadBalancerBackend(vmTarget(env, ctx, vm), action, ctx.signal))))
  const stoppedMembers = stopped.map((vm) => names.member(plan.prefix, vm.number))
  steps.push(
    step('lb-backends-stop', 'load-balancer', [['lb-traffic', 'every backend answered (before one stops)'], ...sshTargets], backends('stop'), ['reachability']),
    step('lb-failover', 'load-balancer', [status, target, ['lb-backends-stop', 'the stopped backends’ names (must stay silent)']], guarded(async (checks, ctx) => {
      await health(ctx, stoppedMembers)
      return traffic(checks, ctx, plan.vms.length - stopped.length, ctx.need<string[]>('lb-backends-stop'))
    }), []),
    step('lb-backends-start', 'load-balancer', [['lb-failover', 'member.operating_status DEGRADED seen (then start again)'], ...sshTargets], backends('start'), ['reachability']),
    step('lb-recovered', 'load-balancer', [status, target, ['lb-backends-start', 'the backends listen again']], guarded(async (checks, ctx) => {
      await health(ctx, [])
      return traffic(checks, ctx, plan.vms.length)
    }), []),
  )
  return steps
}
