/**
 * The fake Nova: availability zones, flavors, keypairs (`type` only from microversion 2.2) and
 * servers that go BUILD → ACTIVE, boot from an image or a block-device mapping (creating the
 * root volume, deleted with the server when asked), get ports on their networks, and take
 * metadata, console-output and interface calls.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Context, Hono } from 'hono'
import type { FakeState } from '../state.js'
import { createPortRow } from './network.js'
import { atLeast, bodyOf, fail, filterRows, insert, later, page, route, table, view } from './store.js'
import type { FakeCloud, Row } from './store.js'

const C = '/compute/v2.1'

/**
 * Registers the fake Nova's routes.
 *
 * @example
 * registerCompute(app, state)
 */
export function registerCompute(app: Hono, state: FakeState): void {
  app.get(`${C}/os-availability-zone`, route(state, 'compute.availability_zones.list', () => ({ availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true }, hosts: null }] })))
  app.get(
    `${C}/flavors/detail`,
    route(state, 'compute.flavors.list', (c, cloud) => {
      const { minDisk = '0', minRam = '0', ...rest } = c.req.query()
      const rows = [...table(cloud, 'flavors').values()].filter((flavor) => Number(flavor.disk) >= Number(minDisk) && Number(flavor.ram) >= Number(minRam))
      return page(c, filterRows(rows, rest, {}), 'flavors', 'links')
    }),
  )
  app.get(`${C}/flavors/:id`, route(state, 'compute.flavors.get', (c, cloud) => found(c, cloud, 'flavors', 'flavor')))
  registerKeypairs(app, state)
  app.post(`${C}/servers`, route(state, 'compute.servers.create', async (c, cloud) => createServer(c, cloud, ((await bodyOf(c)).server ?? {}) as Record<string, unknown>), 202))
  app.get(`${C}/servers/detail`, route(state, 'compute.servers.list', (c, cloud) => page(c, filterRows([...table(cloud, 'servers').values()], c.req.query(), { regexName: true }), 'servers', 'links')))
  app.get(`${C}/servers/:id`, route(state, 'compute.servers.get', (c, cloud) => found(c, cloud, 'servers', 'server')))
  app.post(
    `${C}/servers/:id/metadata`,
    route(state, 'compute.servers.metadata.update', async (c, cloud) => {
      const server = table(cloud, 'servers').get(c.req.param('id') ?? '')
      if (!server) return fail(c, 404, 'Instance could not be found.')
      server.metadata = { ...(server.metadata as object), ...((await bodyOf(c)).metadata as object) }
      return { metadata: server.metadata }
    }),
  )
  app.post(
    `${C}/servers/:id/action`,
    route(state, 'compute.servers.console_output.get', async (c, cloud) => {
      if (!table(cloud, 'servers').has(c.req.param('id') ?? '')) return fail(c, 404, 'Instance could not be found.')
      const action = (await bodyOf(c))['os-getConsoleOutput'] as { length?: number } | undefined
      if (!action) return fail(c, 400, 'unsupported action')
      const lines = ['FAKE CONSOLE OUTPUT', 'ANOTHER', 'LAST LINE']
      return { output: lines.slice(-(action.length ?? lines.length)).join('\n') }
    }),
  )
  registerInterfaces(app, state)
  app.delete(
    `${C}/servers/:id`,
    route(
      state,
      'compute.servers.delete',
      (c, cloud) => {
        const server = table(cloud, 'servers').get(c.req.param('id') ?? '')
        if (!server) return fail(c, 404, 'Instance could not be found.')
        server['OS-EXT-STS:task_state'] = 'deleting'
        later(cloud, server, 'gone', () => releaseServer(cloud, server))
        return null
      },
      204,
    ),
  )
}

function found(c: Context, cloud: FakeCloud, kind: string, key: string): unknown {
  const row = table(cloud, kind).get(c.req.param('id') ?? '')
  return row ? { [key]: view(row) } : fail(c, 404, `${key} ${c.req.param('id')} could not be found.`)
}

function registerKeypairs(app: Hono, state: FakeState): void {
  app.post(
    `${C}/os-keypairs`,
    route(state, 'compute.keypairs.create', async (c, cloud) => {
      const fields = ((await bodyOf(c)).keypair ?? {}) as Record<string, string>
      if (fields.type !== undefined && !atLeast(c, '2.2')) return fail(c, 400, "Invalid input for field/attribute keypair. Value: Additional properties are not allowed ('type' was unexpected)")
      const keypairs = table(cloud, 'keypairs')
      if (keypairs.has(String(fields.name))) return fail(c, 409, `Key pair '${fields.name}' already exists.`)
      const publicKey = fields.public_key ?? `ssh-ed25519 ${randomBytes(32).toString('base64')} Generated-by-Nova`
      const fingerprint = (createHash('md5').update(publicKey).digest('hex').match(/../g) ?? []).join(':')
      const keypair = { name: fields.name, public_key: publicKey, fingerprint, user_id: state.userId, type: fields.type ?? 'ssh', ...(fields.public_key ? {} : { private_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nfake\n-----END OPENSSH PRIVATE KEY-----\n' }) }
      keypairs.set(String(fields.name), { id: String(fields.name), ...keypair, private_key: undefined })
      return c.json({ keypair }, atLeast(c, '2.2') ? 201 : 200)
    }),
  )
  app.get(`${C}/os-keypairs`, route(state, 'compute.keypairs.list', (_c, cloud) => ({ keypairs: [...table(cloud, 'keypairs').values()].map((row) => ({ keypair: { ...view(row), id: undefined } })) })))
  app.delete(
    `${C}/os-keypairs/:name`,
    route(state, 'compute.keypairs.delete', (c, cloud) => {
      if (!table(cloud, 'keypairs').delete(c.req.param('name') ?? '')) return fail(c, 404, `Keypair ${c.req.param('name')} not found for user ${state.userId}`)
      return c.body(null, atLeast(c, '2.2') ? 204 : 202)
    }),
  )
}

function createServer(c: Context, cloud: FakeCloud, fields: Record<string, unknown>): unknown {
  if (!table(cloud, 'flavors').has(String(fields.flavorRef))) return fail(c, 400, `Flavor ${String(fields.flavorRef)} could not be found.`)
  const mappings = (fields.block_device_mapping_v2 as Array<Record<string, unknown>> | undefined) ?? []
  if (mappings.some((mapping) => mapping.volume_type !== undefined) && !atLeast(c, '2.67')) return fail(c, 400, "Additional properties are not allowed ('volume_type' was unexpected)")
  if (!fields.imageRef && mappings.length === 0) return fail(c, 400, 'Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.')
  if (typeof fields.user_data === 'string' && Buffer.from(fields.user_data, 'base64').toString('base64') !== fields.user_data) return fail(c, 400, 'User data needs to be valid base 64.')
  const server = insert(cloud, 'servers', {
    name: fields.name,
    status: 'BUILD',
    addresses: {},
    metadata: fields.metadata ?? {},
    key_name: fields.key_name ?? null,
    image: mappings.length > 0 ? '' : { id: fields.imageRef },
    flavor: { id: fields.flavorRef },
    'OS-EXT-AZ:availability_zone': fields.availability_zone ?? 'nova',
    'OS-EXT-STS:task_state': 'spawning',
    'os-extended-volumes:volumes_attached': [],
    _userData: fields.user_data,
  })
  for (const mapping of mappings.filter((candidate) => candidate.destination_type === 'volume')) {
    const volume = insert(cloud, 'volumes', { name: '', status: 'in-use', size: mapping.volume_size ?? 1, availability_zone: 'nova', volume_type: mapping.volume_type ?? '__DEFAULT__', bootable: 'true', attachments: [{ server_id: server.id }], _deleteWith: mapping.delete_on_termination === true ? server.id : null })
    ;(server['os-extended-volumes:volumes_attached'] as object[]).push({ id: volume.id, delete_on_termination: mapping.delete_on_termination === true })
  }
  const networks = Array.isArray(fields.networks) ? (fields.networks as Array<Record<string, string>>) : []
  for (const network of networks) {
    const port = network.port ? table(cloud, 'ports').get(network.port) : createPortRow(cloud, { network_id: network.uuid, _auto: true })
    if (port === undefined || typeof port === 'string') return fail(c, 400, `Network or port not found: ${JSON.stringify(network)}`)
    plug(cloud, server, port)
  }
  later(cloud, server, { status: 'ACTIVE', 'OS-EXT-STS:task_state': null })
  return { server: { id: server.id, adminPass: randomBytes(6).toString('hex'), links: [], security_groups: ((fields.security_groups as object[] | undefined) ?? [{ name: 'default' }]), 'OS-DCF:diskConfig': 'MANUAL' } }
}

function plug(cloud: FakeCloud, server: Row, port: Row): void {
  Object.assign(port, { device_id: server.id, device_owner: 'compute:nova', status: 'ACTIVE' })
  const network = table(cloud, 'networks').get(String(port.network_id))
  const addresses = server.addresses as Record<string, object[]>
  const name = String(network?.name ?? port.network_id)
  addresses[name] = [...(addresses[name] ?? []), ...(port.fixed_ips as Array<{ ip_address: string }>).map((ip) => ({ addr: ip.ip_address, version: 4, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': port.mac_address }))]
}

function releaseServer(cloud: FakeCloud, server: Row): void {
  for (const port of [...table(cloud, 'ports').values()].filter((candidate) => candidate.device_id === server.id)) {
    if (port._auto) table(cloud, 'ports').delete(port.id)
    else Object.assign(port, { device_id: '', device_owner: '', status: 'DOWN' })
  }
  for (const volume of [...table(cloud, 'volumes').values()].filter((candidate) => (candidate.attachments as Array<{ server_id: string }>).some((a) => a.server_id === server.id))) {
    if (volume._deleteWith === server.id) table(cloud, 'volumes').delete(volume.id)
    else Object.assign(volume, { status: 'available', attachments: [] })
  }
}

function attachment(port: Row): Record<string, unknown> {
  return { port_id: port.id, net_id: port.network_id, mac_addr: port.mac_address, port_state: port.status, fixed_ips: port.fixed_ips }
}

function registerInterfaces(app: Hono, state: FakeState): void {
  app.post(
    `${C}/servers/:id/os-interface`,
    route(state, 'compute.servers.interfaces.create', async (c, cloud) => {
      const server = table(cloud, 'servers').get(c.req.param('id') ?? '')
      if (!server) return fail(c, 404, 'Instance could not be found.')
      if (server.status !== 'ACTIVE') return fail(c, 409, `Cannot 'attach_interface' instance ${server.id} while it is in vm_state building`)
      const wanted = ((await bodyOf(c)).interfaceAttachment ?? {}) as Record<string, string>
      const port = wanted.port_id ? table(cloud, 'ports').get(wanted.port_id) : createPortRow(cloud, { network_id: wanted.net_id, _auto: true })
      if (port === undefined || typeof port === 'string') return fail(c, 404, 'Port or network could not be found.')
      if (port.device_id) return fail(c, 409, `Port ${port.id} is still in use.`)
      plug(cloud, server, port)
      return { interfaceAttachment: attachment(port) }
    }),
  )
  app.get(
    `${C}/servers/:id/os-interface`,
    route(state, 'compute.servers.interfaces.list', (c, cloud) => ({
      interfaceAttachments: [...table(cloud, 'ports').values()].filter((port) => port.device_id === c.req.param('id')).map(attachment),
    })),
  )
  app.delete(
    `${C}/servers/:id/os-interface/:port`,
    route(
      state,
      'compute.servers.interfaces.delete',
      (c, cloud) => {
        const port = table(cloud, 'ports').get(c.req.param('port') ?? '')
        if (!port || port.device_id !== c.req.param('id')) return fail(c, 404, 'Port is not attached to the instance.')
        Object.assign(port, { device_id: '', device_owner: '', status: 'DOWN' })
        return null
      },
      202,
    ),
  )
}
