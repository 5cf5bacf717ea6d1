/**
 * Designate (dns v2): the project's zones.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, versioned } from './shared.js'
import type { Filters, ListOptions } from './shared.js'

/** A DNS zone (`name` ends with a dot). */
export const ZoneSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** `ACTIVE`, `PENDING`, `ERROR`. */
  status: z.string(),
  email: z.string().optional(),
  ttl: z.number().optional(),
  serial: z.number().optional(),
})
/** A Designate zone. */
export type Zone = z.infer<typeof ZoneSchema>

/**
 * Zones (`GET /v2/zones`, all pages via `links.next`); filter e.g. `{ name: 'example.com.' }`.
 *
 * @example
 * (await listZones(session)).map((zone) => zone.name)
 */
export async function listZones(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<Zone[]> {
  return many(session, 'dns', 'dns.zones.list', await versioned(session, 'dns', 'v2', '/zones'), filters, ZoneSchema, 'zones', options)
}
