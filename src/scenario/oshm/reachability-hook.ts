/**
 * The seam for the reachability checks (ping, SSH, port forwarding, the user-data marker, LB
 * traffic) that run from the monitor host as a customer. The scenario calls them as steps; an
 * implementation (src/scenario/reachability) is plugged in through the iteration's deps.
 * Without one, or with `skipReachability`, those steps are recorded `skipped`, never passed.
 *
 * @module
 */
import type { LbTrafficExpectation, LbTrafficOutcome, LbTrafficTarget } from '../reachability/index.js'
import type { SshKey } from './ssh-key.js'

/** A jump host as the checks reach it. */
export interface JumpHostTarget {
  /** 1-based, as in `VM_JH1`. */
  number: number
  floatingIp: string
  /** The SNAT virtual IP the jump host answers for. */
  vip: string
  user: string
  /** The jump hosts' key; its private half only through `key.privateKey()`. */
  key: SshKey
}

/** A VM reached through its jump host's forwarded port. */
export interface VmTarget {
  number: number
  /** The VM's fixed IP on its network. */
  address: string
  jumpHost: JumpHostTarget
  /** The jump host's port forwarded to the VM's port 22 (OSHM: 222 + ⌊i / #AZ⌋). */
  forwardPort: number
  user: string
  key: SshKey
  /** What user data wrote to `/tmp/testfile`. */
  marker: string
}

/**
 * The checks. Each resolves when the check passed and throws when it failed; an error with a
 * failure `code` (`connect`, `timeout`, `auth`, `assertion`, …) keeps it in the result.
 */
export interface ReachabilityChecks {
  /** Ping and SSH to the jump host, then outbound ping and DNS from it (with a fallback target). */
  jumpHost(target: JumpHostTarget, signal: AbortSignal): Promise<void>
  /** Writes the jump host's iptables rules: VIP, masquerade, and DNAT `FIP:port → VM:22` for each VM. */
  portForwarding(target: JumpHostTarget, forwards: ReadonlyArray<{ port: number; address: string }>, signal: AbortSignal): Promise<void>
  /** SSH into the VM through the forward, check the user-data marker, outbound ping from it. */
  vm(target: VmTarget, signal: AbortSignal): Promise<void>
  /** Requests through the LB's floating IP, judged by `expectation`; resolves with the answers when it passed. Absent: the LB checks are skipped. */
  loadBalancer?(target: LbTrafficTarget, expectation: LbTrafficExpectation, signal: AbortSignal): Promise<LbTrafficOutcome>
  /** Stops or starts the VM's HTTP backend (through the jump host's forward); resolves with the backend's name. */
  loadBalancerBackend?(target: VmTarget, action: 'stop' | 'start', signal: AbortSignal): Promise<string>
  /** OSHM `-C`: every VM pings every VM's address (one retry each); throws naming what was unreachable. Absent: the step is skipped. */
  fullMesh?(targets: readonly VmTarget[], signal: AbortSignal): Promise<void>
}

/** Why reachability steps did not run. */
export const SKIP_REACHABILITY = 'skip-reachability'
/** Why reachability steps did not run when no checks were plugged in. */
export const REACHABILITY_NOT_AVAILABLE = 'reachability not available'

/**
 * The marker user data writes into `/tmp/testfile` of VM `number` (OSHM: `api_monitor.sh.<prefix><n>`).
 *
 * @example
 * userDataMarker('gh-mon1-k3x9-', 3) // 'glasshouse.gh-mon1-k3x9-3'
 */
export function userDataMarker(prefix: string, number: number): string {
  return `glasshouse.${prefix}${number}`
}
