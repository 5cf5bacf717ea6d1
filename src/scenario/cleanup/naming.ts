/**
 * Who owns a cloud resource: the owner id (one monitor instance), the name prefix every resource
 * of that owner starts with, and the Neutron tag it carries. The janitor deletes by this prefix,
 * so two monitors sharing a project must never share one: the prefix holds the owner id, and an
 * owner id is letters and digits only, so no owner's prefix is the start of another's
 * (`gh-a-` does not match `gh-ab-…`).
 *
 * @module
 */
import { hostname } from 'node:os'

const OWNER_PATTERN = /^[a-z0-9]{1,24}$/

/** An owner id that breaks the naming rules; the message says which. */
export class OwnerIdError extends Error {
  readonly code = 'OWNER_ID'
}

/**
 * Checks an owner id: 1–24 lowercase letters and digits (no separator, so one owner's prefix
 * is never the start of another's).
 *
 * @example
 * assertOwnerId('mon1') // ok
 * assertOwnerId('mon-1') // throws OwnerIdError
 */
export function assertOwnerId(owner: string): void {
  if (!OWNER_PATTERN.test(owner)) throw new OwnerIdError(`owner id "${owner}" must be 1–24 lowercase letters and digits`)
}

/**
 * The name prefix of every resource of `owner`: what the janitor sweeps. `base` (letters and
 * digits, default `gh`) is the scenario's configurable first part.
 *
 * @example
 * ownerPrefix('mon1') // 'gh-mon1-'
 * ownerPrefix('mon1', 'APIMonitor') // 'APIMonitor-mon1-'
 */
export function ownerPrefix(owner: string, base = 'gh'): string {
  assertOwnerId(owner)
  if (!/^[A-Za-z][A-Za-z0-9]{0,15}$/.test(base)) throw new OwnerIdError(`prefix base "${base}" must be letters and digits, starting with a letter`)
  return `${base}-${owner}-`
}

/**
 * Whether `prefix` is one of `owner`'s (`<base>-<owner>-…`), so a sweep by it never reaches
 * another owner's resources.
 *
 * @example
 * isOwnersPrefix('gh-mon1-k3-', 'mon1') // true
 * isOwnersPrefix('gh-', 'mon1') // false
 */
export function isOwnersPrefix(prefix: string, owner: string): boolean {
  const base = /^([A-Za-z][A-Za-z0-9]{0,15})-/.exec(prefix)?.[1]
  return base !== undefined && prefix.startsWith(ownerPrefix(owner, base))
}

/**
 * The prefix of one run of `owner`: the owner's prefix and a run tag (lowercase letters and digits).
 *
 * @example
 * runPrefix('mon1', 'k3x9') // 'gh-mon1-k3x9-'
 */
export function runPrefix(owner: string, runTag: string, base = 'gh'): string {
  if (!/^[a-z0-9]{1,12}$/.test(runTag)) throw new OwnerIdError(`run tag "${runTag}" must be 1–12 lowercase letters and digits`)
  return `${ownerPrefix(owner, base)}${runTag}-`
}

/**
 * The Neutron tag that marks `owner`'s resources (networks, subnets, ports, routers, security
 * groups, floating IPs); the janitor also sweeps by it.
 *
 * @example
 * ownerTag('mon1') // 'glasshouse-owner-mon1'
 */
export function ownerTag(owner: string): string {
  assertOwnerId(owner)
  return `glasshouse-owner-${owner}`
}

/**
 * The owner id when none is configured: `GLASSHOUSE_OWNER`, else the host name reduced to
 * lowercase letters and digits (at most 24), else `local`. Stable across restarts on one host.
 *
 * @example
 * defaultOwner({ GLASSHOUSE_OWNER: 'mon1' }) // 'mon1'
 * defaultOwner({}, 'Monitor-01.example') // 'monitor01example'
 */
export function defaultOwner(env: NodeJS.ProcessEnv, host: string = hostname()): string {
  if (env.GLASSHOUSE_OWNER !== undefined && env.GLASSHOUSE_OWNER !== '') return env.GLASSHOUSE_OWNER
  const reduced = host.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 24)
  return reduced === '' ? 'local' : reduced
}
