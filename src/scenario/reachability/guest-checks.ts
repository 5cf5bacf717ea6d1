/**
 * The two guest tests of an OSHM iteration, from the monitor host as a customer:
 * - a jump host: ping its floating IP, log in and run `ls`, ping out (name, then fallback);
 *   the whole test is repeated once after 5 s when it fails;
 * - a VM through its forwarded port: log in, find the user-data marker, ping out; repeated
 *   once after 12 s when it fails.
 *
 * @module
 */
import { DEFAULT_PING_TARGETS, outboundPing } from './outbound.js'
import type { OutboundTargets } from './outbound.js'
import type { CheckFailure, CheckOutcome, RetryPolicy } from './outcome.js'
import { pingHost } from './ping.js'
import type { PingOptions } from './ping.js'
import type { Forward, Host } from './port-forward.js'
import { JUMP_HOST_SSH_RETRY, VM_SSH_RETRY } from './ssh-client.js'
import type { SshClient, SshOutcome } from './ssh-client.js'
import { shellQuote } from './targets.js'

/** Everything one guest test found. */
export interface GuestReport {
  host: Host
  ok: boolean
  /** 1, or 2 when the first round failed and the test was repeated. */
  rounds: number
  /** The last round's checks, in order (a ping keeps its `rttMs`, an ssh run its `exitCode` and output); a round stops at its first failure. */
  outcomes: CheckOutcome[]
  /** The first failed check's failure, or null. */
  failure: CheckFailure | null
}

/** How to test a jump host. */
export interface JumpHostCheckOptions {
  /** Default OSHM's targets; `false` skips the outbound ping. */
  outbound?: OutboundTargets | false
  ping?: PingOptions
  /** Default OSHM's: every 10 s for up to 120 s. */
  loginRetry?: RetryPolicy
  /** Pause before the one repeat of a failed test; null for no repeat. Default 5 s. */
  repeatAfterMs?: number | null
}

/** How to test a VM. */
export interface VmCheckOptions {
  /** The text the VM's user-data wrote into `markerPath`. */
  marker: string
  /** Default OSHM's `/tmp/testfile`. */
  markerPath?: string
  /** Default OSHM's targets; `false` skips the outbound ping. */
  outbound?: OutboundTargets | false
  /** Default OSHM's: up to 90 s. */
  loginRetry?: RetryPolicy
  /** Pause before the one repeat of a failed test; null for no repeat. Default 12 s. */
  repeatAfterMs?: number | null
}

/** Where OSHM's user-data writes the marker. */
export const DEFAULT_MARKER_PATH = '/tmp/testfile'

/**
 * Tests a jump host at its floating IP: ping, SSH login (`ls`), outbound ping with fallback.
 *
 * @example
 * const report = await checkJumpHost(ssh, { name: 'JH0', address: fip })
 * report.outcomes.map(toResultStep)
 */
export async function checkJumpHost(ssh: SshClient, jumpHost: Host, options: JumpHostCheckOptions = {}): Promise<GuestReport> {
  const outbound = options.outbound === undefined ? DEFAULT_PING_TARGETS : options.outbound
  return repeatOnce(ssh, jumpHost, options.repeatAfterMs === undefined ? 5_000 : options.repeatAfterMs, [
    () => pingHost(jumpHost.address, options.ping, ssh.runtime).then((outcome) => named(outcome, `ping ${jumpHost.name}`, jumpHost.name)),
    () => ssh.run({ host: jumpHost.address }, 'ls', { label: 'ls', retry: options.loginRetry ?? JUMP_HOST_SSH_RETRY })
      .then((outcome) => named(outcome, `ssh login ${jumpHost.name}`, jumpHost.name)),
    ...(outbound ? [() => outboundPing(ssh, { host: jumpHost.address }, jumpHost.name, outbound)] : []),
  ])
}

/**
 * Tests a VM through its jump host's forwarded port: SSH login, the user-data marker,
 * outbound ping with fallback (through the jump host's or the router's SNAT).
 *
 * @example
 * const report = await checkVmViaForward(ssh, forward, { marker: `glasshouse.${prefix}3` })
 */
export async function checkVmViaForward(ssh: SshClient, forward: Forward, options: VmCheckOptions): Promise<GuestReport> {
  const outbound = options.outbound === undefined ? DEFAULT_PING_TARGETS : options.outbound
  const vm = forward.vm
  const via = { host: forward.jumpHost.address, port: forward.port }
  const where = `${vm.name} (via ${forward.jumpHost.name}:${forward.port})`
  const path = options.markerPath ?? DEFAULT_MARKER_PATH
  return repeatOnce(ssh, vm, options.repeatAfterMs === undefined ? 12_000 : options.repeatAfterMs, [
    () => ssh.run(via, `grep -qF -- ${shellQuote(options.marker)} ${shellQuote(path)}`, { label: 'marker', retry: options.loginRetry ?? VM_SSH_RETRY })
      .then((outcome) => named(markerFailure(outcome, path), `user-data marker ${where}`, vm.name)),
    ...(outbound ? [() => outboundPing(ssh, via, vm.name, outbound)] : []),
  ])
}

async function repeatOnce(ssh: SshClient, host: Host, repeatAfterMs: number | null, checks: ReadonlyArray<() => Promise<CheckOutcome>>): Promise<GuestReport> {
  let rounds = 0
  let outcomes: CheckOutcome[] = []
  for (;;) {
    rounds += 1
    outcomes = []
    for (const check of checks) {
      const outcome = await check()
      outcomes.push(outcome)
      if (!outcome.ok) break
    }
    const failed = outcomes.find((outcome) => !outcome.ok)
    if (!failed || repeatAfterMs === null || rounds === 2 || ssh.runtime.signal?.aborted) {
      return { host, ok: !failed, rounds, outcomes, failure: failed?.failure ?? null }
    }
    await ssh.runtime.sleep(repeatAfterMs, ssh.runtime.signal)
  }
}

/** A check under a name of the scenario's words, its message prefixed with the guest's name; other fields (`rttMs`, `exitCode`) kept. */
function named<T extends CheckOutcome>(outcome: T, check: string, guestName: string): T {
  const failure = outcome.failure && { ...outcome.failure, message: `${guestName}: ${outcome.failure.message}` }
  return { ...outcome, check, failure }
}

/** grep's exit 1 is a missing marker, 2 an unreadable file: say so instead of "exited 1". */
function markerFailure(outcome: SshOutcome, path: string): SshOutcome {
  if (outcome.failure?.code !== 'assertion') return outcome
  const reason = outcome.exitCode === 1 ? `the user-data marker is not in ${path}` : `${path} cannot be read (user-data not applied?)`
  return { ...outcome, failure: { code: 'assertion', message: reason } }
}
