/**
 * Name-derived ids of impact types: a UUID (version 5 layout, SHA-1 of a fixed namespace and the
 * name), so an impact type that impacts name but no row describes — one written through the
 * native API as free text, or one whose row was deleted — still has a stable SCS id.
 *
 * @module
 */
import { createHash } from 'node:crypto'

/**
 * A stable UUID (version 5 layout) for `name` within `namespace`.
 *
 * @example
 * derivedUuid('glasshouse:no-data:', componentId) // always the same UUID for this component
 */
export function derivedUuid(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(namespace + name).digest().subarray(0, 16)
  bytes[6] = 0x50 | (bytes[6]! & 0x0f)
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The stable id of the impact type named `name`.
 *
 * @example
 * impactTypeIdOf('Maintenance') // always the same UUID
 */
export function impactTypeIdOf(name: string): string {
  return derivedUuid('glasshouse:impact-type:', name)
}
