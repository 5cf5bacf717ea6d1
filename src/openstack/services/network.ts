/**
 * Neutron (network v2.0): availability zones, networks, subnets, routers with gateway, routes
 * and interfaces, and tags. Security groups are in `network-security.ts`, ports and floating
 * IPs in `network-ports.ts`.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, one, remove, versioned } from './shared.js'
import type { DeleteOptions, Filters, ListOptions } from './shared.js'

/** A Neutron availability zone. */
export const NetworkZoneSchema = z.looseObject({ name: z.string(), resource: z.string(), state: z.string() })
/** A Neutron availability zone (`resource`: `network` or `router`). */
export type NetworkZone = z.infer<typeof NetworkZoneSchema>

/** A network. */
export const NetworkSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  subnets: z.array(z.string()).default([]),
  'router:external': z.boolean().optional(),
  availability_zone_hints: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
})
/** A Neutron network. */
export type Network = z.infer<typeof NetworkSchema>

/** A subnet. */
export const SubnetSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  network_id: z.string(),
  cidr: z.string(),
  ip_version: z.number(),
  gateway_ip: z.string().nullable(),
  dns_nameservers: z.array(z.string()).default([]),
  tags: z.array(z.string()).optional(),
})
/** A Neutron subnet. */
export type Subnet = z.infer<typeof SubnetSchema>

const RouteSchema = z.looseObject({ destination: z.string(), nexthop: z.string() })

/** A router. */
export const RouterSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  external_gateway_info: z
    .looseObject({ network_id: z.string(), enable_snat: z.boolean().optional(), external_fixed_ips: z.array(z.looseObject({ subnet_id: z.string(), ip_address: z.string() })).optional() })
    .nullable(),
  routes: z.array(RouteSchema).default([]),
  tags: z.array(z.string()).optional(),
})
/** A Neutron router. */
export type Router = z.infer<typeof RouterSchema>

/** The answer of `add_router_interface` and `remove_router_interface`. */
export const RouterInterfaceSchema = z.looseObject({ id: z.string(), subnet_id: z.string(), port_id: z.string(), network_id: z.string().optional() })
/** A router interface. */
export type RouterInterface = z.infer<typeof RouterInterfaceSchema>

/** Resources Neutron tags (`PUT /v2.0/{resource}/{id}/tags`). */
export type TaggedResource = 'networks' | 'subnets' | 'ports' | 'routers' | 'security-groups' | 'floatingips'

/** Fields of `POST /v2.0/networks`. */
export interface NetworkCreate {
  name: string
  availability_zone_hints?: string[]
  description?: string
  admin_state_up?: boolean
}

/** Fields of `POST /v2.0/subnets`. */
export interface SubnetCreate {
  network_id: string
  cidr: string
  ip_version: 4 | 6
  name?: string
  dns_nameservers?: string[]
  gateway_ip?: string | null
  enable_dhcp?: boolean
  description?: string
}

/** Fields of `POST /v2.0/routers` and `PUT /v2.0/routers/{id}`. */
export interface RouterFields {
  name?: string
  description?: string
  external_gateway_info?: { network_id: string; enable_snat?: boolean } | null
  routes?: Array<{ destination: string; nexthop: string }>
  availability_zone_hints?: string[]
}

const neutron = (session: OpenStackSession, path: string) => versioned(session, 'network', 'v2.0', path)

/**
 * Network availability zones (`GET /v2.0/availability_zones`).
 *
 * @example
 * (await listNetworkZones(session)).filter((zone) => zone.resource === 'network')
 */
export async function listNetworkZones(session: OpenStackSession): Promise<NetworkZone[]> {
  return one(session, 'GET', 'network', 'network.availability_zones.list', await neutron(session, '/availability_zones'), {}, 'availability_zones', z.array(NetworkZoneSchema))
}

/**
 * Networks (`GET /v2.0/networks`); filter e.g. `{ 'router:external': true }`, `{ name }`, `{ tags }`.
 *
 * @example
 * const [external] = await listNetworks(session, { 'router:external': true })
 */
export async function listNetworks(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Network[]> {
  return many(session, 'network', 'network.networks.list', await neutron(session, '/networks'), filters, NetworkSchema, 'networks', options)
}

/**
 * Creates a network (`POST /v2.0/networks`).
 *
 * @example
 * await createNetwork(session, { name: 'glasshouse-1a2b-net', availability_zone_hints: ['az1'] })
 */
export async function createNetwork(session: OpenStackSession, body: NetworkCreate): Promise<Network> {
  return one(session, 'POST', 'network', 'network.networks.create', await neutron(session, '/networks'), { body: { network: body } }, 'network', NetworkSchema)
}

/**
 * One network (`GET /v2.0/networks/{network_id}`).
 *
 * @example
 * (await getNetwork(session, id)).status // 'ACTIVE'
 */
export async function getNetwork(session: OpenStackSession, networkId: string): Promise<Network> {
  return one(session, 'GET', 'network', 'network.networks.get', await neutron(session, '/networks/{network_id}'), { path: { network_id: networkId } }, 'network', NetworkSchema)
}

/**
 * Deletes a network (`DELETE /v2.0/networks/{network_id}`; 409 while ports remain).
 *
 * @example
 * await deleteNetwork(session, id, { missingOk: true })
 */
export async function deleteNetwork(session: OpenStackSession, networkId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'network', 'network.networks.delete', await neutron(session, '/networks/{network_id}'), { path: { network_id: networkId } }, options)
}

/**
 * Subnets (`GET /v2.0/subnets`); filter e.g. `{ network_id }`.
 *
 * @example
 * await listSubnets(session, { network_id: id })
 */
export async function listSubnets(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Subnet[]> {
  return many(session, 'network', 'network.subnets.list', await neutron(session, '/subnets'), filters, SubnetSchema, 'subnets', options)
}

/**
 * Creates a subnet (`POST /v2.0/subnets`).
 *
 * @example
 * await createSubnet(session, { network_id: id, cidr: '10.250.0.0/24', ip_version: 4, dns_nameservers: ['9.9.9.9'] })
 */
export async function createSubnet(session: OpenStackSession, body: SubnetCreate): Promise<Subnet> {
  return one(session, 'POST', 'network', 'network.subnets.create', await neutron(session, '/subnets'), { body: { subnet: body } }, 'subnet', SubnetSchema)
}

/**
 * Deletes a subnet (`DELETE /v2.0/subnets/{subnet_id}`).
 *
 * @example
 * await deleteSubnet(session, id)
 */
export async function deleteSubnet(session: OpenStackSession, subnetId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'network', 'network.subnets.delete', await neutron(session, '/subnets/{subnet_id}'), { path: { subnet_id: subnetId } }, options)
}

/**
 * Routers (`GET /v2.0/routers`).
 *
 * @example
 * await listRouters(session, { name: 'glasshouse-1a2b-router' })
 */
export async function listRouters(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Router[]> {
  return many(session, 'network', 'network.routers.list', await neutron(session, '/routers'), filters, RouterSchema, 'routers', options)
}

/**
 * Creates a router (`POST /v2.0/routers`), optionally with its external gateway.
 *
 * @example
 * await createRouter(session, { name, external_gateway_info: { network_id: publicId } })
 */
export async function createRouter(session: OpenStackSession, body: RouterFields): Promise<Router> {
  return one(session, 'POST', 'network', 'network.routers.create', await neutron(session, '/routers'), { body: { router: body } }, 'router', RouterSchema)
}

/**
 * One router (`GET /v2.0/routers/{router_id}`): `external_gateway_info.enable_snat`, `routes`.
 *
 * @example
 * (await getRouter(session, id)).external_gateway_info?.enable_snat
 */
export async function getRouter(session: OpenStackSession, routerId: string): Promise<Router> {
  return one(session, 'GET', 'network', 'network.routers.get', await neutron(session, '/routers/{router_id}'), { path: { router_id: routerId } }, 'router', RouterSchema)
}

/**
 * Updates a router (`PUT /v2.0/routers/{router_id}`): the gateway, or `routes` (`[]` clears them).
 *
 * @example
 * await updateRouter(session, id, { routes: [{ destination: '0.0.0.0/0', nexthop: vip }] })
 */
export async function updateRouter(session: OpenStackSession, routerId: string, body: RouterFields): Promise<Router> {
  const params = { path: { router_id: routerId }, body: { router: body } }
  return one(session, 'PUT', 'network', 'network.routers.update', await neutron(session, '/routers/{router_id}'), params, 'router', RouterSchema)
}

/**
 * Connects a subnet to a router (`PUT /v2.0/routers/{router_id}/add_router_interface`).
 *
 * @example
 * await addRouterInterface(session, routerId, subnetId)
 */
export async function addRouterInterface(session: OpenStackSession, routerId: string, subnetId: string): Promise<RouterInterface> {
  const params = { path: { router_id: routerId }, body: { subnet_id: subnetId } }
  const { data } = await session.put('network', 'network.routers.add_interface', await neutron(session, '/routers/{router_id}/add_router_interface'), params, RouterInterfaceSchema)
  return data
}

/**
 * Disconnects a subnet from a router (`PUT /v2.0/routers/{router_id}/remove_router_interface`).
 *
 * @example
 * await removeRouterInterface(session, routerId, subnetId)
 */
export async function removeRouterInterface(session: OpenStackSession, routerId: string, subnetId: string): Promise<RouterInterface> {
  const params = { path: { router_id: routerId }, body: { subnet_id: subnetId } }
  const { data } = await session.put('network', 'network.routers.remove_interface', await neutron(session, '/routers/{router_id}/remove_router_interface'), params, RouterInterfaceSchema)
  return data
}

/**
 * Deletes a router (`DELETE /v2.0/routers/{router_id}`; 409 while interfaces remain).
 *
 * @example
 * await deleteRouter(session, id, { missingOk: true })
 */
export async function deleteRouter(session: OpenStackSession, routerId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'network', 'network.routers.delete', await neutron(session, '/routers/{router_id}'), { path: { router_id: routerId } }, options)
}

/**
 * Replaces a resource's tags (`PUT /v2.0/{resource}/{id}/tags`); list filter `{ tags: 'a,b' }`.
 *
 * @example
 * await setTags(session, 'networks', id, ['glasshouse', 'run-1a2b'])
 */
export async function setTags(session: OpenStackSession, resource: TaggedResource, id: string, tags: string[]): Promise<string[]> {
  const params = { path: { resource_id: id }, body: { tags } }
  const path = await neutron(session, `/${resource}/{resource_id}/tags`)
  return one(session, 'PUT', 'network', `network.${resource.replace('-', '_')}.tags.update`, path, params, 'tags', z.array(z.string()))
}
