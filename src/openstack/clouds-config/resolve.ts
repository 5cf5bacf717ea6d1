/**
 * One cloud from its raw dictionary to a {@link ResolvedCloud}: normalise, validate (the cloud
 * and every region's values), choose the region, apply openstacksdk's fixes, build.
 *
 * @module
 */
import { authTypeOf, buildCloud, formatPython } from './build.js'
import type { BuildContext } from './build.js'
import { magicFixes, moveAuthOptions } from './magic.js'
import { isDict, normalizeKeys, setKey } from './merge.js'
import type { Dict } from './merge.js'
import { UnknownRegion, applyRegion, chooseRegion, knownRegions } from './region.js'
import { CloudSchema } from './schema.js'
import type { ResolvedCloud } from './types.js'

/** How to resolve: the region asked for (`''` for none) and the build context. */
export interface ResolveContext extends BuildContext {
  region: string
}

/**
 * Resolves one cloud. Every problem goes through `ctx.fail` with its path in the cloud, so the
 * caller can position it in the file it came from (or name the `OS_*` variable).
 *
 * @example
 * resolveCloud({ auth: { auth_url: 'http://127.0.0.1:5000/v3' }, region_name: 'RegionOne' }, ctx).region // 'RegionOne'
 */
export function resolveCloud(raw: unknown, ctx: ResolveContext): Omit<ResolvedCloud, 'warnings'> {
  if (!isDict(raw)) return ctx.fail([], 'a cloud must be a mapping of settings')
  const cloud = cleanCloud(raw)
  check(cloud, [], ctx)
  const known = knownRegions(cloud)
  for (const region of known) {
    region.values = cleanCloud(region.values)
    check(region.values, [...region.path, 'values'], ctx)
  }
  const region = chooseRegion(known, ctx.region)
  if (region instanceof UnknownRegion) {
    return ctx.fail(known[0]?.path.slice(0, 1) ?? [], `region "${region.wanted}" is not a region of cloud "${ctx.name}"; valid regions: ${region.valid.join(', ')} (names are case-sensitive)`)
  }
  let config = magicFixes(applyRegion(cloud, region))
  const auth = config.auth as Dict
  if (typeof auth.auth_url === 'string') {
    const formatted = formatPython(auth.auth_url, config)
    if (formatted === null) ctx.fail(['auth', 'auth_url'], 'refers to a {field} the cloud does not set')
    auth.auth_url = formatted
  }
  config = moveAuthOptions(config, authTypeOf(config))
  return buildCloud(config, ctx)
}

function check(cloud: Dict, at: (string | number)[], ctx: ResolveContext): void {
  const parsed = CloudSchema.safeParse(cloud)
  const issue = parsed.error?.issues[0]
  if (issue) ctx.fail([...at, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))], issue.message)
}

/** Keys normalised, and unset (null) values dropped at the top and in `auth` (openstacksdk skips them too). */
function cleanCloud(raw: Dict): Dict {
  const cloud = dropNulls(normalizeKeys(raw))
  if (isDict(cloud.auth)) cloud.auth = dropNulls(cloud.auth)
  return cloud
}

function dropNulls(dict: Dict): Dict {
  const out: Dict = {}
  for (const [key, value] of Object.entries(dict)) if (value !== null && value !== undefined) setKey(out, key, value)
  return out
}
