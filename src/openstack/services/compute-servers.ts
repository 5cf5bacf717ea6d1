/**
 * Nova servers: create (from an image or a block-device mapping), list and read for polling,
 * metadata, console output, interface attach and detach, delete.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, one, remove } from './shared.js'
import type { DeleteOptions, Filters, ListOptions } from './shared.js'

const AddressSchema = z.looseObject({ addr: z.string(), version: z.number(), 'OS-EXT-IPS:type': z.string().optional() })

/** A server as `GET /servers/detail` and `GET /servers/{id}` describe it. */
export const ServerSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** `BUILD`, `ACTIVE`, `ERROR`, `DELETED`, … */
  status: z.string(),
  /** Network name → addresses. */
  addresses: z.record(z.string(), z.array(AddressSchema)).default({}),
  metadata: z.record(z.string(), z.string()).default({}),
  key_name: z.string().nullish(),
  /** Empty string when the server boots from a volume. */
  image: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
  'OS-EXT-AZ:availability_zone': z.string().optional(),
  'OS-EXT-STS:task_state': z.string().nullish(),
  'os-extended-volumes:volumes_attached': z.array(z.looseObject({ id: z.string() })).optional(),
  /** Why the server is in ERROR. */
  fault: z.looseObject({ message: z.string(), code: z.number().optional() }).optional(),
})
/** A Nova server. */
export type Server = z.infer<typeof ServerSchema>

/** What `POST /servers` answers (the server is still building). */
export const CreatedServerSchema = z.looseObject({ id: z.string(), adminPass: z.string().optional() })
/** The answer of a server create. */
export type CreatedServer = z.infer<typeof CreatedServerSchema>

/** One entry of `block_device_mapping_v2`. */
export interface BlockDeviceMapping {
  boot_index: number | null
  /** Image id for `source_type: image`, volume id for `volume`. */
  uuid?: string
  source_type: 'image' | 'volume' | 'snapshot' | 'blank'
  destination_type: 'volume' | 'local'
  volume_size?: number
  delete_on_termination?: boolean
  /** Needs microversion 2.67 (asked for automatically). */
  volume_type?: string
}

/** The body of `POST /servers`, as the API names its fields. */
export interface ServerCreate {
  name: string
  flavorRef: string
  /** Omit (or empty) when booting from `block_device_mapping_v2`. */
  imageRef?: string
  block_device_mapping_v2?: BlockDeviceMapping[]
  key_name?: string
  /** Plain text; base64-encoded on the way, as the API wants it. */
  user_data?: string
  availability_zone?: string
  /** Security group names. */
  security_groups?: string[]
  networks?: Array<{ port: string } | { uuid: string; fixed_ip?: string }> | 'none' | 'auto'
  min_count?: number
  max_count?: number
  metadata?: Record<string, string>
  description?: string
}

/** A port attached to a server (`os-interface`). */
export const InterfaceAttachmentSchema = z.looseObject({
  port_id: z.string(),
  net_id: z.string(),
  mac_addr: z.string().optional(),
  port_state: z.string().optional(),
  fixed_ips: z.array(z.looseObject({ subnet_id: z.string(), ip_address: z.string() })).default([]),
})
/** A server's interface. */
export type InterfaceAttachment = z.infer<typeof InterfaceAttachmentSchema>

/**
 * Creates a server (`POST /servers`); microversion 2.67 when a mapping names a volume type.
 *
 * @example
 * await createServer(session, { name, flavorRef, block_device_mapping_v2: [{ boot_index: 0, uuid: imageId, source_type: 'image', destination_type: 'volume', volume_size: 5, delete_on_termination: true }], networks: [{ uuid: netId }] })
 */
export function createServer(session: OpenStackSession, body: ServerCreate): Promise<CreatedServer> {
  const { user_data: userData, security_groups: groups, ...rest } = body
  const server = {
    ...rest,
    ...(userData === undefined ? {} : { user_data: Buffer.from(userData, 'utf8').toString('base64') }),
    ...(groups === undefined ? {} : { security_groups: groups.map((name) => ({ name })) }),
  }
  const volumeType = body.block_device_mapping_v2?.some((mapping) => mapping.volume_type !== undefined)
  const params = { body: { server }, ...(volumeType ? { microversion: '2.67' } : {}) }
  return one(session, 'POST', 'compute', 'compute.servers.create', '/servers', params, 'server', CreatedServerSchema)
}

/**
 * Servers with details (`GET /servers/detail`, all pages). Nova's `name` filter is a regular
 * expression, matched anywhere in the name.
 *
 * @example
 * const mine = await listServers(session, { name: '^glasshouse-1a2b-' })
 */
export function listServers(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Server[]> {
  return many(session, 'compute', 'compute.servers.list', '/servers/detail', filters, ServerSchema, 'servers', options)
}

/**
 * One server (`GET /servers/{server_id}`).
 *
 * @example
 * (await getServer(session, id)).status // 'ACTIVE'
 */
export function getServer(session: OpenStackSession, serverId: string): Promise<Server> {
  return one(session, 'GET', 'compute', 'compute.servers.get', '/servers/{server_id}', { path: { server_id: serverId } }, 'server', ServerSchema)
}

/**
 * Adds or replaces metadata items (`POST /servers/{server_id}/metadata`); returns all items.
 *
 * @example
 * await updateServerMetadata(session, id, { checked: 'yes' })
 */
export function updateServerMetadata(session: OpenStackSession, serverId: string, metadata: Record<string, string>): Promise<Record<string, string>> {
  const params = { path: { server_id: serverId }, body: { metadata } }
  return one(session, 'POST', 'compute', 'compute.servers.metadata.update', '/servers/{server_id}/metadata', params, 'metadata', z.record(z.string(), z.string()))
}

/**
 * The server's console log (`os-getConsoleOutput` action), optionally only its last lines.
 *
 * @example
 * const log = await getConsoleOutput(session, id, 50)
 */
export function getConsoleOutput(session: OpenStackSession, serverId: string, lines?: number): Promise<string> {
  const params = { path: { server_id: serverId }, body: { 'os-getConsoleOutput': lines === undefined ? {} : { length: lines } } }
  return one(session, 'POST', 'compute', 'compute.servers.console_output.get', '/servers/{server_id}/action', params, 'output', z.string())
}

/**
 * Attaches a port, or a new port on a network (`POST /servers/{server_id}/os-interface`).
 *
 * @example
 * await attachInterface(session, serverId, { port_id: portId })
 */
export function attachInterface(session: OpenStackSession, serverId: string, attachment: { port_id: string } | { net_id: string }): Promise<InterfaceAttachment> {
  const params = { path: { server_id: serverId }, body: { interfaceAttachment: attachment } }
  return one(session, 'POST', 'compute', 'compute.servers.interfaces.create', '/servers/{server_id}/os-interface', params, 'interfaceAttachment', InterfaceAttachmentSchema)
}

/**
 * The server's interfaces (`GET /servers/{server_id}/os-interface`).
 *
 * @example
 * (await listInterfaces(session, serverId)).map((attachment) => attachment.port_id)
 */
export function listInterfaces(session: OpenStackSession, serverId: string): Promise<InterfaceAttachment[]> {
  const params = { path: { server_id: serverId } }
  return one(session, 'GET', 'compute', 'compute.servers.interfaces.list', '/servers/{server_id}/os-interface', params, 'interfaceAttachments', z.array(InterfaceAttachmentSchema))
}

/**
 * Detaches a port (`DELETE /servers/{server_id}/os-interface/{port_id}`; asynchronous in Nova).
 *
 * @example
 * await detachInterface(session, serverId, portId)
 */
export function detachInterface(session: OpenStackSession, serverId: string, portId: string, options: DeleteOptions = {}): Promise<boolean> {
  const params = { path: { server_id: serverId, port_id: portId } }
  return remove(session, 'compute', 'compute.servers.interfaces.delete', '/servers/{server_id}/os-interface/{port_id}', params, options)
}

/**
 * Deletes a server (`DELETE /servers/{server_id}`); it disappears from lists once Nova is done.
 *
 * @example
 * await deleteServer(session, id, { missingOk: true })
 */
export function deleteServer(session: OpenStackSession, serverId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'compute', 'compute.servers.delete', '/servers/{server_id}', { path: { server_id: serverId } }, options)
}
