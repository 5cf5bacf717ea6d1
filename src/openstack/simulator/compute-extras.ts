/**
 * The simulated Nova's keypairs (`type` only from microversion 2.2; a generated one returns its
 * private key once and never stores it) and interface attachments.
 *
 * @module
 */
import { createHash, generateKeyPairSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { Hono } from 'hono'
import { atLeast, bodyOf, fail, route } from './http.js'
import { createPortRow } from './network-ports.js'
import type { Row, Sim } from './state.js'
import { table } from './state.js'

const C = '/compute/v2.1'

/**
 * Registers the keypair routes.
 *
 * @example
 * registerKeypairs(app, sim)
 */
export function registerKeypairs(app: Hono, sim: Sim): void {
  app.post(
    `${C}/os-keypairs`,
    route(sim, 'compute.keypairs.create', async (c) => {
      const fields = ((await bodyOf(c)).keypair ?? {}) as Record<string, string>
      if (fields.type !== undefined && !atLeast(c, '2.2')) return fail(c, 400, "Invalid input for field/attribute keypair. Value: Additional properties are not allowed ('type' was unexpected)")
      const keypairs = table(sim, 'keypairs')
      if (keypairs.has(String(fields.name))) return fail(c, 409, `Key pair '${fields.name}' already exists.`)
      const generated = fields.public_key ? undefined : generateKeyPairSync('ed25519')
      const publicKey = fields.public_key ?? `${openSshPublicKey(generated?.publicKey)} Generated-by-Nova`
      const fingerprint = (createHash('md5').update(publicKey).digest('hex').match(/../g) ?? []).join(':')
      const keypair = { name: fields.name, public_key: publicKey, fingerprint, user_id: sim.identity.userId, type: fields.type ?? 'ssh' }
      keypairs.set(String(fields.name), { id: String(fields.name), ...keypair, created_at: new Date().toISOString() })
      return c.json({ keypair: { ...keypair, ...(generated ? { private_key: generated.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } : {}) } }, atLeast(c, '2.2') ? 201 : 200)
    }),
  )
  app.get(`${C}/os-keypairs`, route(sim, 'compute.keypairs.list', () => ({ keypairs: [...table(sim, 'keypairs').values()].map((row) => ({ keypair: { name: row.name, public_key: row.public_key, fingerprint: row.fingerprint, type: row.type } })) })))
  app.delete(
    `${C}/os-keypairs/:name`,
    route(sim, 'compute.keypairs.delete', (c) => {
      if (!table(sim, 'keypairs').delete(c.req.param('name') ?? '')) return fail(c, 404, `Keypair ${c.req.param('name')} not found for user ${sim.identity.userId}`)
      return c.body(null, atLeast(c, '2.2') ? 204 : 202)
    }),
  )
}

function openSshPublicKey(key: KeyObject | undefined): string {
  const raw = Buffer.from(key?.export({ format: 'jwk' }).x ?? '', 'base64url')
  const field = (value: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, value.length]), value])
  return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')}`
}

/**
 * Binds a port to a server and lists its addresses under the network's name.
 *
 * @example
 * plug(sim, server, port)
 */
export function plug(sim: Sim, server: Row, port: Row): void {
  Object.assign(port, { device_id: server.id, device_owner: `compute:${String(server['OS-EXT-AZ:availability_zone'] ?? 'nova')}`, status: 'ACTIVE' })
  const network = table(sim, 'networks').get(String(port.network_id))
  const addresses = server.addresses as Record<string, object[]>
  const name = String(network?.name ?? port.network_id)
  addresses[name] = [...(addresses[name] ?? []), ...(port.fixed_ips as Array<{ ip_address: string }>).map((ip) => ({ addr: ip.ip_address, version: 4, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': port.mac_address }))]
}

function attachment(port: Row): Record<string, unknown> {
  return { port_id: port.id, net_id: port.network_id, mac_addr: port.mac_address, port_state: port.status, fixed_ips: port.fixed_ips }
}

function unplug(sim: Sim, server: Row | undefined, port: Row): void {
  Object.assign(port, { device_id: '', device_owner: '', status: 'DOWN' })
  if (!server) return
  const addresses = server.addresses as Record<string, Array<{ addr: string }>>
  const ips = new Set((port.fixed_ips as Array<{ ip_address: string }>).map((ip) => ip.ip_address))
  for (const [name, list] of Object.entries(addresses)) {
    const kept = list.filter((address) => !ips.has(address.addr))
    if (kept.length > 0) addresses[name] = kept
    else delete addresses[name]
  }
  if (port._auto) table(sim, 'ports').delete(port.id)
}

/**
 * Registers the interface attachment routes (attach needs an ACTIVE server: 409 while building).
 *
 * @example
 * registerInterfaces(app, sim)
 */
export function registerInterfaces(app: Hono, sim: Sim): void {
  app.post(
    `${C}/servers/:id/os-interface`,
    route(sim, 'compute.servers.interfaces.create', async (c) => {
      const server = table(sim, 'servers').get(c.req.param('id') ?? '')
      if (!server) return fail(c, 404, 'Instance could not be found.')
      if (server.status !== 'ACTIVE') return fail(c, 409, `Cannot 'attach_interface' instance ${server.id} while it is in vm_state building`)
      const wanted = ((await bodyOf(c)).interfaceAttachment ?? {}) as Record<string, string>
      const port = wanted.port_id ? table(sim, 'ports').get(wanted.port_id) : createPortRow(sim, { network_id: wanted.net_id, _auto: true })
      if (port === undefined || typeof port === 'string') return fail(c, 404, 'Port or network could not be found.')
      if (port.device_id) return fail(c, 409, `Port ${port.id} is still in use.`)
      plug(sim, server, port)
      return { interfaceAttachment: attachment(port) }
    }),
  )
  app.get(
    `${C}/servers/:id/os-interface`,
    route(sim, 'compute.servers.interfaces.list', (c) => ({
      interfaceAttachments: [...table(sim, 'ports').values()].filter((port) => port.device_id === c.req.param('id')).map(attachment),
    })),
  )
  app.delete(
    `${C}/servers/:id/os-interface/:port`,
    route(
      sim,
      'compute.servers.interfaces.delete',
      (c) => {
        const port = table(sim, 'ports').get(c.req.param('port') ?? '')
        if (!port || port.device_id !== c.req.param('id')) return fail(c, 404, 'Port is not attached to the instance.')
        unplug(sim, table(sim, 'servers').get(c.req.param('id') ?? ''), port)
        return null
      },
      { status: 202 },
    ),
  )
}
