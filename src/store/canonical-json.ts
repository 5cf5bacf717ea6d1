/**
 * Canonical JSON (object keys sorted) and its hash, so an unchanged definition hashes the same
 * whatever order the config file wrote its keys in.
 *
 * @module
 */
import { createHash } from 'node:crypto'

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key])
    return sorted
  }
  return value
}

/**
 * JSON text with object keys in sorted order.
 *
 * @example
 * canonicalJson({ b: 1, a: 2 }) // '{"a":2,"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null'
}

/**
 * SHA-256 (hex) of the canonical JSON of `value`.
 *
 * @example
 * contentHash({ url: 'https://x' }) === contentHash({ url: 'https://x' }) // true
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex')
}
