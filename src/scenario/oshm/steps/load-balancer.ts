/**
 * The load balancer (Octavia; amphora or OVN provider, HTTP or TCP): created early so it
 * provisions beside everything else, then pool (before the listener, as OSHM does), listener,
 * health monitor, one member per VM, and a floating IP on its VIP port. Every change holds the
 * load balancer in PENDING_UPDATE, so each step waits for ACTIVE again before the next.
 *
 * @module
 */
import type { LoadBalancer } from '../../../openstack/index.js'
import { createHealthMonitor, createListener, createLoadBalancer, createMember, createPool, deleteLoadBalancer } from '../../../openstack/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { names } from '../plan.js'
import { floatingIp, ROUTED } from './floating-ips.js'
import { netIds } from './network.js'
import type { BootedServer } from './servers.js'
import type { Requested } from './volumes.js'

/** The load-balancer steps (none unless enabled). */
export function loadBalancerSteps({ options, plan, rt }: ScenarioEnv): StepDefinition[] {
  const lbOptions = options.loadBalancer
  if (!lbOptions.enabled) return []
  const p = plan.prefix
  const lbId = (ctx: StepContext): string => ctx.need<LoadBalancer>('lb-active').id
  const child = async <T extends { id: string }>(ctx: StepContext, kind: string, name: string, create: () => Promise<T>): Promise<string> => {
    const requestedAt = rt.clock.now()
    const created = await rt.ledger.create(ctx, { kind, name, create, idOf: (made) => made.id })
    rt.loadBalancerChildren.push(created.entryId)
    await rt.waits.loadBalancerActive(lbId(ctx), requestedAt)
    return created.id
  }
  const steps: StepDefinition[] = [
    step('lb', 'load-balancer', [['subnet-jh', 'loadbalancer.vip_subnet_id']], async (ctx) => {
      const requestedAt = rt.clock.now()
      const name = names.loadBalancer(p)
      const body = { name, vip_subnet_id: ctx.need<{ id: string }>('subnet-jh').id, ...(lbOptions.provider ? { provider: lbOptions.provider } : {}), ...(lbOptions.flavorId ? { flavor_id: lbOptions.flavorId } : {}) }
      const created = await rt.ledger.create(ctx, {
        kind: 'loadbalancer',
        name,
        create: () => createLoadBalancer(rt.session, body),
        idOf: (made) => made.id,
        remove: async (id) => {
          const deleting = rt.clock.now()
          if (await deleteLoadBalancer(rt.session, id, { cascade: true, missingOk: true })) await rt.waits.loadBalancerGone(id, deleting)
          for (const entry of rt.loadBalancerChildren) await rt.ledger.deleted(entry)
        },
      })
      return { id: created.id, requestedAt, value: created.value }
    }),
    step('lb-active', 'load-balancer', [['lb', 'loadbalancer.id (polled until ACTIVE)']], async (ctx) => {
      const { id, requestedAt, value } = ctx.need<Requested & { value: LoadBalancer }>('lb')
      await rt.waits.loadBalancerActive(id, requestedAt)
      return value
    }, []),
    step('lb-pool', 'load-balancer', [['lb-active', 'pool.loadbalancer_id (an ACTIVE load balancer)']], (ctx) =>
      child(ctx, 'lb-pool', names.pool(p), () =>
        createPool(rt.session, {
          name: names.pool(p),
          loadbalancer_id: lbId(ctx),
          protocol: lbOptions.protocol,
          lb_algorithm: lbOptions.provider === 'ovn' ? 'SOURCE_IP_PORT' : 'ROUND_ROBIN',
          ...(lbOptions.protocol === 'HTTP' && lbOptions.provider !== 'ovn' ? { session_persistence: { type: 'HTTP_COOKIE' as const } } : {}),
        }),
      ),
    ),
    step('lb-listener', 'load-balancer', [['lb-active', 'listener.loadbalancer_id'], ['lb-pool', 'listener.default_pool_id']], (ctx) =>
      child(ctx, 'lb-listener', names.listener(p), () =>
        createListener(rt.session, { name: names.listener(p), loadbalancer_id: lbId(ctx), protocol: lbOptions.protocol, protocol_port: 80, default_pool_id: ctx.need<string>('lb-pool') }),
      ),
    ),
    step('lb-monitor', 'load-balancer', [['lb-active', 'loadbalancer.id'], ['lb-pool', 'healthmonitor.pool_id'], ['lb-listener', 'loadbalancer.provisioning_status (ACTIVE after the listener)']], (ctx) =>
      child(ctx, 'lb-healthmonitor', names.healthMonitor(p), () =>
        createHealthMonitor(rt.session, {
          name: names.healthMonitor(p),
          pool_id: ctx.need<string>('lb-pool'),
          type: lbOptions.protocol,
          delay: 3,
          timeout: 2,
          max_retries: 1,
          max_retries_down: 1,
          ...(lbOptions.protocol === 'HTTP' ? { url_path: '/hostname' } : {}),
        }),
      ),
    ),
  ]
  let previous = 'lb-monitor'
  for (const vm of plan.vms) {
    const address = options.precreatePorts ? ([`vm-port-${vm.number}`, 'member.address (the port’s fixed IP)'] as const) : ([`vm-${vm.number}-active`, 'member.address (the server’s fixed IP)'] as const)
    const subnet = netIds(vm.network + 1).subnet
    const withSubnet = lbOptions.provider !== undefined && lbOptions.provider !== 'amphora'
    const needs = [['lb-active', 'loadbalancer.id'], ['lb-pool', 'member: pool_id'], [previous, 'loadbalancer.provisioning_status (ACTIVE after the last change)'], address, ...(withSubnet ? [[subnet, 'member.subnet_id'] as const] : [])] as const
    const id = `lb-member-${vm.number}`
    steps.push(
      step(id, 'load-balancer', needs, (ctx) => {
        const source = ctx.need<{ fixed_ips?: Array<{ ip_address: string }> } & Partial<BootedServer>>(address[0])
        const ip = source.fixed_ips?.[0]?.ip_address ?? source.address ?? null
        if (ip === null) throw new Error(`VM ${vm.number} has no fixed IP for the pool`)
        const body = { name: names.member(p, vm.number), address: ip, protocol_port: 80, ...(withSubnet ? { subnet_id: ctx.need<{ id: string }>(subnet).id } : {}) }
        return child(ctx, 'lb-member', body.name, () => createMember(rt.session, ctx.need<string>('lb-pool'), body))
      }),
    )
    previous = id
  }
  steps.push(
    step('lb-fip', 'network', [['lb-active', 'floatingip.port_id (the VIP port)'], ...ROUTED], async (ctx) => {
      const vipPort = ctx.need<LoadBalancer>('lb-active').vip_port_id
      if (!vipPort) throw new Error('the load balancer has no VIP port')
      return floatingIp(rt, ctx, vipPort, names.loadBalancerFip(p))
    }),
  )
  return steps
}
