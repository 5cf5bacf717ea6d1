/**
 * What a pushed report becomes: one probe result, stored and judged like any measured one.
 *
 * @module
 */
import type { ProbeResult } from '../../core/result.js'

/** A pushed report: a heartbeat's beat or a health beacon, already validated. */
export interface PushedReport {
  /** `up` passes; `down` fails (counted against availability like a failed probe run). */
  status: 'up' | 'down'
  /** Why (shown to operators in the evidence); a `down` without one says "reported down". */
  message?: string | undefined
  /** How long the reporter's job took, when it says so; default 0. */
  durationMs?: number | undefined
  /** The step name: `beat` or `beacon`. */
  step: 'beat' | 'beacon'
  /** Who reported (a token name) and, for beacons, the idempotency key; kept as the call's request id. */
  requestId: string
}

/**
 * The result a pushed report stands for, started at `at`. A `down` report fails with code
 * `assertion`: the reporter asserted that its target is down.
 *
 * @example
 * pushedResult({ status: 'up', step: 'beat', requestId: 'backup-job' }, Date.now()).ok // true
 */
export function pushedResult(report: PushedReport, at: number): ProbeResult {
  const durationMs = report.durationMs ?? 0
  const up = report.status === 'up'
  const reason = up ? (report.message ?? null) : (report.message ?? 'reported down')
  return {
    ok: up,
    startedAt: at,
    durationMs,
    steps: [{ name: report.step, status: up ? 'passed' : 'failed', reason, durationMs, ...(up ? {} : { code: 'assertion' as const }) }],
    calls: [{ operation: `${report.step}.push`, status: null, durationMs, phases: {}, requestId: report.requestId, attempt: 1 }],
    conditions: [],
    failure: up ? null : { code: 'assertion', message: reason! },
  }
}
