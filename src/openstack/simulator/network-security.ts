/**
 * The simulated Neutron's security groups (two egress rules on creation, 409 while in use),
 * security group rules, ports (allowed-address pairs, security groups) and floating IPs, which
 * need a router from the port's subnet to their external network, as in Neutron.
 *
 * @module
 */
import type { Hono } from 'hono'
import { crud } from './crud.js'
import { fail } from './http.js'
import { allocate, createPortRow, onSubnet, portsWhere } from './network-ports.js'
import type { Row, Sim } from './state.js'
import { insert, table, view } from './state.js'

const N = '/network/v2.0'

/**
 * Registers security groups and their rules.
 *
 * @example
 * registerSecurity(app, sim)
 */
export function registerSecurity(app: Hono, sim: Sim): void {
  crud(app, sim, {
    path: `${N}/security-groups`, op: 'network.security_groups', key: 'security_group', plural: 'security_groups', style: 'links',
    create: (fields) => {
      const group = insert(sim, 'security_groups', { description: '', stateful: true, tags: [], project_id: sim.identity.projectId, tenant_id: sim.identity.projectId, revision_number: 1, ...fields, security_group_rules: [] })
      for (const ethertype of ['IPv4', 'IPv6']) insertRule(sim, { security_group_id: group.id, direction: 'egress', ethertype })
      return group
    },
    updatable: ['name', 'description'],
    onDelete: (row, c) => {
      if (portsWhere(sim, (port) => (port.security_groups as string[]).includes(row.id)).length > 0) return fail(c, 409, `Security Group ${row.id} in use.`)
      for (const rule of row.security_group_rules as Row[]) table(sim, 'security_group_rules').delete(rule.id)
      table(sim, 'security_groups').delete(row.id)
      return undefined
    },
  })
  crud(app, sim, {
    path: `${N}/security-group-rules`, op: 'network.security_group_rules', key: 'security_group_rule', plural: 'security_group_rules', style: 'links',
    create: (fields, c) => (table(sim, 'security_groups').has(String(fields.security_group_id)) ? insertRule(sim, fields) : fail(c, 404, `Security group ${String(fields.security_group_id)} does not exist`)),
    onDelete: (row) => {
      const group = table(sim, 'security_groups').get(String(row.security_group_id))
      if (group) group.security_group_rules = (group.security_group_rules as Row[]).filter((rule) => rule.id !== row.id)
      table(sim, 'security_group_rules').delete(row.id)
      return undefined
    },
  })
}

/**
 * Stores a rule and lists it in its group.
 *
 * @example
 * insertRule(sim, { security_group_id: group.id, direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22 })
 */
export function insertRule(sim: Sim, fields: Record<string, unknown>): Row {
  const rule = insert(sim, 'security_group_rules', { ethertype: 'IPv4', protocol: null, port_range_min: null, port_range_max: null, remote_ip_prefix: null, remote_group_id: null, description: '', project_id: sim.identity.projectId, tenant_id: sim.identity.projectId, revision_number: 0, ...fields })
  const group = table(sim, 'security_groups').get(String(fields.security_group_id))
  ;(group?.security_group_rules as Array<Record<string, unknown>>).push(view(rule))
  return rule
}

/**
 * Registers ports and floating IPs.
 *
 * @example
 * registerPorts(app, sim)
 */
export function registerPorts(app: Hono, sim: Sim): void {
  crud(app, sim, {
    path: `${N}/ports`, op: 'network.ports', key: 'port', plural: 'ports', style: 'links',
    create: (fields, c) => {
      const port = createPortRow(sim, fields)
      return typeof port === 'string' ? fail(c, 400, port) : port
    },
    updatable: ['name', 'description', 'security_groups', 'allowed_address_pairs', 'admin_state_up', 'port_security_enabled'],
  })
  crud(app, sim, {
    path: `${N}/floatingips`, op: 'network.floatingips', key: 'floatingip', plural: 'floatingips', style: 'links',
    create: (fields, c) => {
      const external = table(sim, 'networks').get(String(fields.floating_network_id))
      if (!external?.['router:external']) return fail(c, 404, `External network ${String(fields.floating_network_id)} could not be found.`)
      const pool = table(sim, 'subnets').get(String((external.subnets as string[])[0]))
      const ip = insert(sim, 'floatingips', { floating_ip_address: pool ? allocate(sim, pool) : '203.0.113.99', floating_network_id: external.id, port_id: null, fixed_ip_address: null, router_id: null, status: 'DOWN', description: '', tags: [], port_details: null, project_id: sim.identity.projectId, tenant_id: sim.identity.projectId, revision_number: 0, ...fields })
      const error = associate(sim, ip, fields.port_id ?? null)
      if (error) table(sim, 'floatingips').delete(ip.id)
      return error ? fail(c, 404, error) : ip
    },
    updatable: ['port_id', 'description', 'fixed_ip_address'],
    onUpdate: (row, fields) => {
      const error = 'port_id' in fields ? associate(sim, row, fields.port_id) : undefined
      delete fields.port_id
      return error ? new Response(JSON.stringify({ NeutronError: { type: 'ExternalGatewayForFloatingIPNotFound', message: error, detail: '' } }), { status: 404, headers: { 'content-type': 'application/json' } }) : undefined
    },
  })
}

function associate(sim: Sim, ip: Row, portId: unknown): string | undefined {
  if (portId === null || portId === undefined) return void Object.assign(ip, { port_id: null, fixed_ip_address: null, router_id: null, status: 'DOWN', port_details: null })
  const port = table(sim, 'ports').get(String(portId))
  if (!port) return `Port ${String(portId)} could not be found.`
  const fixed = (port.fixed_ips as Array<{ subnet_id: string; ip_address: string }>)[0]
  const router = [...table(sim, 'routers').values()].find(
    (candidate) => (candidate.external_gateway_info as { network_id?: string } | null)?.network_id === ip.floating_network_id && portsWhere(sim, (p) => p.device_id === candidate.id && fixed !== undefined && onSubnet(p, fixed.subnet_id)).length > 0,
  )
  if (!router || !fixed) return `External network ${String(ip.floating_network_id)} is not reachable from subnet ${fixed?.subnet_id}.`
  const details = { name: port.name, network_id: port.network_id, mac_address: port.mac_address, admin_state_up: port.admin_state_up, status: port.status, device_id: port.device_id, device_owner: port.device_owner }
  Object.assign(ip, { port_id: port.id, fixed_ip_address: fixed.ip_address, router_id: router.id, status: 'ACTIVE', port_details: details })
  return undefined
}
