/**
 * The scenario's reachability steps on the customer's own tools: {@link ReachabilityChecks}
 * implemented with src/scenario/reachability (Debian's `ping` and OpenSSH client). Each check
 * opens an SSH client with the iteration's key for its target — the key exported in the
 * `openssh-key-v1` format, in a 0600 file that exists only while the check runs — and throws a
 * `ReachabilityError` (whose failure `code` the engine keeps) when the check failed.
 *
 * @module
 */
import type { CheckRuntime, GuestReport, OutboundTargets, PingOptions, RetryPolicy } from '../reachability/index.js'
import { checkJumpHost, checkLbTraffic, checkVmViaForward, configurePortForwarding, controlBackend, fullMeshPing, requirePassed, withSshClient } from '../reachability/index.js'
import type { Forward, Host, SshClient } from '../reachability/index.js'
import type { JumpHostTarget, ReachabilityChecks, VmTarget } from './reachability-hook.js'
import { openSshPrivateKey } from './ssh-key.js'

/** How the checks run; every field defaults to OSHM's behaviour. */
export interface SshReachabilitySettings {
  /** Outbound ping targets of the guests (a name, so DNS is tested too); default OSHM's; `false` skips it. */
  outbound?: OutboundTargets | false
  /** The monitor's ping of each jump host; default 15 tries 2 s apart. */
  ping?: PingOptions
  /** Jump-host logins (also the forwarding write); default every 10 s for up to 120 s. */
  jumpHostLoginRetry?: RetryPolicy
  /** VM logins through the forward; default up to 90 s. */
  vmLoginRetry?: RetryPolicy
  /** Pause before the one repeat of a failed guest test; null: no repeat. Default 5 s (jump host), 12 s (VM). */
  repeatAfterMs?: { jumpHost?: number | null; vm?: number | null }
  /** ssh `ConnectTimeout` in seconds; default 8. */
  connectTimeoutSeconds?: number
  /** The VM networks' range the forwarding rules masquerade; default OSHM's `10.250.0.0/16`. */
  innerCidr?: string
  /** Clock and sleep of the retries (tests); the stop signal is each step's. */
  runtime?: Omit<Partial<CheckRuntime>, 'signal'>
}

/**
 * The reachability checks to plug into {@link ScenarioDeps.reachability}. Logged in as `root`,
 * the forwarding script runs as is; as any other user through `sudo -n`.
 *
 * @example
 * const result = await runScenarioIteration({ session, ledger, owner, cloud, reachability: sshReachabilityChecks() }, { vms: 4 })
 */
export function sshReachabilityChecks(settings: SshReachabilitySettings = {}): ReachabilityChecks {
  const client = <T>(login: { user: string; key: JumpHostTarget['key'] }, signal: AbortSignal, use: (ssh: SshClient) => Promise<T>): Promise<T> =>
    withSshClient(
      { privateKey: openSshPrivateKey(login.key), user: login.user, ...(settings.connectTimeoutSeconds === undefined ? {} : { connectTimeoutSeconds: settings.connectTimeoutSeconds }) },
      use,
      { ...settings.runtime, signal },
    )
  const outbound = settings.outbound === undefined ? {} : { outbound: settings.outbound }
  const repeat = settings.repeatAfterMs ?? {}
  return {
    async jumpHost(target, signal) {
      const report = await client(target, signal, (ssh) =>
        checkJumpHost(ssh, jumpHostOf(target), {
          ...outbound,
          ...(settings.ping ? { ping: settings.ping } : {}),
          ...(settings.jumpHostLoginRetry ? { loginRetry: settings.jumpHostLoginRetry } : {}),
          ...(repeat.jumpHost === undefined ? {} : { repeatAfterMs: repeat.jumpHost }),
        }),
      )
      requireReport(report)
    },
    async portForwarding(target, forwards, signal) {
      if (forwards.length === 0) return
      const jumpHost = jumpHostOf(target)
      const planned: Forward[] = forwards.map(({ port, address }) => ({ vm: { name: address, address }, jumpHost, port }))
      const outcome = await client(target, signal, (ssh) =>
        configurePortForwarding(ssh, planned, {
          privilege: target.user === 'root' ? 'root' : 'sudo',
          ...(target.vip ? { vip: target.vip } : {}),
          ...(settings.innerCidr ? { innerCidr: settings.innerCidr } : {}),
          ...(settings.jumpHostLoginRetry ? { retry: settings.jumpHostLoginRetry } : {}),
        }),
      )
      requirePassed(outcome.failure ? { ...outcome, failure: { ...outcome.failure, message: `${jumpHost.name}: ${outcome.failure.message}` } } : outcome)
    },
    async vm(target, signal) {
      const forward: Forward = { vm: vmOf(target), jumpHost: jumpHostOf(target.jumpHost), port: target.forwardPort }
      const report = await client(target, signal, (ssh) =>
        checkVmViaForward(ssh, forward, {
          marker: target.marker,
          ...outbound,
          ...(settings.vmLoginRetry ? { loginRetry: settings.vmLoginRetry } : {}),
          ...(repeat.vm === undefined ? {} : { repeatAfterMs: repeat.vm }),
        }),
      )
      requireReport(report)
    },
    async loadBalancer(target, expectation, signal) {
      return requirePassed(await checkLbTraffic(target, expectation, { ...settings.runtime, signal }))
    },
    async loadBalancerBackend(target, action, signal) {
      const via = { host: target.jumpHost.floatingIp, port: target.forwardPort }
      const outcome = await client(target, signal, (ssh) => controlBackend(ssh, via, action, { privilege: target.user === 'root' ? 'root' : 'sudo' }))
      const passed = requirePassed(outcome.failure ? { ...outcome, failure: { ...outcome.failure, message: `VM_VM${target.number}: ${outcome.failure.message}` } } : outcome)
      return passed.name!
    },
    async fullMesh(targets, signal) {
      if (targets.length === 0) return
      const forwards: Forward[] = targets.map((target) => ({ vm: vmOf(target), jumpHost: jumpHostOf(target.jumpHost), port: target.forwardPort }))
      const outcomes = await client(targets[0]!, signal, (ssh) => fullMeshPing(ssh, forwards, settings.vmLoginRetry ? { loginRetry: settings.vmLoginRetry } : {}))
      const failed = outcomes.filter((outcome) => outcome.failure !== null)
      if (failed.length > 0) requirePassed({ ...failed[0]!, failure: { ...failed[0]!.failure!, message: failed.map((outcome) => outcome.failure!.message).join('; ') } })
    },
  }
}

/** A jump host under OSHM's server name (`VM_JH1`) at its floating IP. */
function jumpHostOf(target: JumpHostTarget): Host {
  return { name: `VM_JH${target.number}`, address: target.floatingIp }
}

/** A VM under OSHM's server name (`VM_VM3`) at its fixed IP. */
function vmOf(target: VmTarget): Host {
  return { name: `VM_VM${target.number}`, address: target.address }
}

/** Throws the first failed check of the test's last round (a round stops at its first failure). */
function requireReport(report: GuestReport): void {
  const failed = report.outcomes.find((outcome) => !outcome.ok)
  if (failed) requirePassed(failed)
}
