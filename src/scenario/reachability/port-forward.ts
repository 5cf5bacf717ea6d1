/**
 * Port forwarding through the jump hosts, the way OSHM reaches VMs without floating IPs: VM *i*
 * is reached via jump host *(i mod J)* on port `222 + floor(i / J)`, by iptables DNAT rules the
 * monitor writes over SSH. The rule set is in `docs/reachability.md`.
 *
 * @module
 */
import type { CheckOutcome, RetryPolicy } from './outcome.js'
import type { SshClient, SshTarget } from './ssh-client.js'
import { JUMP_HOST_SSH_RETRY } from './ssh-client.js'
import { invalidTarget } from './targets.js'

/** A machine as the monitor knows it: a name for messages and the address to use. */
export interface Host {
  /** `VM_3`, `JH0`; shown in check names and messages. */
  name: string
  /** A jump host's floating IP; a VM's fixed IP on its network. */
  address: string
}

/** One forward: `jumpHost.address:port` reaches `vm.address:22`. */
export interface Forward {
  vm: Host
  jumpHost: Host
  port: number
}

/** OSHM's first forwarded port. */
export const FIRST_FORWARDED_PORT = 222

/**
 * OSHM's plan: VM *i* via jump host *(i mod J)* on port `firstPort + floor(i / J)`.
 *
 * @example
 * planForwards([jh0, jh1], [vm0, vm1, vm2]).map((f) => `${f.jumpHost.name}:${f.port}`) // ['JH0:222', 'JH1:222', 'JH0:223']
 */
export function planForwards(jumpHosts: readonly Host[], vms: readonly Host[], firstPort = FIRST_FORWARDED_PORT): Forward[] {
  if (jumpHosts.length === 0) throw new TypeError('port forwarding needs at least one jump host')
  return vms.map((vm, index) => ({ vm, jumpHost: jumpHosts[index % jumpHosts.length]!, port: firstPort + Math.floor(index / jumpHosts.length) }))
}

/** What the rule set needs besides the forwards. */
export interface ForwardingSettings {
  /** The VM networks' range (OSHM's address plan: `10.250.0.0/16`). */
  innerCidr?: string
  /** The VIP the jump host answers for as the VMs' SNAT gateway; omit when the router does SNAT. */
  vip?: string
  /** The VMs' SSH port. Default 22. */
  sshPort?: number
}

/**
 * The shell script that configures one jump host for `forwards` (all of them on that jump
 * host). Idempotent: every rule is checked (`iptables -C`) before it is added, so a retry adds
 * nothing twice. Runs as root.
 */
export function forwardingScript(forwards: readonly Forward[], settings: ForwardingSettings = {}): string {
  const inner = settings.innerCidr ?? '10.250.0.0/16'
  const sshPort = settings.sshPort ?? 22
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(inner)) throw new TypeError(`port forwarding: not an IPv4 CIDR: ${JSON.stringify(inner)}`)
  for (const address of [settings.vip ?? '10.0.0.1', ...forwards.map((forward) => forward.vm.address)]) {
    const bad = invalidTarget(address)
    if (bad) throw new TypeError(`port forwarding: ${bad}`)
  }
  const lines = [
    'set -e',
    'ensure() { table=$1; chain=$2; shift 2; iptables -t "$table" -C "$chain" "$@" 2>/dev/null || iptables -t "$table" -A "$chain" "$@"; }',
    `DEV=$(ip -o route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit }}')`,
    'test -n "$DEV" || { echo "no default route on the jump host" >&2; exit 3; }',
    ...(settings.vip ? [`ip addr replace ${settings.vip}/32 dev "$DEV"`] : []),
    'sysctl -qw net.ipv4.ip_forward=1',
    `ensure nat POSTROUTING -s ${inner} ! -d ${inner} -j MASQUERADE`,
    `ensure nat POSTROUTING -d ${inner} -p tcp --dport ${sshPort} -m conntrack --ctstate DNAT -j MASQUERADE`,
    'iptables -P FORWARD DROP',
    'ensure filter FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu',
    'ensure filter FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    `ensure filter FORWARD -s ${inner} -j ACCEPT`,
    `ensure filter FORWARD -d ${inner} -p tcp --dport ${sshPort} -m conntrack --ctstate DNAT -j ACCEPT`,
    ...forwards.map((forward) => `ensure nat PREROUTING -i "$DEV" -p tcp --dport ${forward.port} -j DNAT --to-destination ${forward.vm.address}:${sshPort}`),
  ]
  return `${lines.join('\n')}\n`
}

/** How to configure one jump host. */
export interface ConfigureForwardingOptions extends ForwardingSettings {
  /** `sudo` (a cloud image's default user, the default) or `root` (logged in as root). */
  privilege?: 'sudo' | 'root'
  /** Default OSHM's jump-host login retries. */
  retry?: RetryPolicy
}

/**
 * Writes the forwarding rules for `forwards` onto their jump host over SSH (as root: `sudo -n`
 * unless logged in as root). `forwards` must all name the same jump host.
 *
 * @example
 * for (const [jumpHost, forwards] of groupByJumpHost(planForwards(jumpHosts, vms))) {
 *   requirePassed(await configurePortForwarding(ssh, forwards, { vip }))
 * }
 */
export async function configurePortForwarding(ssh: SshClient, forwards: readonly Forward[], options: ConfigureForwardingOptions = {}): Promise<CheckOutcome> {
  const jumpHost = forwards[0]?.jumpHost
  if (!jumpHost || forwards.some((forward) => forward.jumpHost.address !== jumpHost.address)) {
    throw new TypeError('configurePortForwarding needs the forwards of exactly one jump host')
  }
  const shell = (options.privilege ?? 'sudo') === 'sudo' ? 'sudo -n /bin/sh -s' : '/bin/sh -s'
  const target: SshTarget = { host: jumpHost.address }
  const outcome = await ssh.run(target, shell, {
    input: forwardingScript(forwards, options),
    label: `port forwarding for ${forwards.length} VMs`,
    retry: options.retry ?? JUMP_HOST_SSH_RETRY,
  })
  const { exitCode: _exit, stdout: _out, stderr: _err, ...check } = outcome
  return check
}

/**
 * Groups a plan's forwards by jump host (in plan order).
 *
 * @example
 * groupByJumpHost(planForwards(jumpHosts, vms)) // Map { 'JH0' → [...], 'JH1' → [...] }
 */
export function groupByJumpHost(forwards: readonly Forward[]): Map<string, Forward[]> {
  const groups = new Map<string, Forward[]>()
  for (const forward of forwards) {
    const group = groups.get(forward.jumpHost.name) ?? []
    group.push(forward)
    groups.set(forward.jumpHost.name, group)
  }
  return groups
}
