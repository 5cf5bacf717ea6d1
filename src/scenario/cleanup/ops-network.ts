/**
 * Cleanup operations of the Neutron kinds. A router is deleted after its routes are cleared and
 * its interfaces removed (Neutron refuses both otherwise); its gateway goes with it.
 *
 * @module
 */
import {
  deleteFloatingIp,
  deleteNetwork,
  deletePort,
  deleteRouter,
  deleteSecurityGroup,
  deleteSecurityGroupRule,
  deleteSubnet,
  getPort,
  getRouter,
  listFloatingIps,
  listNetworks,
  listPorts,
  listRouters,
  listSecurityGroups,
  listSubnets,
  removeRouterInterface,
  OpenStackError,
  updateRouter,
} from '../../openstack/index.js'
import type { OpenStackSession } from '../../openstack/index.js'
import type { CleanupKind } from './kinds.js'
import { detailString, unlessMissing } from './kind-ops.js'
import type { Found, KindOps } from './kind-ops.js'

const named = <T extends { id: string; name: string }>(items: T[]): Found[] => items.map((item) => ({ id: item.id, name: item.name }))

/** Device owners of the ports a router interface is made of. */
const INTERFACE_OWNERS = ['network:router_interface', 'network:router_interface_distributed', 'network:ha_router_replicated_interface']

/**
 * Clears a router's routes, removes every interface, deletes it; false when it was already gone.
 *
 * @example
 * await removeRouter(session, routerId)
 */
export async function removeRouter(session: OpenStackSession, routerId: string): Promise<boolean> {
  const present = await unlessMissing(async () => {
    const router = await getRouter(session, routerId)
    if (router.routes.length > 0) await updateRouter(session, routerId, { routes: [] })
  })
  if (!present) return false
  const ports = await listPorts(session, { device_id: routerId })
  for (const port of ports.filter((candidate) => INTERFACE_OWNERS.includes(candidate.device_owner))) {
    const subnetId = port.fixed_ips[0]?.subnet_id
    if (subnetId !== undefined) await unlessMissing(() => removeRouterInterface(session, routerId, subnetId))
  }
  return deleteRouter(session, routerId, { missingOk: true })
}

/**
 * Removes a router interface named by the ledger row's `detail` (`routerId`, `subnetId`), or
 * else by its port (the id `add_router_interface` answered with as `port_id`).
 */
async function removeInterface(session: OpenStackSession, id: string, detail: Record<string, unknown> | undefined): Promise<boolean> {
  let routerId = detailString(detail, 'routerId', 'router_id')
  let subnetId = detailString(detail, 'subnetId', 'subnet_id')
  if (routerId === null || subnetId === null) {
    const port = await getPort(session, id).catch((error: unknown) => {
      if (error instanceof OpenStackError && error.code === 'not_found') return null
      throw error
    })
    if (port === null || !INTERFACE_OWNERS.includes(port.device_owner)) return false
    routerId = port.device_id
    subnetId = port.fixed_ips[0]?.subnet_id ?? null
    if (subnetId === null) return false
  }
  const [router, subnet] = [routerId, subnetId]
  return unlessMissing(() => removeRouterInterface(session, router, subnet))
}

/** Operations of the network kinds. */
export const NETWORK_OPS: Readonly<Partial<Record<CleanupKind, KindOps>>> = {
  floatingip: {
    find: async (session, name) => (await listFloatingIps(session, { description: name })).map((ip) => ({ id: ip.id, name: ip.description ?? '' })),
    remove: (session, { id }) => deleteFloatingIp(session, id, { missingOk: true }),
  },
  port: {
    find: async (session, name) => named(await listPorts(session, { name })),
    remove: (session, { id }) => deletePort(session, id, { missingOk: true }),
  },
  'router-interface': {
    remove: (session, { id, detail }) => removeInterface(session, id, detail),
  },
  router: {
    find: async (session, name) => named(await listRouters(session, { name })),
    remove: (session, { id }) => removeRouter(session, id),
  },
  subnet: {
    find: async (session, name) => named(await listSubnets(session, { name })),
    remove: (session, { id }) => deleteSubnet(session, id, { missingOk: true }),
  },
  network: {
    find: async (session, name) => named(await listNetworks(session, { name })),
    remove: (session, { id }) => deleteNetwork(session, id, { missingOk: true }),
  },
  'security-group-rule': {
    remove: (session, { id }) => deleteSecurityGroupRule(session, id, { missingOk: true }),
  },
  'security-group': {
    find: async (session, name) => named(await listSecurityGroups(session, { name })),
    remove: (session, { id }) => deleteSecurityGroup(session, id, { missingOk: true }),
  },
}
