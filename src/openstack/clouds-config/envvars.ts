/**
 * The `envvars` cloud openstacksdk builds from `OS_*` variables (`_get_os_environ`).
 *
 * @module
 */
import type { Dict } from './merge.js'
import { setKey } from './merge.js'

/** The variables that choose a cloud rather than describe one. */
export const SELECTORS: readonly string[] = [
  'OS_CLOUD',
  'OS_REGION_NAME',
  'OS_CLIENT_CONFIG_FILE',
  'OS_CLIENT_SECURE_FILE',
  'OS_CLOUD_NAME',
]

/** Selectors that are dropped from the environment cloud; `OS_REGION_NAME` stays, as its region. */
const DROPPED = new Set(['OS_CLOUD', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME'])

/**
 * The cloud described by `OS_*` variables (keys lower-cased without `OS_`, e.g.
 * `OS_AUTH_URL` → `auth_url`), or null when only selectors are set. `OS_TEST*`, `OS_STD*` and
 * `OS_LOG*` (test-runner variables) are ignored, as in openstacksdk.
 *
 * @example
 * envCloud({ OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_USERNAME: 'demo' })
 * // { auth_url: 'http://127.0.0.1:5000/v3', username: 'demo' }
 */
export function envCloud(env: NodeJS.ProcessEnv): Dict | null {
  const names = Object.keys(env)
    .filter((name) => name.startsWith('OS_'))
    .filter((name) => !['OS_TEST', 'OS_STD', 'OS_LOG'].some((prefix) => name.startsWith(prefix)))
  if (!names.some((name) => !SELECTORS.includes(name))) return null
  const cloud: Dict = {}
  for (const name of names.sort()) {
    const value = env[name]
    if (value === undefined || DROPPED.has(name)) continue
    setKey(cloud, envKey(name), value)
  }
  return cloud
}

/**
 * The cloud key a variable sets (`OS_PROJECT_NAME` → `project_name`).
 *
 * @example
 * envKey('OS_AUTH_URL') // 'auth_url'
 */
export function envKey(name: string): string {
  return name.slice(name.indexOf('_') + 1).toLowerCase()
}

/**
 * The variable that sets a cloud key, for error messages (`auth_type` → `OS_AUTH_TYPE`).
 *
 * @example
 * envName(['auth_type']) // 'OS_AUTH_TYPE'
 */
export function envName(path: readonly (string | number)[]): string {
  const key = path[path.length - 1]
  return typeof key === 'string' ? `OS_${key.toUpperCase()}` : 'OS_*'
}
