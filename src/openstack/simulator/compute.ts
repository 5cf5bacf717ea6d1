/**
 * The simulated Nova: availability zones, flavors, and servers that go BUILD → ACTIVE in the
 * profile's boot time, boot from an image or a block-device mapping (a new root volume, or an
 * existing available volume; deleted with the server when asked), get ports on their networks,
 * take metadata and console-output calls, and take the profile's delete time to go away.
 * Keypairs and interfaces are in compute-extras.ts.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { registerInterfaces, registerKeypairs, plug } from './compute-extras.js'
import { atLeast, bodyOf, fail, filterRows, page, route } from './http.js'
import { createPortRow } from './network-ports.js'
import type { Row, Sim } from './state.js'
import { insert, later, table, view } from './state.js'

const C = '/compute/v2.1'
type Fields = Record<string, unknown>

/**
 * Registers the simulated Nova's routes.
 *
 * @example
 * registerCompute(app, sim)
 */
export function registerCompute(app: Hono, sim: Sim): void {
  app.get(`${C}/os-availability-zone`, route(sim, 'compute.availability_zones.list', () => ({ availabilityZoneInfo: sim.zones.map((zoneName) => ({ zoneName, zoneState: { available: true }, hosts: null })) })))
  const flavors = (c: Context) => {
    const { minDisk = '0', minRam = '0', ...rest } = c.req.query()
    return filterRows([...table(sim, 'flavors').values()].filter((flavor) => Number(flavor.disk) >= Number(minDisk) && Number(flavor.ram) >= Number(minRam)), rest, {})
  }
  app.get(`${C}/flavors`, route(sim, 'compute.flavors.list', (c) => page(c, flavors(c), 'flavors', 'links', (row) => ({ id: row.id, name: row.name, description: null, links: selfLink(sim, 'flavors', row.id) }))))
  app.get(`${C}/flavors/detail`, route(sim, 'compute.flavors.list', (c) => page(c, flavors(c), 'flavors', 'links')))
  app.get(`${C}/flavors/:id`, route(sim, 'compute.flavors.get', (c) => found(c, sim, 'flavors', 'flavor')))
  registerKeypairs(app, sim)
  app.post(`${C}/servers`, route(sim, 'compute.servers.create', async (c) => createServers(c, sim, ((await bodyOf(c)).server ?? {}) as Fields), { status: 202 }))
  const servers = (c: Context) => filterRows([...table(sim, 'servers').values()], c.req.query(), { regexName: true })
  app.get(`${C}/servers`, route(sim, 'compute.servers.list', (c) => page(c, servers(c), 'servers', 'links', (row) => ({ id: row.id, name: row.name, links: selfLink(sim, 'servers', row.id) }))))
  app.get(`${C}/servers/detail`, route(sim, 'compute.servers.list', (c) => page(c, servers(c), 'servers', 'links')))
  app.get(`${C}/servers/:id`, route(sim, 'compute.servers.get', (c) => found(c, sim, 'servers', 'server')))
  app.post(
    `${C}/servers/:id/metadata`,
    route(sim, 'compute.servers.metadata.update', async (c) => {
      const server = table(sim, 'servers').get(c.req.param('id') ?? '')
      if (!server) return fail(c, 404, 'Instance could not be found.')
      server.metadata = { ...(server.metadata as object), ...((await bodyOf(c)).metadata as object) }
      return { metadata: server.metadata }
    }),
  )
  app.post(
    `${C}/servers/:id/action`,
    route(sim, 'compute.servers.console_output.get', async (c) => {
      const server = table(sim, 'servers').get(c.req.param('id') ?? '')
      if (!server) return fail(c, 404, 'Instance could not be found.')
      const action = (await bodyOf(c))['os-getConsoleOutput'] as { length?: number } | undefined
      if (!action) return fail(c, 400, 'unsupported action')
      const lines = [`[    0.000000] Linux version 6.8.0 (simulated console of ${String(server.name)})`, 'cloud-init: modules:final finished', `${String(server.name)} login:`]
      return { output: lines.slice(-(action.length ?? lines.length)).join('\n') }
    }),
  )
  registerInterfaces(app, sim)
  app.delete(
    `${C}/servers/:id`,
    route(
      sim,
      'compute.servers.delete',
      (c) => {
        const server = table(sim, 'servers').get(c.req.param('id') ?? '')
        if (!server) return fail(c, 404, 'Instance could not be found.')
        server['OS-EXT-STS:task_state'] = 'deleting'
        later(sim, server, 'serverDelete', 'gone', () => releaseServer(sim, server))
        return null
      },
      { status: 204 },
    ),
  )
}

function selfLink(sim: Sim, kind: string, id: string): Array<{ rel: string; href: string }> {
  return [{ rel: 'self', href: `${sim.baseUrl}${C}/${kind}/${id}` }, { rel: 'bookmark', href: `${sim.baseUrl}/compute/${kind}/${id}` }]
}

function found(c: Context, sim: Sim, kind: string, key: string): unknown {
  const row = table(sim, kind).get(c.req.param('id') ?? '')
  return row ? { [key]: view(row) } : fail(c, 404, `${key} ${c.req.param('id')} could not be found.`)
}

function refusal(c: Context, sim: Sim, fields: Fields, mappings: Fields[]): Response | undefined {
  if (!table(sim, 'flavors').has(String(fields.flavorRef))) return fail(c, 400, `Flavor ${String(fields.flavorRef)} could not be found.`)
  if (mappings.some((mapping) => mapping.volume_type !== undefined) && !atLeast(c, '2.67')) return fail(c, 400, "Additional properties are not allowed ('volume_type' was unexpected)")
  if (!fields.imageRef && mappings.length === 0) return fail(c, 400, 'Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.')
  if (typeof fields.user_data === 'string' && Buffer.from(fields.user_data, 'base64').toString('base64') !== fields.user_data) return fail(c, 400, 'User data needs to be valid base 64.')
  if (fields.availability_zone !== undefined && !sim.zones.includes(String(fields.availability_zone))) return fail(c, 400, `The requested availability zone is not available`)
  const attach = mappings.filter((mapping) => mapping.source_type === 'volume').map((mapping) => table(sim, 'volumes').get(String(mapping.uuid)))
  if (attach.some((volume) => volume?.status !== 'available')) return fail(c, 400, 'Block Device Mapping is Invalid: a volume to boot from is missing or not available.')
  return undefined
}

function createServers(c: Context, sim: Sim, fields: Fields): unknown {
  const mappings = (fields.block_device_mapping_v2 as Fields[] | undefined) ?? []
  const refused = refusal(c, sim, fields, mappings)
  if (refused) return refused
  const count = Math.max(1, Number(fields.max_count ?? fields.min_count ?? 1))
  if (count > 1 && mappings.some((mapping) => mapping.source_type === 'volume')) return fail(c, 400, 'Cannot attach one or more volumes to multiple instances')
  const servers: Row[] = []
  for (let index = 1; index <= count; index++) {
    const server = createServer(c, sim, { ...fields, name: count > 1 ? `${String(fields.name)}-${index}` : fields.name }, mappings)
    if (server instanceof Response) return server
    servers.push(server)
  }
  const first = servers[0] as Row
  return { server: { id: first.id, adminPass: sim.random.hex(6), links: selfLink(sim, 'servers', first.id), security_groups: (fields.security_groups as object[] | undefined) ?? [{ name: 'default' }], 'OS-DCF:diskConfig': 'MANUAL' } }
}

function createServer(c: Context, sim: Sim, fields: Fields, mappings: Fields[]): Row | Response {
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const server = insert(sim, 'servers', {
    name: fields.name,
    status: 'BUILD',
    tenant_id: sim.identity.projectId,
    user_id: sim.identity.userId,
    created: at,
    updated: at,
    hostId: '',
    progress: 0,
    accessIPv4: '',
    accessIPv6: '',
    addresses: {},
    metadata: fields.metadata ?? {},
    key_name: fields.key_name ?? null,
    image: mappings.length > 0 ? '' : { id: fields.imageRef, links: selfLink(sim, 'images', String(fields.imageRef)) },
    flavor: { id: fields.flavorRef, links: selfLink(sim, 'flavors', String(fields.flavorRef)) },
    config_drive: '',
    locked: false,
    security_groups: (fields.security_groups as object[] | undefined) ?? [{ name: 'default' }],
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': fields.availability_zone ?? sim.zones[0],
    'OS-EXT-STS:task_state': 'spawning',
    'OS-EXT-STS:vm_state': 'building',
    'OS-EXT-STS:power_state': 0,
    'OS-SRV-USG:launched_at': null,
    'OS-SRV-USG:terminated_at': null,
    'os-extended-volumes:volumes_attached': [],
    links: [],
    _userData: fields.user_data,
  }, false)
  server.links = selfLink(sim, 'servers', server.id)
  for (const mapping of mappings.filter((candidate) => candidate.destination_type === 'volume')) attachRoot(sim, server, mapping)
  const networks = Array.isArray(fields.networks) ? (fields.networks as Array<Record<string, string>>) : []
  for (const network of networks) {
    const port = network.port ? table(sim, 'ports').get(network.port) : createPortRow(sim, { network_id: network.uuid, _auto: true, ...(network.fixed_ip ? { fixed_ips: [{ subnet_id: (table(sim, 'networks').get(network.uuid ?? '')?.subnets as string[] | undefined)?.[0], ip_address: network.fixed_ip }] } : {}) })
    if (port === undefined || typeof port === 'string') return fail(c, 400, `Network or port not found: ${JSON.stringify(network)}`)
    plug(sim, server, port)
  }
  const launched = { status: 'ACTIVE', progress: 100, hostId: sim.random.hex(28), 'OS-EXT-STS:task_state': null, 'OS-EXT-STS:vm_state': 'active', 'OS-EXT-STS:power_state': 1 }
  later(sim, server, 'serverBoot', launched, () => void (server['OS-SRV-USG:launched_at'] = new Date().toISOString().replace('Z', '')))
  return server
}

function attachRoot(sim: Sim, server: Row, mapping: Fields): void {
  const attachment = (volume: Row) => ({ server_id: server.id, attachment_id: sim.random.uuid(), volume_id: volume.id, id: volume.id, device: '/dev/vda', host_name: null, attached_at: new Date().toISOString() })
  const existing = mapping.source_type === 'volume' ? table(sim, 'volumes').get(String(mapping.uuid)) : undefined
  const volume =
    existing ??
    insert(sim, 'volumes', { name: '', description: null, status: 'in-use', size: mapping.volume_size ?? 1, availability_zone: server['OS-EXT-AZ:availability_zone'], volume_type: mapping.volume_type ?? '__DEFAULT__', bootable: 'true', encrypted: false, multiattach: false, metadata: {}, user_id: sim.identity.userId, 'os-vol-tenant-attr:tenant_id': sim.identity.projectId, attachments: [], ...(mapping.source_type === 'image' ? { volume_image_metadata: { image_id: mapping.uuid } } : {}) })
  Object.assign(volume, { status: 'in-use', attachments: [attachment(volume)], _deleteWith: mapping.delete_on_termination === true ? server.id : null })
  ;(server['os-extended-volumes:volumes_attached'] as object[]).push({ id: volume.id, delete_on_termination: mapping.delete_on_termination === true })
}

function releaseServer(sim: Sim, server: Row): void {
  for (const port of [...table(sim, 'ports').values()].filter((candidate) => candidate.device_id === server.id)) {
    if (port._auto) table(sim, 'ports').delete(port.id)
    else Object.assign(port, { device_id: '', device_owner: '', status: 'DOWN' })
  }
  for (const volume of [...table(sim, 'volumes').values()].filter((candidate) => (candidate.attachments as Array<{ server_id: string }>).some((a) => a.server_id === server.id))) {
    if (volume._deleteWith === server.id) table(sim, 'volumes').delete(volume.id)
    else Object.assign(volume, { status: 'available', attachments: [] })
  }
}
