/**
 * Neutron ports (with allowed address pairs) and floating IPs.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, one, remove, versioned } from './shared.js'
import type { DeleteOptions, Filters, ListOptions } from './shared.js'

const FixedIpSchema = z.looseObject({ subnet_id: z.string(), ip_address: z.string() })
const AddressPairSchema = z.looseObject({ ip_address: z.string(), mac_address: z.string().optional() })

/** A port. */
export const PortSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  network_id: z.string(),
  status: z.string(),
  mac_address: z.string(),
  /** `network:router_interface`, `compute:nova`, `network:dhcp`, `Octavia`, … */
  device_owner: z.string(),
  device_id: z.string(),
  fixed_ips: z.array(FixedIpSchema),
  allowed_address_pairs: z.array(AddressPairSchema).default([]),
  security_groups: z.array(z.string()).default([]),
  tags: z.array(z.string()).optional(),
})
/** A Neutron port. */
export type Port = z.infer<typeof PortSchema>

/** A floating IP. */
export const FloatingIpSchema = z.looseObject({
  id: z.string(),
  floating_ip_address: z.string(),
  floating_network_id: z.string(),
  port_id: z.string().nullable(),
  fixed_ip_address: z.string().nullable(),
  status: z.string(),
  description: z.string().optional(),
  router_id: z.string().nullish(),
})
/** A Neutron floating IP. */
export type FloatingIp = z.infer<typeof FloatingIpSchema>

/** Fields of `POST /v2.0/ports`. */
export interface PortCreate {
  network_id: string
  name?: string
  description?: string
  /** Security group ids. */
  security_groups?: string[]
  fixed_ips?: Array<{ subnet_id: string; ip_address?: string }>
  allowed_address_pairs?: Array<{ ip_address: string; mac_address?: string }>
  port_security_enabled?: boolean
}

/** Fields of `PUT /v2.0/ports/{id}`. */
export interface PortUpdate {
  name?: string
  security_groups?: string[]
  allowed_address_pairs?: Array<{ ip_address: string; mac_address?: string }>
}

/** Fields of `POST /v2.0/floatingips`. */
export interface FloatingIpCreate {
  floating_network_id: string
  port_id?: string
  fixed_ip_address?: string
  description?: string
}

const neutron = (session: OpenStackSession, path: string) => versioned(session, 'network', 'v2.0', path)

/**
 * Creates a port (`POST /v2.0/ports`).
 *
 * @example
 * await createPort(session, { network_id, name: 'glasshouse-1a2b-vip', fixed_ips: [{ subnet_id }] })
 */
export async function createPort(session: OpenStackSession, body: PortCreate): Promise<Port> {
  return one(session, 'POST', 'network', 'network.ports.create', await neutron(session, '/ports'), { body: { port: body } }, 'port', PortSchema)
}

/**
 * Ports (`GET /v2.0/ports`); filter e.g. `{ network_id }`, `{ fixed_ips: 'subnet_id=…' }`, `{ device_id }`.
 *
 * @example
 * const onSubnet = await listPorts(session, { fixed_ips: `subnet_id=${subnetId}` })
 */
export async function listPorts(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Port[]> {
  return many(session, 'network', 'network.ports.list', await neutron(session, '/ports'), filters, PortSchema, 'ports', options)
}

/**
 * One port (`GET /v2.0/ports/{port_id}`).
 *
 * @example
 * (await getPort(session, id)).fixed_ips[0]?.ip_address
 */
export async function getPort(session: OpenStackSession, portId: string): Promise<Port> {
  return one(session, 'GET', 'network', 'network.ports.get', await neutron(session, '/ports/{port_id}'), { path: { port_id: portId } }, 'port', PortSchema)
}

/**
 * Updates a port (`PUT /v2.0/ports/{port_id}`), e.g. its allowed address pairs.
 *
 * @example
 * await updatePort(session, id, { allowed_address_pairs: [{ ip_address: '0.0.0.0/0' }] })
 */
export async function updatePort(session: OpenStackSession, portId: string, body: PortUpdate): Promise<Port> {
  const params = { path: { port_id: portId }, body: { port: body } }
  return one(session, 'PUT', 'network', 'network.ports.update', await neutron(session, '/ports/{port_id}'), params, 'port', PortSchema)
}

/**
 * Deletes a port (`DELETE /v2.0/ports/{port_id}`).
 *
 * @example
 * await deletePort(session, id, { missingOk: true })
 */
export async function deletePort(session: OpenStackSession, portId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'network', 'network.ports.delete', await neutron(session, '/ports/{port_id}'), { path: { port_id: portId } }, options)
}

/**
 * Allocates a floating IP (`POST /v2.0/floatingips`), associated with `port_id` if given.
 *
 * @example
 * await createFloatingIp(session, { floating_network_id: publicId, port_id, description: 'glasshouse-1a2b' })
 */
export async function createFloatingIp(session: OpenStackSession, body: FloatingIpCreate): Promise<FloatingIp> {
  return one(session, 'POST', 'network', 'network.floatingips.create', await neutron(session, '/floatingips'), { body: { floatingip: body } }, 'floatingip', FloatingIpSchema)
}

/**
 * Floating IPs (`GET /v2.0/floatingips`); filter e.g. `{ port_id }`, `{ description }`.
 *
 * @example
 * await listFloatingIps(session, { floating_network_id: publicId })
 */
export async function listFloatingIps(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<FloatingIp[]> {
  return many(session, 'network', 'network.floatingips.list', await neutron(session, '/floatingips'), filters, FloatingIpSchema, 'floatingips', options)
}

/**
 * Associates a floating IP with a port, or disassociates it (`port_id: null`)
 * (`PUT /v2.0/floatingips/{floatingip_id}`).
 *
 * @example
 * await updateFloatingIp(session, id, { port_id: null })
 */
export async function updateFloatingIp(session: OpenStackSession, floatingIpId: string, body: { port_id: string | null; description?: string }): Promise<FloatingIp> {
  const params = { path: { floatingip_id: floatingIpId }, body: { floatingip: body } }
  return one(session, 'PUT', 'network', 'network.floatingips.update', await neutron(session, '/floatingips/{floatingip_id}'), params, 'floatingip', FloatingIpSchema)
}

/**
 * Releases a floating IP (`DELETE /v2.0/floatingips/{floatingip_id}`).
 *
 * @example
 * await deleteFloatingIp(session, id, { missingOk: true })
 */
export async function deleteFloatingIp(session: OpenStackSession, floatingIpId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'network', 'network.floatingips.delete', await neutron(session, '/floatingips/{floatingip_id}'), { path: { floatingip_id: floatingIpId } }, options)
}
