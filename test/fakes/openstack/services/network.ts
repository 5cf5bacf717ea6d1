/**
 * The fake Neutron: networks (deleting one deletes its subnets, 409 while ports are in use),
 * subnets, routers with gateway, routes and interfaces, security groups and rules, ports with
 * allocated addresses, floating IPs (which need a router from the port's subnet to their
 * network, as in Neutron), availability zones and tags.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import type { Hono } from 'hono'
import type { FakeState } from '../state.js'
import { crud } from './crud.js'
import { bodyOf, fail, insert, route, table, view } from './store.js'
import type { FakeCloud, Row } from './store.js'

const N = '/network/v2.0'

const ipToInt = (ip: string): number => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0)
const intToIp = (value: number): string => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.')

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
 * allocate(cloud, subnet) // '10.250.0.10'
 */
export function allocate(cloud: FakeCloud, subnet: Row): string {
  const next = cloud.nextHost.get(subnet.id) ?? 10
  cloud.nextHost.set(subnet.id, next + 1)
  return intToIp(ipToInt(String(subnet.cidr).split('/')[0] ?? '') + next)
}

/**
 * Creates a port row the way Neutron does (addresses allocated, default security group).
 *
 * @example
 * createPortRow(cloud, { network_id, device_owner: 'compute:nova', device_id: serverId })
 */
export function createPortRow(cloud: FakeCloud, fields: Record<string, unknown>): Row | string {
  const network = table(cloud, 'networks').get(String(fields.network_id))
  if (!network) return `Network ${String(fields.network_id)} could not be found.`
  const subnets = table(cloud, 'subnets')
  const wanted: Array<{ subnet_id?: string; ip_address?: string }> = (fields.fixed_ips as typeof wanted | undefined) ?? (network.subnets as string[]).slice(0, 1).map((id) => ({ subnet_id: id }))
  const fixed: Array<{ subnet_id: string; ip_address: string }> = []
  for (const ip of wanted) {
    const subnet = subnets.get(String(ip.subnet_id))
    if (!subnet || subnet.network_id !== network.id) return `Invalid input for fixed_ips: subnet ${String(ip.subnet_id)} is not on network ${network.id}`
    fixed.push({ subnet_id: subnet.id, ip_address: ip.ip_address ?? allocate(cloud, subnet) })
  }
  const defaultGroup = [...table(cloud, 'security_groups').values()].find((group) => group.name === 'default')
  return insert(cloud, 'ports', {
    name: '',
    status: 'DOWN',
    admin_state_up: true,
    mac_address: `fa:16:3e:${randomBytes(3).toString('hex').match(/../g)?.join(':')}`,
    device_owner: '',
    device_id: '',
    allowed_address_pairs: [],
    security_groups: defaultGroup ? [defaultGroup.id] : [],
    tags: [],
    ...fields,
    fixed_ips: fixed,
  })
}

const portsOn = (cloud: FakeCloud, test: (port: Row) => boolean) => [...table(cloud, 'ports').values()].filter(test)
const onSubnet = (port: Row, subnetId: string) => (port.fixed_ips as Array<{ subnet_id: string }>).some((ip) => ip.subnet_id === subnetId)

/**
 * Registers the fake Neutron's routes.
 *
 * @example
 * registerNetwork(app, state)
 */
export function registerNetwork(app: Hono, state: FakeState): void {
  app.get(`${N}/availability_zones`, route(state, 'network.availability_zones.list', () => ({ availability_zones: ['network', 'router'].map((resource) => ({ name: 'nova', resource, state: 'available' })) })))
  crud(app, state, {
    path: `${N}/networks`, op: 'network.networks', key: 'network', plural: 'networks', style: 'links',
    create: (fields, c, cloud) => {
      const hints = (fields.availability_zone_hints as string[] | undefined) ?? []
      if (hints.some((zone) => zone !== 'nova')) return fail(c, 404, `AvailabilityZone ${hints.join(',')} could not be found.`)
      return insertNetwork(cloud, fields, hints)
    },
    onDelete: (row, c, cloud) => {
      if (portsOn(cloud, (port) => port.network_id === row.id && port.device_owner !== 'network:dhcp').length > 0) return fail(c, 409, `Unable to complete operation on network ${row.id}. There are one or more ports still in use on the network.`)
      for (const id of row.subnets as string[]) table(cloud, 'subnets').delete(id)
      table(cloud, 'networks').delete(row.id)
      return undefined
    },
  })
  crud(app, state, {
    path: `${N}/subnets`, op: 'network.subnets', key: 'subnet', plural: 'subnets', style: 'links',
    create: (fields, c, cloud) => {
      const network = table(cloud, 'networks').get(String(fields.network_id))
      if (!network) return fail(c, 404, `Network ${String(fields.network_id)} could not be found.`)
      if (typeof fields.cidr !== 'string' || ![4, 6].includes(Number(fields.ip_version))) return fail(c, 400, 'Invalid input: cidr and ip_version are required')
      const gateway = fields.gateway_ip === undefined ? intToIp(ipToInt(fields.cidr.split('/')[0] ?? '') + 1) : fields.gateway_ip
      const subnet = insert(cloud, 'subnets', { name: '', dns_nameservers: [], enable_dhcp: true, tags: [], ...fields, gateway_ip: gateway })
      ;(network.subnets as string[]).push(subnet.id)
      return subnet
    },
    onDelete: (row, c, cloud) => {
      if (portsOn(cloud, (port) => onSubnet(port, row.id)).length > 0) return fail(c, 409, `Unable to complete operation on subnet ${row.id}: One or more ports have an IP allocation from this subnet.`)
      const network = table(cloud, 'networks').get(String(row.network_id))
      if (network) network.subnets = (network.subnets as string[]).filter((id) => id !== row.id)
      table(cloud, 'subnets').delete(row.id)
      return undefined
    },
  })
  registerRouters(app, state)
  registerSecurity(app, state)
  registerPorts(app, state)
  for (const resource of ['networks', 'subnets', 'ports', 'routers', 'security-groups', 'floatingips']) {
    app.put(
      `${N}/${resource}/:id/tags`,
      route(state, `network.${resource.replace('-', '_')}.tags.update`, async (c, cloud) => {
        const row = table(cloud, resource.replace('-', '_')).get(c.req.param('id') ?? '')
        if (!row) return fail(c, 404, `${resource} ${c.req.param('id')} could not be found.`)
        row.tags = (await bodyOf(c)).tags
        return { tags: row.tags }
      }),
    )
  }
}

function insertNetwork(cloud: FakeCloud, fields: Record<string, unknown>, hints: string[]): Row {
  return insert(cloud, 'networks', { status: 'ACTIVE', admin_state_up: true, shared: false, mtu: 1450, 'router:external': false, subnets: [], availability_zones: hints, tags: [], ...fields, availability_zone_hints: hints })
}

function registerRouters(app: Hono, state: FakeState): void {
  crud(app, state, {
    path: `${N}/routers`, op: 'network.routers', key: 'router', plural: 'routers', style: 'links',
    create: (fields, c, cloud) => insert(cloud, 'routers', { status: 'ACTIVE', routes: [], tags: [], ...fields, external_gateway_info: gateway(cloud, fields.external_gateway_info) }),
    updatable: ['name', 'description', 'routes', 'external_gateway_info'],
    onUpdate: (row, fields, cloud) => {
      if ('external_gateway_info' in fields) fields.external_gateway_info = gateway(cloud, fields.external_gateway_info)
      const connected = portsOn(cloud, (port) => port.device_id === row.id).flatMap((port) => port.fixed_ips as Array<{ subnet_id: string }>)
      const cidrs = connected.map((ip) => String(table(cloud, 'subnets').get(ip.subnet_id)?.cidr))
      const bad = ((fields.routes as Array<{ nexthop: string }> | undefined) ?? []).find((hop) => !cidrs.some((cidr) => inCidr(hop.nexthop, cidr)))
      return bad ? new Response(JSON.stringify({ NeutronError: { type: 'InvalidRoutes', message: `Invalid format for routes: the nexthop ${bad.nexthop} is not connected with router` } }), { status: 400 }) : undefined
    },
    onDelete: (row, c, cloud) => {
      if (portsOn(cloud, (port) => port.device_id === row.id).length > 0) return fail(c, 409, `Router ${row.id} still has ports`)
      table(cloud, 'routers').delete(row.id)
      return undefined
    },
  })
  for (const action of ['add', 'remove'] as const) {
    app.put(
      `${N}/routers/:id/${action}_router_interface`,
      route(state, `network.routers.${action}_interface`, async (c, cloud) => {
        const router = table(cloud, 'routers').get(c.req.param('id') ?? '')
        const subnet = table(cloud, 'subnets').get(String((await bodyOf(c)).subnet_id))
        if (!router || !subnet) return fail(c, 404, 'Router or subnet could not be found.')
        const existing = portsOn(cloud, (port) => port.device_id === router.id && onSubnet(port, subnet.id))[0]
        if (action === 'add' && existing) return fail(c, 400, `Router already has a port on subnet ${subnet.id}.`)
        if (action === 'remove' && !existing) return fail(c, 404, `Router ${router.id} has no interface on subnet ${subnet.id}`)
        const port = existing ?? (createPortRow(cloud, { network_id: subnet.network_id, device_owner: 'network:router_interface', device_id: router.id, status: 'ACTIVE', fixed_ips: [{ subnet_id: subnet.id, ip_address: subnet.gateway_ip }] }) as Row)
        if (action === 'remove') table(cloud, 'ports').delete(port.id)
        return { id: router.id, subnet_id: subnet.id, subnet_ids: [subnet.id], port_id: port.id, network_id: subnet.network_id, tenant_id: state.projectId }
      }),
    )
  }
}

function gateway(cloud: FakeCloud, info: unknown): unknown {
  if (info === null || info === undefined) return null
  const { network_id: networkId, enable_snat: snat } = info as { network_id: string; enable_snat?: boolean }
  const external = table(cloud, 'networks').get(networkId)
  const subnet = table(cloud, 'subnets').get(String((external?.subnets as string[] | undefined)?.[0]))
  return { network_id: networkId, enable_snat: snat ?? true, external_fixed_ips: subnet ? [{ subnet_id: subnet.id, ip_address: allocate(cloud, subnet) }] : [] }
}

function registerSecurity(app: Hono, state: FakeState): void {
  crud(app, state, {
    path: `${N}/security-groups`, op: 'network.security_groups', key: 'security_group', plural: 'security_groups', style: 'links',
    create: (fields, c, cloud) => {
      const group = insert(cloud, 'security_groups', { description: '', stateful: true, tags: [], ...fields, security_group_rules: [] })
      for (const ethertype of ['IPv4', 'IPv6']) insertRule(cloud, { security_group_id: group.id, direction: 'egress', ethertype })
      return group
    },
    onDelete: (row, c, cloud) => {
      if (portsOn(cloud, (port) => (port.security_groups as string[]).includes(row.id)).length > 0) return fail(c, 409, `Security Group ${row.id} in use.`)
      for (const rule of row.security_group_rules as Row[]) table(cloud, 'security_group_rules').delete(rule.id)
      table(cloud, 'security_groups').delete(row.id)
      return undefined
    },
  })
  crud(app, state, {
    path: `${N}/security-group-rules`, op: 'network.security_group_rules', key: 'security_group_rule', plural: 'security_group_rules', style: 'links',
    create: (fields, c, cloud) => (table(cloud, 'security_groups').has(String(fields.security_group_id)) ? insertRule(cloud, fields) : fail(c, 404, `Security group ${String(fields.security_group_id)} does not exist`)),
    onDelete: (row, _c, cloud) => {
      const group = table(cloud, 'security_groups').get(String(row.security_group_id))
      if (group) group.security_group_rules = (group.security_group_rules as Row[]).filter((rule) => rule.id !== row.id)
      table(cloud, 'security_group_rules').delete(row.id)
      return undefined
    },
  })
}

function insertRule(cloud: FakeCloud, fields: Record<string, unknown>): Row {
  const rule = insert(cloud, 'security_group_rules', { ethertype: 'IPv4', protocol: null, port_range_min: null, port_range_max: null, remote_ip_prefix: null, remote_group_id: null, ...fields })
  const group = table(cloud, 'security_groups').get(String(fields.security_group_id))
  ;(group?.security_group_rules as Array<Record<string, unknown>>).push(view(rule))
  return rule
}

function registerPorts(app: Hono, state: FakeState): void {
  crud(app, state, {
    path: `${N}/ports`, op: 'network.ports', key: 'port', plural: 'ports', style: 'links',
    create: (fields, c, cloud) => {
      const port = createPortRow(cloud, fields)
      return typeof port === 'string' ? fail(c, 400, port) : port
    },
    updatable: ['name', 'description', 'security_groups', 'allowed_address_pairs'],
  })
  crud(app, state, {
    path: `${N}/floatingips`, op: 'network.floatingips', key: 'floatingip', plural: 'floatingips', style: 'links',
    create: (fields, c, cloud) => {
      const external = table(cloud, 'networks').get(String(fields.floating_network_id))
      if (!external?.['router:external']) return fail(c, 404, `External network ${String(fields.floating_network_id)} could not be found.`)
      const pool = table(cloud, 'subnets').get(String((external.subnets as string[])[0]))
      const ip = insert(cloud, 'floatingips', { floating_ip_address: pool ? allocate(cloud, pool) : '203.0.113.99', floating_network_id: external.id, port_id: null, fixed_ip_address: null, router_id: null, status: 'DOWN', description: '', tags: [], ...fields })
      const error = associate(cloud, ip, fields.port_id ?? null)
      if (error) table(cloud, 'floatingips').delete(ip.id)
      return error ? fail(c, 404, error) : ip
    },
    updatable: ['port_id', 'description', 'fixed_ip_address'],
    onUpdate: (row, fields, cloud) => {
      const error = 'port_id' in fields ? associate(cloud, row, fields.port_id) : undefined
      delete fields.port_id
      return error ? new Response(JSON.stringify({ NeutronError: { message: error } }), { status: 404 }) : undefined
    },
  })
}

function associate(cloud: FakeCloud, ip: Row, portId: unknown): string | undefined {
  if (portId === null || portId === undefined) return void Object.assign(ip, { port_id: null, fixed_ip_address: null, router_id: null, status: 'DOWN' })
  const port = table(cloud, 'ports').get(String(portId))
  if (!port) return `Port ${String(portId)} could not be found.`
  const fixed = (port.fixed_ips as Array<{ subnet_id: string; ip_address: string }>)[0]
  const router = [...table(cloud, 'routers').values()].find(
    (candidate) => (candidate.external_gateway_info as { network_id?: string } | null)?.network_id === ip.floating_network_id && portsOn(cloud, (p) => p.device_id === candidate.id && fixed !== undefined && onSubnet(p, fixed.subnet_id)).length > 0,
  )
  if (!router || !fixed) return `External network ${String(ip.floating_network_id)} is not reachable from subnet ${fixed?.subnet_id}.`
  Object.assign(ip, { port_id: port.id, fixed_ip_address: fixed.ip_address, router_id: router.id, status: 'ACTIVE' })
  return undefined
}
