/**
 * The janitor: finds an owner's resources that escaped the ledger — by name prefix, by the
 * owner's Neutron tag, by a floating IP's description — and Octavia's ports on the owner's
 * networks (a load balancer's VIP and amphora ports, `octavia-lb-*`, OVN's `ovn-lb-hm-*`), which
 * a failed load-balancer deletion leaves behind.
 *
 * @module
 */
import {
  listFloatingIps,
  listKeypairs,
  listLoadBalancers,
  listNetworks,
  listPorts,
  listRouters,
  listSecurityGroups,
  listServers,
  listSubnets,
  listVolumes,
  OpenStackError,
} from '../../openstack/index.js'
import type { OpenStackSession, Port } from '../../openstack/index.js'
import type { CleanupKind } from './kinds.js'

/** A resource the janitor found. */
export interface Swept {
  kind: CleanupKind
  id: string
  name: string
}

/** The owner's marks: the name prefix and the Neutron tag. */
export interface OwnerMarks {
  prefix: string
  tag: string
}

interface Marked {
  name?: string | null
  description?: string | null
  tags?: string[] | undefined
}

/** Ports that belong to their network (DHCP) or to a router's interfaces and gateway: never deleted as ports. */
const NOT_PORTS = /^network:(dhcp|router_)/

/**
 * Whether a port is Octavia's (a VIP or amphora port, or OVN's health-monitor port).
 *
 * @example
 * isOctaviaPort({ name: 'octavia-lb-vrrp-1a2b', device_owner: 'Octavia' }) // true
 */
export function isOctaviaPort(port: Pick<Port, 'name' | 'device_owner'>): boolean {
  return port.device_owner === 'Octavia' || port.device_owner.startsWith('ovn-lb-hm') || port.name.startsWith('octavia-lb-') || port.name.startsWith('ovn-lb-hm-')
}

/**
 * Everything of the owner the janitor finds. `knownNetworks` are the owner's networks from the
 * ledger; Octavia's ports are searched on them and on the networks the sweep finds, and count as
 * leaked when no load balancer that still exists names them (a live one's go with its deletion).
 *
 * @example
 * const swept = await sweep(session, { prefix: 'gh-mon1-', tag: 'glasshouse-owner-mon1' }, new Set([networkId]))
 */
export async function sweep(session: OpenStackSession, marks: OwnerMarks, knownNetworks: ReadonlySet<string>): Promise<Swept[]> {
  const mine = (item: Marked) => (item.name ?? '').startsWith(marks.prefix) || (item.tags ?? []).includes(marks.tag)
  const networks = (await listNetworks(session)).filter(mine)
  const ourNetworks = new Set([...knownNetworks, ...networks.map((network) => network.id)])
  const [subnets, routers, groups, ports, floatingIps, servers, volumes, keypairs, loadBalancers] = await Promise.all([
    listSubnets(session),
    listRouters(session),
    listSecurityGroups(session),
    listPorts(session),
    listFloatingIps(session),
    listServers(session, { name: `^${marks.prefix}` }),
    listVolumes(session),
    listKeypairs(session),
    unlessNoService(() => listLoadBalancers(session)),
  ])
  const onOurNetworks = new Set(ports.filter((port) => ourNetworks.has(port.network_id)).map((port) => port.id))
  const lbIds = loadBalancers.map((lb) => lb.id)
  const orphanedOctavia = (port: Port) => ourNetworks.has(port.network_id) && isOctaviaPort(port) && !lbIds.some((id) => port.name.includes(id) || port.device_id.includes(id))
  const as = (kind: CleanupKind) => (item: { id: string; name?: string | null }): Swept => ({ kind, id: item.id, name: item.name ?? '' })
  return [
    ...loadBalancers.filter(mine).map(as('loadbalancer')),
    ...floatingIps
      .filter((ip) => (ip.description ?? '').startsWith(marks.prefix) || mine(ip) || (ip.port_id !== null && onOurNetworks.has(ip.port_id)))
      .map((ip) => ({ kind: 'floatingip' as const, id: ip.id, name: ip.description || ip.floating_ip_address })),
    ...servers.filter((server) => server.name.startsWith(marks.prefix)).map(as('server')),
    ...volumes.filter(mine).map(as('volume')),
    ...ports.filter((port) => !NOT_PORTS.test(port.device_owner) && (mine(port) || orphanedOctavia(port))).map(as('port')),
    ...routers.filter(mine).map(as('router')),
    ...subnets.filter((subnet) => mine(subnet) || ourNetworks.has(subnet.network_id)).map(as('subnet')),
    ...networks.map(as('network')),
    ...groups.filter((group) => group.name !== 'default' && mine(group)).map(as('security-group')),
    ...keypairs.filter((keypair) => keypair.name.startsWith(marks.prefix)).map((keypair) => ({ kind: 'keypair' as const, id: keypair.name, name: keypair.name })),
  ]
}

/** A list of a service the catalog lacks (no Octavia) is empty. */
async function unlessNoService<T>(list: () => Promise<T[]>): Promise<T[]> {
  try {
    return await list()
  } catch (error) {
    if (error instanceof OpenStackError && error.code === 'not_found' && error.status === null) return []
    throw error
  }
}
