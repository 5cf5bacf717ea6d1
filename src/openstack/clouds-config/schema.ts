/**
 * The shape of one cloud (after `-` → `_` normalisation), as Zod schemas. The same schema checks
 * a cloud and each region's `values`, so every problem is reported where it was written.
 *
 * @module
 */
import { z } from 'zod'
import type { AuthType, EndpointInterface } from './types.js'

/** Every `auth_type` spelling Glasshouse accepts, and what it means. */
export const AUTH_TYPES: Readonly<Record<string, AuthType>> = {
  password: 'password',
  v3password: 'password',
  token: 'token',
  v3token: 'token',
  v3applicationcredential: 'v3applicationcredential',
}

/** Every `interface` spelling accepted (keystoneauth also takes the old `…URL` names). */
export const INTERFACES: Readonly<Record<string, EndpointInterface>> = {
  public: 'public',
  internal: 'internal',
  admin: 'admin',
  publicURL: 'public',
  internalURL: 'internal',
  adminURL: 'admin',
}

const UNSUPPORTED_AUTH =
  'unsupported auth_type; Glasshouse supports password (v3password), token (v3token) and v3applicationcredential'
const PROFILE =
  'vendor profiles are not supported yet; copy the settings of the profile into the cloud (see docs/clouds-yaml.md)'

const text = (what: string) => z.string({ error: `must be ${what}` })
const authType = text('a string').refine((value) => value in AUTH_TYPES, { error: UNSUPPORTED_AUTH })
const positiveNumber = z.union([z.number().positive(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/)], {
  error: 'must be a number of seconds greater than 0',
})
const region = z.union([
  z.string(),
  z.strictObject(
    { name: z.string({ error: 'a region needs a name' }), values: z.record(z.string(), z.unknown()).optional() },
    { error: 'must be a region name or {name, values}' },
  ),
], { error: 'must be a region name or a mapping with name and values (and no other keys)' })

function checkServiceKeys(cloud: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [key, value] of Object.entries(cloud)) {
    if (value === null || value === undefined) continue
    const override = key.endsWith('_endpoint_override') || key.endsWith('_endpoint')
    if (override && typeof value !== 'string') ctx.addIssue({ code: 'custom', path: [key], message: 'must be a URL string' })
    if (key.endsWith('_api_version') && typeof value !== 'string') {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must be a version such as 2 or 2.79' })
    }
  }
}

/**
 * One cloud, keys normalised. Unknown keys pass (they end up in `extra`); `profile:` (and its
 * legacy spelling `cloud:`) is refused until vendor profiles are supported.
 *
 * @example
 * CloudSchema.safeParse({ auth_type: 'v3oidcpassword' }).success // false
 */
export const CloudSchema = z
  .looseObject({
    auth: z.record(z.string(), z.string({ error: 'must be a string' }), { error: 'must be a mapping' }).optional(),
    auth_type: authType.optional(),
    regions: z.array(region, { error: 'must be a list of regions' }).optional(),
    region_name: z.union([z.string(), z.array(z.string())], { error: 'must be a region name' }).optional(),
    interface: text('public, internal or admin')
      .refine((value) => value in INTERFACES, { error: 'must be public, internal or admin' })
      .optional(),
    verify: z.union([z.boolean(), z.string().regex(/^(true|false|yes|no|1|0)$/i)], { error: 'must be true or false' }).optional(),
    insecure: z.union([z.boolean(), z.string()], { error: 'must be true or false' }).optional(),
    cacert: text('a file path').optional(),
    cert: text('a file path').optional(),
    key: text('a file path').optional(),
    api_timeout: positiveNumber.optional(),
    profile: z.never({ error: PROFILE }).optional(),
    cloud: z.never({ error: PROFILE }).optional(),
  })
  .superRefine(checkServiceKeys)
