/**
 * The network: router with its external gateway, the jump-host network and the VM networks
 * (AZ hints), their subnets on OSHM's address plan with DNS servers, the router interfaces,
 * and the SNAT route via the VIP when the router has no SNAT.
 *
 * @module
 */
import type { Port, Router, RouterInterface, Subnet } from '../../../openstack/index.js'
import {
  addRouterInterface,
  createNetwork,
  createRouter,
  createSubnet,
  deleteNetwork,
  deleteRouter,
  deleteSubnet,
  getRouter,
  OpenStackError,
  removeRouterInterface,
  updateRouter,
} from '../../../openstack/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { JUMP_HOST_CIDR, names, vmSubnetCidr } from '../plan.js'
import type { KeptRouter, RouterReuse } from '../router-reuse.js'
import { tagResource } from './tags.js'

const gone = { missingOk: true }

/** Step ids of VM network `n` (1-based). */
export const netIds = (n: number) => ({ network: `net-vm-${n}`, subnet: `subnet-vm-${n}`, routerInterface: `router-if-vm-${n}` })

/** The network steps. */
export function networkSteps({ options, plan, rt }: ScenarioEnv): StepDefinition[] {
  const p = plan.prefix
  const network = (id: string, name: string, hints: string[] | undefined): StepDefinition =>
    step(id, 'network', [], async (ctx) => {
      const created = await rt.ledger.create(ctx, {
        kind: 'network',
        name,
        create: () => createNetwork(rt.session, { name, ...(hints ? { availability_zone_hints: hints } : {}) }),
        idOf: (net) => net.id,
        remove: async (netId) => void (await deleteNetwork(rt.session, netId, gone)),
      })
      await tagResource(rt, 'networks', created.id)
      return created.id
    })
  const subnet = (id: string, networkStep: string, name: string, cidr: string): StepDefinition =>
    step(id, 'network', [[networkStep, 'subnet.network_id']], async (ctx) => {
      const created = await rt.ledger.create(ctx, {
        kind: 'subnet',
        name,
        create: () => createSubnet(rt.session, { network_id: ctx.need<string>(networkStep), cidr, ip_version: 4, name, dns_nameservers: options.dnsServers }),
        idOf: (sub) => sub.id,
        remove: async (subnetId) => void (await deleteSubnet(rt.session, subnetId, gone)),
      })
      await tagResource(rt, 'subnets', created.id)
      return created.value
    })
  const routerInterface = (id: string, subnetStep: string, name: string): StepDefinition =>
    step(id, 'network', [['router', 'add_router_interface: router_id'], [subnetStep, 'add_router_interface: subnet_id']], async (ctx) => {
      const routerId = ctx.need<string>('router')
      const subnetId = ctx.need<Subnet>(subnetStep).id
      const created = await rt.ledger.create(ctx, {
        kind: 'router-interface',
        name,
        detail: { routerId, subnetId },
        create: () => addRouterInterface(rt.session, routerId, subnetId),
        idOf: (attached: RouterInterface) => attached.port_id,
        remove: async () => {
          await removeRouterInterface(rt.session, routerId, subnetId).catch((error: unknown) => {
            if (!(error instanceof OpenStackError && error.code === 'not_found')) throw error
          })
        },
      })
      return created.id
    })

  const steps: StepDefinition[] = [
    step('router', 'network', [], async (ctx) => {
      const reuse = rt.routerReuse
      if (reuse) return reusableRouter(rt, ctx, reuse, names.router(p))
      const name = names.router(p)
      const created = await rt.ledger.create(ctx, {
        kind: 'router',
        name,
        create: () => createRouter(rt.session, { name }),
        idOf: (router) => router.id,
        remove: async (routerId) => void (await deleteRouter(rt.session, routerId, gone)),
      })
      await tagResource(rt, 'routers', created.id)
      return created.id
    }),
    step('router-gateway', 'network', [['router', 'router.id'], ['external-network', 'external_gateway_info.network_id']], async (ctx) => {
      const routerId = ctx.need<string>('router')
      const networkId = ctx.need<string>('external-network')
      try {
        return await gateway(rt, routerId, networkId)
      } catch (error) {
        // A router that cannot take its gateway is not handed to the next iteration.
        if (rt.routerReuse) rt.routerReuse.keep = false
        throw error
      }
    }),
    network('net-jh', names.jumpHostNetwork(p), plan.networkHints[0]),
    subnet('subnet-jh', 'net-jh', names.jumpHostSubnet(p), JUMP_HOST_CIDR),
    routerInterface('router-if-jh', 'subnet-jh', `${names.router(p)}:${names.jumpHostSubnet(p)}`),
  ]
  for (let n = 1; n <= plan.networks; n++) {
    const ids = netIds(n)
    steps.push(
      network(ids.network, names.vmNetwork(p, n), plan.networkHints[n - 1]),
      subnet(ids.subnet, ids.network, names.vmSubnet(p, n), vmSubnetCidr(n - 1)),
      routerInterface(ids.routerInterface, ids.subnet, `${names.router(p)}:${names.vmSubnet(p, n)}`),
    )
  }
  steps.push(snatRoute({ options, plan, rt }))
  return steps
}

/**
 * OSHM `-r N`: the kept router, or a new one; either way its undo deletes it only when the loop
 * does not keep it, else hands it to the next iteration with its ledger row still open.
 */
async function reusableRouter(rt: ScenarioEnv['rt'], ctx: StepContext, reuse: RouterReuse, name: string): Promise<string> {
  const router = reuse.kept ?? (await newRouter(rt, ctx, name))
  ctx.undo({
    name: `router ${router.name}`,
    run: async () => {
      if (reuse.keep) {
        reuse.kept = router
        return
      }
      await deleteRouter(rt.session, router.id, gone)
      await rt.ledger.deleted(router.entryId)
      reuse.kept = null
    },
  })
  return router.id
}

/** Sets the router's external gateway; a kept router that has it already is only read. */
async function gateway(rt: ScenarioEnv['rt'], routerId: string, networkId: string): Promise<Router> {
  if (rt.routerReuse?.kept?.id === routerId) {
    const router = await getRouter(rt.session, routerId)
    if (router.external_gateway_info?.network_id === networkId) return router
  }
  return updateRouter(rt.session, routerId, { external_gateway_info: { network_id: networkId } })
}

async function newRouter(rt: ScenarioEnv['rt'], ctx: StepContext, name: string): Promise<KeptRouter> {
  // No `remove`: the undo above decides whether the router goes.
  const created = await rt.ledger.create(ctx, { kind: 'router', name, create: () => createRouter(rt.session, { name }), idOf: (router) => router.id })
  await tagResource(rt, 'routers', created.id)
  return { id: created.id, name, entryId: created.entryId }
}

/** OSHM: a router without SNAT (`enable_snat: false`) gets `0.0.0.0/0 → VIP`, so the jump hosts are the SNAT gateways. */
function snatRoute({ rt }: ScenarioEnv): StepDefinition {
  const needs = [
    ['router-gateway', 'router.external_gateway_info.enable_snat'],
    ['vip-port', 'router.routes.nexthop'],
    ['router-if-jh', 'router.routes.nexthop (on a connected subnet)'],
  ] as const
  return step('snat-route', 'network', needs, async (ctx) => {
    const routerId = ctx.need<Router>('router-gateway').id
    const router = await getRouter(rt.session, routerId)
    if (router.external_gateway_info?.enable_snat !== false) return { snat: true }
    const vip = ctx.need<Port>('vip-port').fixed_ips[0]?.ip_address
    if (!vip) throw new Error('the VIP port has no address')
    await updateRouter(rt.session, routerId, { routes: [{ destination: '0.0.0.0/0', nexthop: vip }] })
    ctx.undo({ name: `route 0.0.0.0/0 via ${vip}`, run: async () => void (await updateRouter(rt.session, routerId, { routes: [] })) })
    return { snat: false }
  })
}
