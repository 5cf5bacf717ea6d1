/**
 * ICMP echo from the monitor host with Debian's `ping` (iputils), tried like OSHM: one echo with
 * a 2 s deadline per try, up to 15 tries about 2 s apart.
 *
 * @module
 */
import { systemClock } from '../../core/clock.js'
import { systemSleep } from '../sleep.js'
import { outcomeOf, tryUnderPolicy } from './outcome.js'
import type { CheckFailure, CheckOutcome, CheckRuntime, RetryPolicy } from './outcome.js'
import { runProgram } from './run-program.js'
import { invalidTarget } from './targets.js'

/** The `ping` binary: the customer's own tool. */
export const PING_PROGRAM = '/usr/bin/ping'

/** How to ping. */
export interface PingOptions {
  /** Seconds one try waits for its reply (`ping -w`). Default 2. */
  deadlineSeconds?: number
  /** Default OSHM's JH ping: 15 tries, 2 s apart. */
  retry?: RetryPolicy
}

/** OSHM's `ping -c1 -w2`, up to 15 tries about 2 s apart. */
export const JUMP_HOST_PING_RETRY: RetryPolicy = { attempts: 15, delayMs: 2_000 }

/** A ping check: its round-trip time when a reply came back. */
export interface PingOutcome extends CheckOutcome {
  /** Round-trip time of the reply, milliseconds; null without a reply. */
  rttMs: number | null
}

/** Fills the runtime seams a caller left out with the real clock and sleep. */
export function runtimeWith(partial: Partial<CheckRuntime> = {}): CheckRuntime {
  return { clock: partial.clock ?? systemClock, sleep: partial.sleep ?? systemSleep, signal: partial.signal }
}

/**
 * Pings `target` (an address or host name) from the monitor host until it answers.
 *
 * @example
 * const outcome = await pingHost('203.0.113.5')
 * outcome.ok        // true
 * outcome.rttMs     // 0.8
 * outcome.attempts  // 1
 */
export async function pingHost(target: string, options: PingOptions = {}, runtime: Partial<CheckRuntime> = {}): Promise<PingOutcome> {
  const seams = runtimeWith(runtime)
  const deadline = options.deadlineSeconds ?? 2
  const check = `ping ${target}`
  const folded = await tryUnderPolicy(check, options.retry ?? JUMP_HOST_PING_RETRY, seams, async (attempt) => {
    const bad = invalidTarget(target)
    const started = seams.clock.monotonic()
    const run = bad ? null : await runProgram(PING_PROGRAM, ['-n', '-c1', `-w${deadline}`, target], { timeoutMs: (deadline + 2) * 1_000, signal: seams.signal })
    const durationMs = seams.clock.monotonic() - started
    const failure: CheckFailure | null = bad
      ? { code: 'internal', message: `ping: ${bad}` }
      : run!.startError
        ? { code: 'internal', message: `ping: cannot run ${PING_PROGRAM}: ${run!.startError}` }
        : classifyPing(target, run!.exitCode, `${run!.stdout}\n${run!.stderr}`, deadline)
    const call = { operation: 'icmp.echo', status: run?.exitCode ?? null, durationMs, phases: {}, requestId: null, attempt }
    return { failure, call, final: bad !== null || Boolean(run?.startError), rttMs: parseRtt(run?.stdout ?? '') }
  })
  return { ...outcomeOf(folded), rttMs: folded.failure === null ? folded.last.rttMs : null }
}

/**
 * Classifies one `ping -c1` by its exit code and output: 0 passed; a name that does not
 * resolve is `dns`; no reply before the deadline is `timeout`; an unreachable network or host
 * is `connect`. Shared by the monitor's ping and the pings run inside guests.
 */
export function classifyPing(target: string, exitCode: number | null, output: string, deadlineSeconds: number): CheckFailure | null {
  if (exitCode === 0) return null
  if (/Name or service not known|Temporary failure in name resolution|No address associated|unknown host/i.test(output)) {
    return { code: 'dns', message: `ping ${target}: the name does not resolve` }
  }
  if (/unreachable|Operation not permitted|Network is down/i.test(output)) {
    return { code: 'connect', message: `ping ${target}: ${firstLineMatching(output, /unreachable|not permitted|down/i)}` }
  }
  if (exitCode === 1 || exitCode === null) {
    return { code: 'timeout', message: `ping ${target}: no echo reply within ${deadlineSeconds} s` }
  }
  return { code: 'connect', message: `ping ${target}: exit ${exitCode}: ${firstLine(output)}` }
}

/** The round-trip time in `ping`'s reply line (`time=0.306 ms`), else null. */
export function parseRtt(output: string): number | null {
  const match = /time[=<]([\d.]+) ?ms/.exec(output)
  return match ? Number(match[1]) : null
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '(no output)'
}

function firstLineMatching(text: string, pattern: RegExp): string {
  return text.split('\n').map((line) => line.trim()).find((line) => pattern.test(line)) ?? firstLine(text)
}
