/**
 * openstacksdk's two dictionary rules: `merge_clouds` (secure.yaml over clouds.yaml) and
 * `normalize_keys` (`-` → `_`, numbers to the strings Python would print).
 *
 * @module
 */

/** A parsed mapping. */
export type Dict = Record<string, unknown>

/**
 * True for a plain mapping (not a list, date or null).
 *
 * @example
 * isDict({ a: 1 }) // true
 */
export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/**
 * Deep merge of `over` onto `base` (neither changed): mappings merge key by key, everything
 * else — scalars, lists, null — replaces. Keys are compared as written, before normalisation.
 *
 * @example
 * mergeClouds({ clouds: { a: { auth: { username: 'u' }, regions: ['R1'] } } },
 *             { clouds: { a: { auth: { password: 'p' }, regions: ['R2'] } } })
 * // { clouds: { a: { auth: { username: 'u', password: 'p' }, regions: ['R2'] } } }
 */
export function mergeClouds(base: Dict, over: Dict): Dict {
  const merged: Dict = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const old = merged[key]
    setKey(merged, key, isDict(value) ? (isDict(old) ? mergeClouds(old, value) : { ...value }) : value)
  }
  return merged
}

/**
 * `normalize_keys`: every mapping key `-` → `_` (the later of two colliding keys wins); integers
 * become strings except `api_timeout` and `verbose_level`; floats become Python's `str()` of
 * them (`2.0` → `'2.0'`, `2.10` → `'2.1'`); booleans stay. Lists are copied, not normalised
 * (as in openstacksdk): their items keep the parser's types (integers as `bigint`).
 *
 * @example
 * normalizeKeys({ 'compute-api-version': 2.0, api_timeout: 30n, regions: [{ name: 'R' }] }) // { compute_api_version: '2.0', api_timeout: 30, regions: [{ name: 'R' }] }
 */
export function normalizeKeys(dict: Dict): Dict {
  const out: Dict = {}
  for (const [rawKey, value] of Object.entries(dict)) {
    const key = rawKey.replaceAll('-', '_')
    setKey(out, key, normalizeValue(key, value))
  }
  return out
}

function normalizeValue(key: string, value: unknown): unknown {
  if (isDict(value)) return normalizeKeys(value)
  if (typeof value === 'bigint') return key === 'api_timeout' || key === 'verbose_level' ? Number(value) : String(value)
  if (typeof value === 'number') return pythonFloat(value)
  return value
}

function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(1)
  return String(value)
}

/**
 * Sets an own property, even one named `__proto__` (a key in a file must never reach a prototype).
 *
 * @example
 * setKey(dict, '__proto__', {}) // an ordinary key
 */
export function setKey(dict: Dict, key: string, value: unknown): void {
  Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * A deep copy with every `bigint` (how the parser reads integers) as a number, for values handed out.
 *
 * @example
 * plainNumbers({ ports: [80n, 443n] }) // { ports: [80, 443] }
 */
export function plainNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (Array.isArray(value)) return value.map(plainNumbers)
  if (isDict(value)) {
    const out: Dict = {}
    for (const [key, item] of Object.entries(value)) setKey(out, key, plainNumbers(item))
    return out
  }
  return value
}
