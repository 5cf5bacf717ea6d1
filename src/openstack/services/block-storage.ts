/**
 * Cinder (block-storage v3): availability zones and volumes. Paths are relative to the catalog
 * endpoint, which already holds the project id.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, one, remove, ZoneInfoSchema } from './shared.js'
import type { DeleteOptions, Filters, ListOptions, ZoneInfo } from './shared.js'

/** A volume. */
export const VolumeSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable(),
  /** `creating`, `available`, `in-use`, `error`, `deleting`, `downloading`, … */
  status: z.string(),
  size: z.number(),
  availability_zone: z.string().nullish(),
  volume_type: z.string().nullish(),
  /** `"true"` or `"false"` (a string in Cinder's API). */
  bootable: z.string().optional(),
  attachments: z.array(z.looseObject({ server_id: z.string().optional() })).default([]),
})
/** A Cinder volume. */
export type Volume = z.infer<typeof VolumeSchema>

/** Fields of `POST /volumes`. */
export interface VolumeCreate {
  size: number
  name?: string
  description?: string
  imageRef?: string
  availability_zone?: string
  volume_type?: string
}

/**
 * Volume availability zones (`GET /os-availability-zone`).
 *
 * @example
 * (await listVolumeZones(session)).map((zone) => zone.zoneName) // ['nova']
 */
export function listVolumeZones(session: OpenStackSession): Promise<ZoneInfo[]> {
  return one(session, 'GET', 'block-storage', 'block-storage.availability_zones.list', '/os-availability-zone', {}, 'availabilityZoneInfo', z.array(ZoneInfoSchema))
}

/**
 * Creates a volume (`POST /volumes`), from an image when `imageRef` is given.
 *
 * @example
 * await createVolume(session, { size: 5, imageRef: imageId, name: 'glasshouse-1a2b-root' })
 */
export function createVolume(session: OpenStackSession, body: VolumeCreate): Promise<Volume> {
  return one(session, 'POST', 'block-storage', 'block-storage.volumes.create', '/volumes', { body: { volume: body } }, 'volume', VolumeSchema)
}

/**
 * Volumes with details (`GET /volumes/detail`, all pages): the polling call.
 *
 * @example
 * const creating = (await listVolumes(session, { status: 'creating' })).length
 */
export function listVolumes(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Volume[]> {
  return many(session, 'block-storage', 'block-storage.volumes.list', '/volumes/detail', filters, VolumeSchema, 'volumes', options)
}

/**
 * One volume (`GET /volumes/{volume_id}`).
 *
 * @example
 * (await getVolume(session, id)).status // 'available'
 */
export function getVolume(session: OpenStackSession, volumeId: string): Promise<Volume> {
  return one(session, 'GET', 'block-storage', 'block-storage.volumes.get', '/volumes/{volume_id}', { path: { volume_id: volumeId } }, 'volume', VolumeSchema)
}

/**
 * Renames or re-describes a volume (`PUT /volumes/{volume_id}`).
 *
 * @example
 * await updateVolume(session, id, { name: 'glasshouse-1a2b-root-vm1' })
 */
export function updateVolume(session: OpenStackSession, volumeId: string, body: { name?: string; description?: string }): Promise<Volume> {
  const params = { path: { volume_id: volumeId }, body: { volume: body } }
  return one(session, 'PUT', 'block-storage', 'block-storage.volumes.update', '/volumes/{volume_id}', params, 'volume', VolumeSchema)
}

/**
 * Deletes a volume (`DELETE /volumes/{volume_id}`; asynchronous, `deleting` until gone).
 *
 * @example
 * await deleteVolume(session, id, { missingOk: true })
 */
export function deleteVolume(session: OpenStackSession, volumeId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'block-storage', 'block-storage.volumes.delete', '/volumes/{volume_id}', { path: { volume_id: volumeId } }, options)
}
