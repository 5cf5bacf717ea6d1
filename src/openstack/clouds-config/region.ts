/**
 * Regions: the known ones (`regions` as names or `{name, values}`, else `region_name`), the one
 * chosen, and its values laid over the cloud — openstacksdk's `_get_region` and `get_one`.
 *
 * @module
 */
import { isDict, setKey } from './merge.js'
import type { Dict } from './merge.js'

/** A region as openstacksdk expands it: a name and the keys it overrides. */
export interface Region {
  name: string
  values: Dict
  /** Where it was written, relative to the cloud (`['regions', 1]`), for error positions. */
  path: (string | number)[]
}

/**
 * The regions a cloud declares: `regions` when present (even empty), else `region_name` (a
 * list, or a comma-separated string — deprecated but honoured), else none. Expects a cloud that
 * passed {@link CloudSchema}.
 *
 * @example
 * knownRegions({ regions: ['R1', { name: 'R2', values: { interface: 'internal' } }] }).map((r) => r.name) // ['R1', 'R2']
 */
export function knownRegions(cloud: Dict): Region[] {
  if ('regions' in cloud && Array.isArray(cloud.regions)) {
    return cloud.regions.map((entry: unknown, index) =>
      isDict(entry)
        ? { name: String(entry.name), values: isDict(entry.values) ? entry.values : {}, path: ['regions', index] }
        : { name: String(entry), values: {}, path: ['regions', index] },
    )
  }
  const named = cloud.region_name
  if (typeof named === 'string' || Array.isArray(named)) {
    const names = typeof named === 'string' ? named.split(',') : named.map(String)
    return names.map((name) => ({ name, values: {}, path: ['region_name'] }))
  }
  return []
}

/** The region wanted is not one the cloud declares; carries the valid names. */
export class UnknownRegion {
  constructor(
    readonly wanted: string,
    readonly valid: readonly string[],
  ) {}
}

/**
 * The region to use: the one asked for (which must be declared, when any are), else the first
 * declared, else none (`name: ''`).
 *
 * @example
 * chooseRegion(knownRegions(cloud), 'RegionTwo')
 */
export function chooseRegion(known: readonly Region[], wanted: string): Region | UnknownRegion {
  if (known.length === 0) return { name: wanted, values: {}, path: [] }
  if (wanted === '') return known[0] as Region
  return known.find((region) => region.name === wanted) ?? new UnknownRegion(wanted, known.map((region) => region.name))
}

/**
 * The cloud with the region's values laid over it (`auth` merged one level deep, other keys
 * replaced, nulls ignored), without `regions`, with `region_name` set to the region's name.
 *
 * @example
 * applyRegion({ interface: 'public', auth: { username: 'u' } }, { name: 'R', values: { interface: 'internal' }, path: [] })
 * // { interface: 'internal', auth: { username: 'u' }, region_name: 'R' }
 */
export function applyRegion(cloud: Dict, region: Region): Dict {
  const config: Dict = { ...cloud }
  delete config.regions
  for (const [key, value] of Object.entries(region.values)) {
    if (value === null || value === undefined) continue
    if (key === 'auth' && isDict(value) && isDict(config.auth)) setKey(config, key, { ...config.auth, ...value })
    else setKey(config, key, value)
  }
  config.region_name = region.name
  return config
}
