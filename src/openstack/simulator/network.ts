/**
 * The simulated Neutron: availability zones, networks (deleting one deletes its subnets, 409
 * while ports are in use), subnets, routers with gateway, routes and interfaces, and tags.
 * Security groups, ports and floating IPs are in network-security.ts.
 *
 * @module
 */
import type { Hono } from 'hono'
import { crud } from './crud.js'
import { bodyOf, fail, route } from './http.js'
import { allocate, createPortRow, hostOf, inCidr, onSubnet, portsWhere } from './network-ports.js'
import { registerPorts, registerSecurity } from './network-security.js'
import type { Row, Sim } from './state.js'
import { insert, table } from './state.js'

const N = '/network/v2.0'
const owned = (sim: Sim) => ({ project_id: sim.identity.projectId, tenant_id: sim.identity.projectId, revision_number: 1 })

/**
 * Registers the simulated Neutron's routes.
 *
 * @example
 * registerNetwork(app, sim)
 */
export function registerNetwork(app: Hono, sim: Sim): void {
  app.get(`${N}/availability_zones`, route(sim, 'network.availability_zones.list', () => ({ availability_zones: sim.zones.flatMap((name) => ['network', 'router'].map((resource) => ({ name, resource, state: 'available' }))) })))
  crud(app, sim, {
    path: `${N}/networks`, op: 'network.networks', key: 'network', plural: 'networks', style: 'links',
    create: (fields, c) => {
      const hints = (fields.availability_zone_hints as string[] | undefined) ?? []
      if (hints.some((zone) => !sim.zones.includes(zone))) return fail(c, 404, `AvailabilityZone ${hints.join(',')} could not be found.`)
      return insert(sim, 'networks', { name: '', description: '', status: 'ACTIVE', admin_state_up: true, shared: false, mtu: 1450, 'router:external': false, port_security_enabled: true, subnets: [], availability_zones: hints.length > 0 ? hints : sim.zones, tags: [], ...owned(sim), ...fields, availability_zone_hints: hints })
    },
    updatable: ['name', 'description', 'admin_state_up', 'mtu'],
    onDelete: (row, c) => {
      if (portsWhere(sim, (port) => port.network_id === row.id && port.device_owner !== 'network:dhcp').length > 0) return fail(c, 409, `Unable to complete operation on network ${row.id}. There are one or more ports still in use on the network.`)
      for (const id of row.subnets as string[]) table(sim, 'subnets').delete(id)
      table(sim, 'networks').delete(row.id)
      return undefined
    },
  })
  crud(app, sim, {
    path: `${N}/subnets`, op: 'network.subnets', key: 'subnet', plural: 'subnets', style: 'links',
    create: (fields, c) => {
      const network = table(sim, 'networks').get(String(fields.network_id))
      if (!network) return fail(c, 404, `Network ${String(fields.network_id)} could not be found.`)
      if (typeof fields.cidr !== 'string' || ![4, 6].includes(Number(fields.ip_version))) return fail(c, 400, 'Invalid input: cidr and ip_version are required')
      const gateway = fields.gateway_ip === undefined ? hostOf(fields.cidr, 1) : fields.gateway_ip
      const pools = [{ start: hostOf(fields.cidr, 2), end: hostOf(fields.cidr, 254) }]
      const subnet = insert(sim, 'subnets', { name: '', description: '', dns_nameservers: [], enable_dhcp: true, allocation_pools: pools, host_routes: [], ipv6_address_mode: null, ipv6_ra_mode: null, subnetpool_id: null, tags: [], ...owned(sim), ...fields, gateway_ip: gateway })
      ;(network.subnets as string[]).push(subnet.id)
      return subnet
    },
    updatable: ['name', 'description', 'dns_nameservers', 'host_routes'],
    onDelete: (row, c) => {
      if (portsWhere(sim, (port) => onSubnet(port, row.id)).length > 0) return fail(c, 409, `Unable to complete operation on subnet ${row.id}: One or more ports have an IP allocation from this subnet.`)
      const network = table(sim, 'networks').get(String(row.network_id))
      if (network) network.subnets = (network.subnets as string[]).filter((id) => id !== row.id)
      table(sim, 'subnets').delete(row.id)
      return undefined
    },
  })
  registerRouters(app, sim)
  registerSecurity(app, sim)
  registerPorts(app, sim)
  registerTags(app, sim)
}

function registerTags(app: Hono, sim: Sim): void {
  for (const resource of ['networks', 'subnets', 'ports', 'routers', 'security-groups', 'floatingips']) {
    app.put(
      `${N}/${resource}/:id/tags`,
      route(sim, `network.${resource.replace('-', '_')}.tags.update`, async (c) => {
        const row = table(sim, resource.replace('-', '_')).get(c.req.param('id') ?? '')
        if (!row) return fail(c, 404, `${resource} ${c.req.param('id')} could not be found.`)
        row.tags = (await bodyOf(c)).tags
        return { tags: row.tags }
      }),
    )
  }
}

function registerRouters(app: Hono, sim: Sim): void {
  crud(app, sim, {
    path: `${N}/routers`, op: 'network.routers', key: 'router', plural: 'routers', style: 'links',
    create: (fields) => insert(sim, 'routers', { name: '', description: '', status: 'ACTIVE', admin_state_up: true, routes: [], tags: [], availability_zone_hints: [], availability_zones: sim.zones, ...owned(sim), ...fields, external_gateway_info: gateway(sim, fields.external_gateway_info) }),
    updatable: ['name', 'description', 'routes', 'external_gateway_info'],
    onUpdate: (row, fields) => {
      if ('external_gateway_info' in fields) fields.external_gateway_info = gateway(sim, fields.external_gateway_info)
      const connected = portsWhere(sim, (port) => port.device_id === row.id).flatMap((port) => port.fixed_ips as Array<{ subnet_id: string }>)
      const cidrs = connected.map((ip) => String(table(sim, 'subnets').get(ip.subnet_id)?.cidr))
      const bad = ((fields.routes as Array<{ nexthop: string }> | undefined) ?? []).find((hop) => !cidrs.some((cidr) => inCidr(hop.nexthop, cidr)))
      return bad ? new Response(JSON.stringify({ NeutronError: { type: 'InvalidRoutes', message: `Invalid format for routes: the nexthop ${bad.nexthop} is not connected with router`, detail: '' } }), { status: 400, headers: { 'content-type': 'application/json' } }) : undefined
    },
    onDelete: (row, c) => {
      if (portsWhere(sim, (port) => port.device_id === row.id).length > 0) return fail(c, 409, `Router ${row.id} still has ports`)
      table(sim, 'routers').delete(row.id)
      return undefined
    },
  })
  for (const action of ['add', 'remove'] as const) {
    app.put(
      `${N}/routers/:id/${action}_router_interface`,
      route(sim, `network.routers.${action}_interface`, async (c) => {
        const router = table(sim, 'routers').get(c.req.param('id') ?? '')
        const subnet = table(sim, 'subnets').get(String((await bodyOf(c)).subnet_id))
        if (!router || !subnet) return fail(c, 404, 'Router or subnet could not be found.')
        const existing = portsWhere(sim, (port) => port.device_id === router.id && onSubnet(port, subnet.id))[0]
        if (action === 'add' && existing) return fail(c, 400, `Router already has a port on subnet ${subnet.id}.`)
        if (action === 'remove' && !existing) return fail(c, 404, `Router ${router.id} has no interface on subnet ${subnet.id}`)
        const port = existing ?? (createPortRow(sim, { network_id: subnet.network_id, device_owner: 'network:router_interface', device_id: router.id, status: 'ACTIVE', fixed_ips: [{ subnet_id: subnet.id, ip_address: subnet.gateway_ip }] }) as Row)
        if (action === 'remove') table(sim, 'ports').delete(port.id)
        return { id: router.id, subnet_id: subnet.id, subnet_ids: [subnet.id], port_id: port.id, network_id: subnet.network_id, tenant_id: sim.identity.projectId, project_id: sim.identity.projectId, tags: [] }
      }),
    )
  }
}

function gateway(sim: Sim, info: unknown): unknown {
  if (info === null || info === undefined) return null
  const { network_id: networkId, enable_snat: snat } = info as { network_id: string; enable_snat?: boolean }
  const external = table(sim, 'networks').get(networkId)
  const subnet = table(sim, 'subnets').get(String((external?.subnets as string[] | undefined)?.[0]))
  return { network_id: networkId, enable_snat: snat ?? true, external_fixed_ips: subnet ? [{ subnet_id: subnet.id, ip_address: allocate(sim, subnet) }] : [] }
}
