/**
 * Glance (image v2): find an image by name or property, read what booting it needs.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, versioned } from './shared.js'
import type { Filters, ListOptions } from './shared.js'

/** An image; custom properties (`image_original_user`, `os_distro`, …) are top-level fields. */
export const ImageSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable(),
  /** `queued`, `saving`, `active`, `killed`, `deleted`, … */
  status: z.string(),
  visibility: z.string().optional(),
  /** Smallest root disk in GB that holds the image. */
  min_disk: z.number().default(0),
  min_ram: z.number().default(0),
  /** Bytes of the image data; null before upload. */
  size: z.number().nullish(),
  disk_format: z.string().nullish(),
  /** The SCS image property naming the default login user. */
  image_original_user: z.string().optional(),
  tags: z.array(z.string()).default([]),
})
/** A Glance image. */
export type Image = z.infer<typeof ImageSchema>

/**
 * Images (`GET /v2/images`, all pages); filter by `name`, `status`, `visibility`, `tag` or any
 * property (`{ os_distro: 'ubuntu' }`).
 *
 * @example
 * const [image] = await listImages(session, { name: 'Ubuntu 24.04' })
 */
export async function listImages(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Image[]> {
  const path = await versioned(session, 'image', 'v2', '/images')
  return many(session, 'image', 'image.images.list', path, filters, ImageSchema, 'images', options)
}

/**
 * One image (`GET /v2/images/{image_id}`; Glance answers it unwrapped).
 *
 * @example
 * const { min_disk, size, image_original_user } = await getImage(session, id)
 */
export async function getImage(session: OpenStackSession, imageId: string): Promise<Image> {
  const path = await versioned(session, 'image', 'v2', '/images/{image_id}')
  const { data } = await session.get('image', 'image.images.get', path, { path: { image_id: imageId } }, ImageSchema)
  return data
}
