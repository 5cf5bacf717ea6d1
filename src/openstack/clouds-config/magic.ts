/**
 * openstacksdk's `magic_fixes` and `_validate_auth`: legacy spellings to current ones, top-level
 * auth keys moved into `auth`, domains spread to user and project. Pure functions on a cloud
 * whose keys are already normalised and whose region values are applied.
 *
 * @module
 */
import { isDict, setKey } from './merge.js'
import type { Dict } from './merge.js'
import type { AuthType } from './types.js'

const SCOPE = ['auth_url', 'system_scope', 'domain_id', 'domain_name', 'project_id', 'project_name', 'project_domain_id', 'project_domain_name', 'trust_id']
const USER = ['user_id', 'username', 'user_domain_id', 'user_domain_name']

/** The options of each keystoneauth plugin (`get_options()`), as openstacksdk moves them into `auth`. */
export const AUTH_OPTIONS: Readonly<Record<AuthType, readonly string[]>> = {
  password: [...SCOPE, 'default_domain_id', 'default_domain_name', ...USER, 'password'],
  token: [...SCOPE, 'default_domain_id', 'default_domain_name', 'token'],
  v3applicationcredential: [...SCOPE, ...USER, 'application_credential_secret', 'application_credential_id', 'application_credential_name'],
}

/** Deprecated option names keystoneauth still accepts. */
const DEPRECATED: Readonly<Record<string, string>> = { user_name: 'username', tenant_id: 'project_id', tenant_name: 'project_name' }

/**
 * The legacy fixes of `magic_fixes`, in its order: `auth_token` → `token`, any `*_timeout` →
 * `api_timeout`, `endpoint_type` → `interface`, `auth_plugin` dropped, `tenant_*` →
 * `project_*` and domain keys moved into `auth`, `*_endpoint_type` → `*_interface`, `domain_*`
 * spread to user and project, `insecure`/`cache` to booleans. Returns a new cloud.
 *
 * @example
 * magicFixes({ auth: {}, tenant_name: 'demo', endpoint_type: 'internal' })
 * // { auth: { project_name: 'demo' }, interface: 'internal' }
 */
export function magicFixes(input: Dict): Dict {
  let config: Dict = { ...input, auth: isDict(input.auth) ? { ...input.auth } : {} }
  const auth = config.auth as Dict
  if (auth.token || config.auth_token || config.token) {
    const authToken = config.auth_token
    delete config.auth_token
    if (!('token' in config) && authToken !== undefined) config.token = authToken
  }
  config = fixApiTimeout(config)
  if ('endpoint_type' in config) {
    config.interface = config.endpoint_type
    delete config.endpoint_type
  }
  // openstacksdk's defaults always carry auth_type, which beats the legacy auth_plugin.
  delete config.auth_plugin
  fixProject(config, auth)
  config = renameKeys(config, (key) => (key.endsWith('endpoint_type') ? key.replaceAll('endpoint_type', 'interface') : key))
  spreadDomain(config, auth)
  for (const key of ['insecure', 'cache']) {
    if (key in config && typeof config[key] !== 'boolean') config[key] = typeof config[key] === 'string' && config[key].toLowerCase() === 'true'
  }
  return config
}

/**
 * `_validate_auth`: for each option of the plugin, the value in `auth` (or, failing that, the
 * top-level key of the same name) ends up in `auth`; the top-level key is removed.
 *
 * @example
 * moveAuthOptions({ auth: {}, auth_url: 'http://127.0.0.1:5000/v3' }, 'password').auth // { auth_url: 'http://127.0.0.1:5000/v3' }
 */
export function moveAuthOptions(input: Dict, type: AuthType): Dict {
  const config: Dict = { ...input }
  const auth: Dict = isDict(input.auth) ? { ...input.auth } : {}
  config.auth = auth
  for (const option of AUTH_OPTIONS[type]) {
    const names = [option, ...Object.keys(DEPRECATED).filter((old) => DEPRECATED[old] === option)]
    let winner = firstPresent(auth, names)
    if (!winner) winner = firstPresent(config, names)
    for (const name of names) {
      delete config[name]
      delete auth[name]
    }
    if (winner) auth[option] = winner
  }
  return config
}

function firstPresent(dict: Dict, names: readonly string[]): unknown {
  for (const name of names) if (name in dict) return dict[name]
  return undefined
}

function fixApiTimeout(config: Dict): Dict {
  let serviceTimeout: unknown
  const out: Dict = {}
  for (const [key, value] of Object.entries(config)) {
    if (key.endsWith('timeout') && key !== 'timeout' && key !== 'api_timeout') serviceTimeout = value
    else setKey(out, key, value)
  }
  if (serviceTimeout !== undefined && serviceTimeout !== null) out.api_timeout = serviceTimeout
  return out
}

function fixProject(config: Dict, auth: Dict): void {
  const mappings: Record<string, string[]> = {
    domain_id: ['domain_id'],
    domain_name: ['domain_name'],
    user_domain_id: ['user_domain_id'],
    user_domain_name: ['user_domain_name'],
    project_domain_id: ['project_domain_id'],
    project_domain_name: ['project_domain_name'],
    token: ['auth_token', 'token'],
    project_id: ['tenant_id', 'project_id'],
    project_name: ['tenant_name', 'project_name'],
  }
  for (const [target, sources] of Object.entries(mappings)) {
    let value: string | undefined
    for (const key of sources) {
      for (const dict of [config, auth]) {
        if (key in dict) {
          value = String(dict[key])
          delete dict[key]
        }
      }
    }
    if (value) auth[target] = value
  }
}

function spreadDomain(config: Dict, auth: Dict): void {
  const scoped = ['project_id', 'project_name'].some((key) => key in config || key in auth)
  const mappings = { domain_id: ['user_domain_id', 'project_domain_id'], domain_name: ['user_domain_name', 'project_domain_name'] }
  for (const [target, keys] of Object.entries(mappings)) {
    if (!scoped) {
      if (target in config && !(target in auth)) {
        auth[target] = config[target]
        delete config[target]
      }
      continue
    }
    for (const key of keys) if (target in auth && !(key in auth)) auth[key] = auth[target]
    delete config[target]
    delete auth[target]
  }
}

function renameKeys(config: Dict, rename: (key: string) => string): Dict {
  const out: Dict = {}
  for (const [key, value] of Object.entries(config)) setKey(out, rename(key), value)
  return out
}
