/**
 * The last step: a fixed-up cloud dictionary to a {@link ResolvedCloud}.
 *
 * @module
 */
import { isDict, plainNumbers, setKey } from './merge.js'
import type { Dict } from './merge.js'
import { AUTH_TYPES, INTERFACES } from './schema.js'
import { expandUser } from './search-path.js'
import type { AuthType, CloudAuth, CloudSource, ResolvedCloud } from './types.js'

/** What building needs besides the dictionary: names, home for `~`, and how to report a problem. */
export interface BuildContext {
  name: string
  home: string
  source: CloudSource
  /** Throws a positioned error for a path in the cloud (`['auth', 'auth_url']`). */
  fail: (path: (string | number)[], message: string) => never
}

const HANDLED = new Set(['auth', 'auth_type', 'regions', 'region_name', 'interface', 'verify', 'insecure', 'cacert', 'cert', 'key', 'api_timeout'])
const SECRET_KEY = /password|secret|token/i
const CAMEL: Readonly<Record<string, keyof CloudAuth>> = {
  auth_url: 'authUrl', username: 'username', user_id: 'userId', password: 'password', project_name: 'projectName',
  project_id: 'projectId', project_domain_name: 'projectDomainName', project_domain_id: 'projectDomainId',
  user_domain_name: 'userDomainName', user_domain_id: 'userDomainId', domain_name: 'domainName', domain_id: 'domainId',
  token: 'token', application_credential_id: 'applicationCredentialId', application_credential_name: 'applicationCredentialName',
  application_credential_secret: 'applicationCredentialSecret', system_scope: 'systemScope',
}

/**
 * The auth type a cloud asks for (default `password`), normalised.
 *
 * @example
 * authTypeOf({ auth_type: 'v3token' }) // 'token'
 */
export function authTypeOf(config: Dict): AuthType {
  return AUTH_TYPES[typeof config.auth_type === 'string' ? config.auth_type : 'password'] ?? 'password'
}

/**
 * Builds the resolved cloud from a dictionary that went through `magicFixes` and
 * `moveAuthOptions`. Throws through `ctx.fail` when `auth_url` is missing.
 *
 * @example
 * buildCloud(config, { name: 'demo', home: '/root', source, fail })
 */
export function buildCloud(config: Dict, ctx: BuildContext): Omit<ResolvedCloud, 'warnings'> {
  const rawAuth = isDict(config.auth) ? config.auth : {}
  const auth: Partial<CloudAuth> = {}
  for (const [key, field] of Object.entries(CAMEL)) {
    const value = rawAuth[key]
    if (typeof value === 'string' && value !== '') auth[field] = value
  }
  if (auth.authUrl === undefined) ctx.fail(['auth', 'auth_url'], 'auth_url is required')
  const expand = (value: unknown) => (typeof value === 'string' ? expandUser(value, ctx.home) : undefined)
  const timeout = config.api_timeout
  const region = typeof config.region_name === 'string' && config.region_name !== '' ? config.region_name : null
  const cloud: Omit<ResolvedCloud, 'warnings'> = {
    name: ctx.name,
    region,
    authType: authTypeOf(config),
    auth: auth as CloudAuth,
    interface: INTERFACES[typeof config.interface === 'string' ? config.interface : 'public'] ?? 'public',
    verify: config.insecure === true ? false : verifyOf(config.verify),
    endpointOverrides: serviceKeys(config, ['_endpoint_override', '_endpoint'], ctx),
    apiVersions: serviceKeys(config, ['_api_version'], ctx),
    extra: extraOf(config),
    source: ctx.source,
    secrets: secretsOf(config),
  }
  const cacert = expand(config.cacert)
  const cert = expand(config.cert)
  const key = expand(config.key)
  if (cacert !== undefined) cloud.cacert = cacert
  if (cert !== undefined) cloud.cert = cert
  if (key !== undefined) cloud.key = key
  if (timeout !== undefined && timeout !== null) cloud.apiTimeoutMs = Math.round(Number(timeout) * 1000)
  return cloud
}

/**
 * Python's `str.format(**values)` for `{name}` fields (`{{`/`}}` escape braces), as openstacksdk
 * applies it to `auth_url` and top-level strings. Returns null for a field that is not set.
 *
 * @example
 * formatPython('https://{region_name}.example.com:5000/v3', { region_name: 'RegionOne' }) // 'https://RegionOne.example.com:5000/v3'
 */
export function formatPython(template: string, values: Dict): string | null {
  let missing = false
  const text = template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, field: string | undefined) => {
    if (match === '{{') return '{'
    if (match === '}}') return '}'
    const value = field === undefined ? undefined : values[field]
    if (value === undefined || value === null || isDict(value) || Array.isArray(value)) {
      missing = true
      return match
    }
    return typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)
  })
  return missing ? null : text
}

function verifyOf(value: unknown): boolean {
  if (typeof value === 'string') return /^(true|yes|1)$/i.test(value)
  return value !== false
}

function serviceKeys(config: Dict, suffixes: readonly string[], ctx: BuildContext): Record<string, string> {
  const found: Record<string, string> = {}
  for (const suffix of [...suffixes].reverse()) {
    for (const [key, value] of Object.entries(config)) {
      if (!key.endsWith(suffix) || key.length === suffix.length || typeof value !== 'string') continue
      const formatted = suffix === '_api_version' ? value : formatPython(value, config)
      if (formatted === null) ctx.fail([key], 'refers to a {field} the cloud does not set')
      found[key.slice(0, -suffix.length)] = formatted
    }
  }
  return found
}

function extraOf(config: Dict): Dict {
  const extra: Dict = {}
  for (const [key, value] of Object.entries(config)) {
    if (HANDLED.has(key) || SECRET_KEY.test(key) || /_(endpoint_override|endpoint|api_version)$/.test(key)) continue
    setKey(extra, key, plainNumbers(value))
  }
  return extra
}

function secretsOf(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SECRET_KEY.test(key) && value !== '' ? [value] : []
  const children = isDict(value) ? Object.entries(value) : Array.isArray(value) ? value.map((item) => [key, item] as const) : []
  return [...new Set(children.flatMap(([childKey, child]) => secretsOf(child, childKey)))]
}
