/**
 * Stable entry ids: `urn:uuid:` name-based UUIDs (version 5, RFC 9562) in the namespace of the
 * incident's or window's own UUID, so an entry keeps its id across restarts, servers and a moved
 * `publicUrl`, and two entries never share one.
 *
 * @module
 */
import { createHash } from 'node:crypto'

/**
 * The version-5 UUID of `name` in the namespace `namespace` (itself a UUID).
 *
 * @example
 * nameUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com') // '2ed6657d-e927-568b-95e1-2665a8aea6a2'
 */
export function nameUuid(namespace: string, name: string): string {
  const space = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  if (space.length !== 16) throw new Error(`not a UUID: ${namespace}`)
  const hash = createHash('sha1').update(space).update(name, 'utf8').digest().subarray(0, 16)
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The id of one feed entry, e.g. the second update of an incident.
 *
 * @example
 * entryId(incident.id, 'update/2') // 'urn:uuid:…'
 */
export function entryId(objectId: string, event: string): string {
  return `urn:uuid:${nameUuid(objectId, event)}`
}
