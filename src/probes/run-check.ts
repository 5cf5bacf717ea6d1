/**
 * Runs a check: picks the probe by kind, gives each attempt its deadline, retries, and returns
 * one result holding every attempt's steps and calls. Resolves always.
 *
 * @module
 */
import type { Check } from '../config/check-schema.js'
import type { Clock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import type { ProbeResult } from '../core/result.js'
import type { LedgerRepository } from '../store/index.js'
import { internalResult } from './guard.js'
import type { ProbeContext, ProbeLogger } from './probe.js'
import { redactResult } from './redact-result.js'
import { PROBES } from './registry.js'
import { scenarioDeadline } from './scenario/probe.js'
import type { ProbesByKind } from './registry.js'
import { secretsOf } from './secrets.js'

/** What {@link runCheck} needs from its caller. */
export interface RunCheckDeps {
  clock: Clock
  log: ProbeLogger
  /** Cancels the run (shutdown); a cancelled run fails as `internal`, not against availability. */
  signal?: AbortSignal
  /** Replaces probes by kind (tests, or a kind measured elsewhere); default {@link PROBES}. */
  probes?: Partial<ProbesByKind>
  /** The store's scenario ledger, handed to probes that create cloud resources (`scenario`). */
  ledger?: LedgerRepository
}

/** How long past its deadline a probe may take to wind down before the runner stops waiting. */
const GRACE_MS = 2_000

/**
 * Runs `check` with up to `check.retries` extra attempts, `check.retryDelay` apart; each
 * attempt has `check.timeout` as its deadline. The result is the last attempt's verdict with
 * every attempt's steps (named `attempt n: …` when retries are configured) and calls.
 *
 * @example
 * const result = await runCheck(check, { clock: systemClock, log })
 * if (!result.ok) console.log(result.failure?.code)
 */
export async function runCheck(check: Check, deps: RunCheckDeps): Promise<ProbeResult> {
  const startedAt = deps.clock.now()
  const started = deps.clock.monotonic()
  const secrets = secretsOf(check)
  try {
    const attempts: ProbeResult[] = []
    for (let attempt = 1; attempt <= check.retries + 1; attempt++) {
      if (attempt > 1 && !(await pause(check.retryDelay, deps.signal))) break
      const result = await runAttempt(check, deps, attempt)
      attempts.push(result)
      if (result.ok || deps.signal?.aborted) break
    }
    return redactResult(merge(attempts, check.retries > 0, startedAt, deps.clock.monotonic() - started), secrets)
  } catch (error) {
    deps.log.warn({ check: check.name, kind: check.kind }, 'probe run failed inside the monitor')
    return redactResult(internalResult(startedAt, deps.clock.monotonic() - started, error), secrets)
  }
}

async function runAttempt(check: Check, deps: RunCheckDeps, attempt: number): Promise<ProbeResult> {
  const { deadlineMs, windDownMs } = check.kind === 'scenario' ? scenarioDeadline(check) : { deadlineMs: check.timeout, windDownMs: GRACE_MS }
  const deadline = AbortSignal.timeout(deadlineMs)
  const signal = deps.signal ? AbortSignal.any([deadline, deps.signal]) : deadline
  const base = { signal, clock: deps.clock, log: deps.log, attempt, ...(deps.ledger ? { ledger: deps.ledger } : {}) }
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => resolve(hungResult(check, deps.clock.now(), attempt)), deadlineMs + windDownMs)
  })
  try {
    return await Promise.race([probe(check, base, { ...PROBES, ...deps.probes }), hung])
  } finally {
    clearTimeout(timer)
  }
}

function probe(check: Check, base: Omit<ProbeContext<Check>, 'check'>, probes: ProbesByKind): Promise<ProbeResult> {
  switch (check.kind) {
    case 'http':
      return probes.http({ ...base, check })
    case 'tcp':
      return probes.tcp({ ...base, check })
    case 'dns':
      return probes.dns({ ...base, check })
    case 'tls':
      return probes.tls({ ...base, check })
    case 'catalog':
      return probes.catalog({ ...base, check })
    case 'scenario':
      return probes.scenario({ ...base, check })
    case 'heartbeat':
      return probes.heartbeat({ ...base, check })
  }
}

function hungResult(check: Check, now: number, attempt: number): ProbeResult {
  const durationMs = check.timeout + GRACE_MS
  const message = `the ${check.kind} probe did not finish within ${formatDuration(check.timeout)} (attempt ${attempt})`
  return {
    ok: false,
    startedAt: now - durationMs,
    durationMs,
    steps: [{ name: 'probe', status: 'failed', reason: message, durationMs }],
    calls: [],
    conditions: [],
    failure: { code: 'timeout', message },
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function merge(attempts: ProbeResult[], numbered: boolean, startedAt: number, durationMs: number): ProbeResult {
  const last = attempts.at(-1)
  if (!last) throw new Error('no attempt ran')
  return {
    ...last,
    ok: last.failure === null,
    startedAt,
    durationMs: Math.max(0, durationMs),
    steps: attempts.flatMap((result, index) =>
      result.steps.map((step) => (numbered ? { ...step, name: `attempt ${index + 1}: ${step.name}` } : step)),
    ),
    calls: attempts.flatMap((result) => result.calls),
    conditions: last.conditions,
    failure: last.failure,
  }
}
