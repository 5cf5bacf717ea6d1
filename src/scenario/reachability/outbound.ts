/**
 * Outbound internet and DNS from inside a guest: the guest pings a host *name* (so its resolver
 * must work too); when the first target fails, a fallback target is tried — OSHM's
 * `PINGTARGET` / `PINGTARGET2`.
 *
 * @module
 */
import type { Call } from '../../core/result.js'
import { classifyPing } from './ping.js'
import type { CheckFailure, CheckOutcome } from './outcome.js'
import type { SshClient, SshRunOptions, SshTarget } from './ssh-client.js'
import { invalidTarget } from './targets.js'

/** OSHM's defaults: `google-public-dns-b.google.com`, then `dns.quad9.net`. */
export const DEFAULT_PING_TARGETS = { primary: 'google-public-dns-b.google.com', fallback: 'dns.quad9.net' } as const

/** Where the guest pings to. */
export interface OutboundTargets {
  primary: string
  /** Tried only when the primary target fails; omit for no fallback. */
  fallback?: string
  /** Seconds one ping waits for its reply. Default 2. */
  deadlineSeconds?: number
}

/** An outbound check: which target answered. */
export interface OutboundOutcome extends CheckOutcome {
  /** The target that answered; null when none did. */
  answeredBy: string | null
  /** Why the primary target failed when the fallback answered (worth a note, not a failure). */
  primaryFailure: CheckFailure | null
}

/**
 * Pings `targets.primary` (then `targets.fallback`) from the guest at `guest`, over SSH.
 *
 * @example
 * const out = await outboundPing(ssh, { host: fip }, 'JH0', DEFAULT_PING_TARGETS)
 * out.answeredBy // 'google-public-dns-b.google.com'
 */
export async function outboundPing(
  ssh: SshClient,
  guest: SshTarget,
  guestName: string,
  targets: OutboundTargets,
  sshOptions: Pick<SshRunOptions, 'retry' | 'timeoutMs'> = {},
): Promise<OutboundOutcome> {
  const deadline = targets.deadlineSeconds ?? 2
  const order = targets.fallback ? [targets.primary, targets.fallback] : [targets.primary]
  const calls: Call[] = []
  let startedAt = 0
  let durationMs = 0
  let attempts = 0
  let primaryFailure: CheckFailure | null = null
  let failure: CheckFailure | null = null
  for (const target of order) {
    const bad = invalidTarget(target)
    if (bad) throw new TypeError(`outbound ping: ${bad}`)
    const run = await ssh.run(guest, `ping -n -c1 -w${deadline} ${target}`, { ...sshOptions, label: `ping ${target}` })
    calls.push(...run.calls.map((call, index) => ({ ...call, operation: 'ssh.exec ping', attempt: attempts + index + 1 })))
    if (attempts === 0) startedAt = run.startedAt
    attempts += run.attempts
    durationMs += run.durationMs
    // ssh's own failure says nothing about the guest's outbound path: report it as it is.
    failure = run.failure && run.exitCode !== 255 && run.exitCode !== null ? pingFailure(target, run, deadline) : run.failure
    if (failure === null) {
      return { check: `outbound ping from ${guestName}`, ok: true, startedAt, durationMs, attempts, calls, failure, answeredBy: target, primaryFailure }
    }
    if (target === targets.primary) primaryFailure = failure
    if (run.exitCode === 255 || run.exitCode === null) break
  }
  const both = primaryFailure && failure !== primaryFailure ? ` (first target: ${primaryFailure.message})` : ''
  const finalFailure = { code: failure!.code, message: `${guestName}: ${failure!.message}${both}` }
  return { check: `outbound ping from ${guestName}`, ok: false, startedAt, durationMs, attempts, calls, failure: finalFailure, answeredBy: null, primaryFailure }
}

function pingFailure(target: string, run: { exitCode: number | null; stdout: string; stderr: string }, deadline: number): CheckFailure {
  return classifyPing(target, run.exitCode, `${run.stdout}\n${run.stderr}`, deadline) ?? { code: 'assertion', message: `ping ${target}: exit ${run.exitCode}` }
}
