/**
 * What an operator needs when a server cannot be reached: its console log (the last lines of
 * `os-getConsoleOutput`) and its details (status, fault, addresses, AZ, host when the policy
 * shows it), attached to the failed reachability step. The step's reason is stored for operators
 * only (public pages and APIs never show step reasons); secrets in the console are redacted.
 *
 * @module
 */
import { REDACTED } from '../../core/redact.js'
import { getConsoleOutput, listServers } from '../../openstack/index.js'
import type { OpenStackSession, Server } from '../../openstack/index.js'
import { names } from './plan.js'
import type { JumpHostTarget, ReachabilityChecks, VmTarget } from './reachability-hook.js'

/** Console lines attached to a failure (the end of the log, where cloud-init and sshd report). */
export const CONSOLE_LINES = 50

/** A reachability failure with the server's details appended; keeps the check's failure code. */
export class ReachabilityFailure extends Error {
  override readonly name = 'ReachabilityFailure'
  readonly code: unknown

  constructor(cause: unknown, details: string) {
    super(`${cause instanceof Error ? cause.message : String(cause)}\n${details}`, { cause })
    this.code = (cause as { code?: unknown } | null)?.code
  }
}

/**
 * The checks, each failure of which gets the details of the server it was about (the jump host;
 * for a VM the VM and its jump host) appended. Passing checks cost nothing extra.
 *
 * @example
 * const checks = withFailureDetails(sshReachabilityChecks(), session, 'gh-mon1-3f9a2c-')
 */
export function withFailureDetails(checks: ReachabilityChecks, session: OpenStackSession, prefix: string): ReachabilityChecks {
  const explained = async <T>(servers: readonly string[], check: () => Promise<T>): Promise<T> => {
    try {
      return await check()
    } catch (error) {
      const details = await Promise.all(servers.map((name) => serverDetails(session, name)))
      throw new ReachabilityFailure(error, details.join('\n'))
    }
  }
  const jumpHostName = (target: JumpHostTarget) => names.jumpHost(prefix, target.number)
  return {
    ...checks,
    jumpHost: (target, signal) => explained([jumpHostName(target)], () => checks.jumpHost(target, signal)),
    portForwarding: (target, forwards, signal) => explained([jumpHostName(target)], () => checks.portForwarding(target, forwards, signal)),
    vm: (target: VmTarget, signal) => explained([names.vm(prefix, target.number), jumpHostName(target.jumpHost)], () => checks.vm(target, signal)),
  }
}

/**
 * One server's details and console tail as text; never throws (what could not be fetched says so).
 *
 * @example
 * await serverDetails(session, 'gh-mon1-3f9a2c-VM_VM3')
 * // '--- server gh-…-VM_VM3 (id …): status ACTIVE, AZ az1, host -, addresses net1=10.250.0.13 …'
 */
export async function serverDetails(session: OpenStackSession, name: string): Promise<string> {
  let server: Server | undefined
  try {
    server = (await listServers(session, { name: `^${escapeRegExp(name)}$` })).find((candidate) => candidate.name === name)
  } catch (error) {
    return `--- server ${name}: details not available (${messageOf(error)})`
  }
  if (!server) return `--- server ${name}: not found`
  let console: string
  try {
    console = redactConsole(await getConsoleOutput(session, server.id, CONSOLE_LINES))
  } catch (error) {
    console = `(console log not available: ${messageOf(error)})`
  }
  return `${describeServer(server)}\n--- console of ${name} (last ${CONSOLE_LINES} lines) ---\n${lastLines(console, CONSOLE_LINES)}\n--- end of console ---`
}

function describeServer(server: Server): string {
  const addresses = Object.entries(server.addresses)
    .map(([network, list]) => `${network}=${list.map((address) => String((address as { addr?: unknown }).addr ?? '?')).join(',')}`)
    .join(' ')
  const host = server['OS-EXT-SRV-ATTR:host']
  const hostId = server.hostId
  const where = typeof host === 'string' && host !== '' ? `host ${host}` : typeof hostId === 'string' && hostId !== '' ? `hostId ${hostId}` : 'host -'
  const fault = server.fault ? `${server.fault.message}${server.fault.code === undefined ? '' : ` (${server.fault.code})`}` : 'none'
  const zone = server['OS-EXT-AZ:availability_zone'] ?? '-'
  return `--- server ${server.name} (id ${server.id}): status ${server.status}, fault ${fault}, AZ ${zone}, ${where}, addresses ${addresses || '-'}`
}

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g
const SECRET_VALUE = /\b((?:[A-Za-z_-]*(?:password|passwd|secret|token|api[_-]?key|credential)[A-Za-z_-]*)\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi
const SSH_PUBLIC_KEY = /\b(ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]{20,}/g

/**
 * The console text with private keys, `password=…`/`token: …` values and public key bodies
 * replaced by `***` (cloud-init prints keys and may echo user data).
 *
 * @example
 * redactConsole('root password: hunter2') // 'root password: ***'
 */
export function redactConsole(text: string): string {
  return text
    .replace(PRIVATE_KEY, `-----BEGIN PRIVATE KEY----- ${REDACTED}`)
    .replace(SECRET_VALUE, (_all, key: string) => `${key}${REDACTED}`)
    .replace(SSH_PUBLIC_KEY, (_all, type: string) => `${type} ${REDACTED}`)
}

function lastLines(text: string, count: number): string {
  return text.split('\n').slice(-count).join('\n')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
