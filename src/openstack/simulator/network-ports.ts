/**
 * Neutron's address bookkeeping: IPv4 arithmetic, address allocation per subnet and port
 * creation the way Neutron does it (addresses allocated, the default security group applied).
 *
 * @module
 */
import type { Row, Sim } from './state.js'
import { insert, table } from './state.js'

const ipToInt = (ip: string): number => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0)

/**
 * An IPv4 address as text.
 *
 * @example
 * intToIp(167772161) // '10.0.0.1'
 */
export const intToIp = (value: number): string => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.')

/**
 * The address `offset` hosts into a CIDR.
 *
 * @example
 * hostOf('10.0.0.0/24', 1) // '10.0.0.1'
 */
export function hostOf(cidr: string, offset: number): string {
  return intToIp(ipToInt(cidr.split('/')[0] ?? '') + offset)
}

/**
 * Whether an IPv4 address lies in a CIDR.
 *
 * @example
 * inCidr('10.0.0.5', '10.0.0.0/24') // true
 */
export function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/')
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0)
}

/**
 * The next free address of a subnet (from `.10` on).
 *
 * @example
 * allocate(sim, subnet) // '10.250.0.10'
 */
export function allocate(sim: Sim, subnet: Row): string {
  const next = sim.nextHost.get(subnet.id) ?? 10
  sim.nextHost.set(subnet.id, next + 1)
  return hostOf(String(subnet.cidr), next)
}

/**
 * Creates a port row the way Neutron does, or says why not.
 *
 * @example
 * createPortRow(sim, { network_id, device_owner: 'compute:nova', device_id: serverId })
 */
export function createPortRow(sim: Sim, fields: Record<string, unknown>): Row | string {
  const network = table(sim, 'networks').get(String(fields.network_id))
  if (!network) return `Network ${String(fields.network_id)} could not be found.`
  const subnets = table(sim, 'subnets')
  const wanted: Array<{ subnet_id?: string; ip_address?: string }> = (fields.fixed_ips as typeof wanted | undefined) ?? (network.subnets as string[]).slice(0, 1).map((id) => ({ subnet_id: id }))
  const fixed: Array<{ subnet_id: string; ip_address: string }> = []
  for (const ip of wanted) {
    const subnet = subnets.get(String(ip.subnet_id))
    if (!subnet || subnet.network_id !== network.id) return `Invalid input for fixed_ips: subnet ${String(ip.subnet_id)} is not on network ${network.id}`
    fixed.push({ subnet_id: subnet.id, ip_address: ip.ip_address ?? allocate(sim, subnet) })
  }
  const defaultGroup = [...table(sim, 'security_groups').values()].find((group) => group.name === 'default')
  return insert(sim, 'ports', {
    name: '',
    description: '',
    status: 'DOWN',
    admin_state_up: true,
    mac_address: `fa:16:3e:${sim.random.hex(3).match(/../g)?.join(':')}`,
    device_owner: '',
    device_id: '',
    allowed_address_pairs: [],
    security_groups: defaultGroup ? [defaultGroup.id] : [],
    port_security_enabled: true,
    binding_vnic_type: 'normal',
    project_id: sim.identity.projectId,
    tenant_id: sim.identity.projectId,
    revision_number: 1,
    tags: [],
    ...fields,
    fixed_ips: fixed,
  })
}

/**
 * Ports matching `test`.
 *
 * @example
 * portsWhere(sim, (port) => port.device_id === router.id)
 */
export function portsWhere(sim: Sim, test: (port: Row) => boolean): Row[] {
  return [...table(sim, 'ports').values()].filter(test)
}

/**
 * Whether a port has an address on the subnet.
 *
 * @example
 * onSubnet(port, subnet.id)
 */
export function onSubnet(port: Row, subnetId: string): boolean {
  return (port.fixed_ips as Array<{ subnet_id: string }>).some((ip) => ip.subnet_id === subnetId)
}
