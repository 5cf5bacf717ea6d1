/**
 * Nova (compute) beyond servers: availability zones, flavors and keypairs. Servers are in
 * `compute-servers.ts`.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, one, remove, ZoneInfoSchema } from './shared.js'
import type { DeleteOptions, ListOptions, ZoneInfo } from './shared.js'

/** A flavor as `GET /flavors/detail` and `GET /flavors/{id}` describe it. */
export const FlavorSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  /** Root disk in GB; 0 means diskless (boot from volume only). */
  disk: z.number(),
  'OS-FLV-EXT-DATA:ephemeral': z.number().optional(),
  'os-flavor-access:is_public': z.boolean().optional(),
})
/** A Nova flavor. */
export type Flavor = z.infer<typeof FlavorSchema>

/** A keypair as Nova answers it; `private_key` only when Nova generated the key (before 2.92). */
export const KeypairSchema = z.looseObject({
  name: z.string(),
  public_key: z.string(),
  fingerprint: z.string(),
  type: z.string().optional(),
  private_key: z.string().optional(),
})
/** A Nova keypair. */
export type Keypair = z.infer<typeof KeypairSchema>

/** The body of `POST /os-keypairs`. */
export interface KeypairCreate {
  name: string
  /** OpenSSH public key; without it Nova generates one (refused from microversion 2.92). */
  public_key?: string
  /** `ssh` or `x509`; sent with microversion 2.2. */
  type?: 'ssh' | 'x509'
}

/**
 * Compute availability zones (`GET /os-availability-zone`; the `/detail` variant is admin-only).
 *
 * @example
 * (await listComputeZones(session)).filter((zone) => zone.zoneState.available).map((zone) => zone.zoneName) // ['nova']
 */
export async function listComputeZones(session: OpenStackSession): Promise<ZoneInfo[]> {
  return one(session, 'GET', 'compute', 'compute.availability_zones.list', '/os-availability-zone', {}, 'availabilityZoneInfo', z.array(ZoneInfoSchema))
}

/**
 * Every flavor with its details (`GET /flavors/detail`, all pages).
 *
 * @example
 * const diskless = (await listFlavors(session)).filter((flavor) => flavor.disk === 0)
 */
export function listFlavors(session: OpenStackSession, filters: { minDisk?: number; minRam?: number } = {}, options: ListOptions = {}): Promise<Flavor[]> {
  const query = { minDisk: filters.minDisk, minRam: filters.minRam }
  return many(session, 'compute', 'compute.flavors.list', '/flavors/detail', query, FlavorSchema, 'flavors', options)
}

/**
 * One flavor (`GET /flavors/{flavor_id}`).
 *
 * @example
 * (await getFlavor(session, id)).disk // 0
 */
export function getFlavor(session: OpenStackSession, flavorId: string): Promise<Flavor> {
  return one(session, 'GET', 'compute', 'compute.flavors.get', '/flavors/{flavor_id}', { path: { flavor_id: flavorId } }, 'flavor', FlavorSchema)
}

/**
 * Uploads (or has Nova generate) a keypair (`POST /os-keypairs`); `type` asks for
 * microversion 2.2, the first that knows it.
 *
 * @example
 * await createKeypair(session, { name: 'glasshouse-1a2b', public_key: publicKey, type: 'ssh' })
 */
export function createKeypair(session: OpenStackSession, body: KeypairCreate): Promise<Keypair> {
  const params = { body: { keypair: body }, ...(body.type === undefined ? {} : { microversion: '2.2' }) }
  return one(session, 'POST', 'compute', 'compute.keypairs.create', '/os-keypairs', params, 'keypair', KeypairSchema)
}

/**
 * The user's keypairs (`GET /os-keypairs`; Nova wraps each item in `keypair`).
 *
 * @example
 * (await listKeypairs(session)).map((keypair) => keypair.name)
 */
export async function listKeypairs(session: OpenStackSession, options: ListOptions = {}): Promise<Keypair[]> {
  const wrapped = await many(session, 'compute', 'compute.keypairs.list', '/os-keypairs', {}, z.object({ keypair: KeypairSchema }), 'keypairs', options)
  return wrapped.map((item) => item.keypair)
}

/**
 * Deletes a keypair by name (`DELETE /os-keypairs/{keypair_name}`).
 *
 * @example
 * await deleteKeypair(session, 'glasshouse-1a2b', { missingOk: true })
 */
export function deleteKeypair(session: OpenStackSession, name: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'compute', 'compute.keypairs.delete', '/os-keypairs/{keypair_name}', { path: { keypair_name: name } }, options)
}
