/**
 * Turns what a probe observed into a {@link ProbeResult}: evaluates the check's conditions (or
 * the kind's defaults), picks the failure code, and redacts every text.
 *
 * @module
 */
import type { Check } from '../config/check-schema.js'
import type { Clock } from '../core/clock.js'
import { evaluateCondition, parseCondition } from '../core/conditions/index.js'
import type { Condition, ConditionContext } from '../core/conditions/index.js'
import { formatDuration } from '../core/duration.js'
import { failureCodeForHttpStatus } from '../core/failure.js'
import type { FailureCode } from '../core/failure.js'
import type { Call, ConditionOutcome, Failure, ProbeResult, Step } from '../core/result.js'
import type { ProbeError } from './failures.js'
import { redactResult } from './redact-result.js'
import { secretsOf } from './secrets.js'

/** What one attempt of a probe saw, before conditions are applied. */
export interface Observation {
  calls: Call[]
  /** The measuring step (`request`, `connect`, `query`, `handshake`). */
  step: { name: string; durationMs: number }
  /** What conditions read (`redact` is filled in here). */
  context: ConditionContext
  /**
   * What went wrong while measuring. `fatal` fails the run whatever the conditions say; a
   * non-fatal error (a refused TCP connect) fails it only through a condition, so
   * `[CONNECTED] == false` can pass.
   */
  error: (ProbeError & { fatal: boolean }) | null
  /** Probe-specific outcomes checked besides the conditions (e.g. a DNS answer set). */
  extra?: Array<{ outcome: ConditionOutcome; code: FailureCode; message: string }>
}

/** Where and when the attempt ran. */
export interface AttemptFrame {
  check: Check
  clock: Clock
  startedAt: number
  startedMonotonic: number
}

/**
 * Builds the attempt's result; `ok` is true exactly when no failure was found.
 *
 * @example
 * conclude({ check, clock, startedAt, startedMonotonic }, observation)
 */
export function conclude(frame: AttemptFrame, observation: Observation): ProbeResult {
  const { check } = frame
  const secrets = secretsOf(check)
  const context: ConditionContext = { ...observation.context, redact: { patterns: check.redact, secrets } }
  const evaluated = conditionsFor(check).map((text) => evaluate(text, check.kind, context))
  const extra = observation.extra ?? []
  const conditions = [...evaluated.map((entry) => entry.outcome), ...extra.map((entry) => entry.outcome)]
  const failure = pickFailure(observation, evaluated, extra, context)
  const durationMs = Math.max(0, frame.clock.monotonic() - frame.startedMonotonic)
  const conditionsStep: Step = {
    name: 'conditions',
    status: observation.error?.fatal ? 'skipped' : conditions.every((c) => c.ok) ? 'passed' : 'failed',
    reason: observation.error?.fatal ? 'the measurement failed' : (conditions.find((c) => !c.ok)?.condition ?? null),
    durationMs: 0,
  }
  const measureStep: Step = {
    name: observation.step.name,
    status: observation.error ? 'failed' : 'passed',
    reason: observation.error?.message ?? null,
    durationMs: observation.step.durationMs,
  }
  return redactResult(
    {
      ok: failure === null,
      startedAt: frame.startedAt,
      durationMs,
      steps: [measureStep, conditionsStep],
      calls: observation.calls,
      conditions,
      failure,
    },
    secrets,
  )
}

/**
 * The conditions a check is judged by: its own, or its kind's defaults, plus the kind's fixed
 * rules (the expected rcode of a dns check, `minValidity` of a tls check).
 *
 * @example
 * conditionsFor({ kind: 'http', conditions: [] , … }) // ['[STATUS] < 400']
 */
export function conditionsFor(check: Check): string[] {
  const own = check.conditions
  switch (check.kind) {
    case 'http':
      return own.length > 0 ? own : ['[STATUS] < 400']
    case 'tcp':
      return own.length > 0 ? own : ['[CONNECTED] == true']
    case 'dns':
      return own.some((text) => text.includes('[DNS_RCODE]')) ? own : [`[DNS_RCODE] == ${check.expectedRcode}`, ...own]
    case 'tls':
      return [`[CERTIFICATE_EXPIRATION] > ${formatDuration(check.minValidity)}`, ...own]
    case 'catalog':
    case 'scenario':
    case 'heartbeat':
      return []
  }
}

interface Evaluated {
  outcome: ConditionOutcome
  condition: Condition | null
  message: string | null
}

function evaluate(text: string, kind: Check['kind'], context: ConditionContext): Evaluated {
  if (kind === 'catalog' || kind === 'scenario' || kind === 'heartbeat') return { outcome: { condition: text, ok: false, actual: null }, condition: null, message: `${kind} checks take no conditions` }
  const parsed = parseCondition(text, kind)
  if (!parsed.ok) return { outcome: { condition: text, ok: false, actual: null }, condition: null, message: parsed.message }
  return { outcome: evaluateCondition(parsed.condition, context), condition: parsed.condition, message: null }
}

function pickFailure(
  observation: Observation,
  evaluated: Evaluated[],
  extra: NonNullable<Observation['extra']>,
  context: ConditionContext,
): Failure | null {
  const { error } = observation
  if (error?.fatal) return { code: error.code, message: error.message }
  const failed = evaluated.find((entry) => !entry.outcome.ok)
  if (failed) {
    if (failed.condition === null) return { code: 'internal', message: `invalid condition: ${failed.message}`, condition: failed.outcome }
    if (error) return { code: error.code, message: error.message, condition: failed.outcome }
    const code = codeFor(failed.condition, context)
    return { code, message: messageFor(failed.outcome), condition: failed.outcome }
  }
  const wrong = extra.find((entry) => !entry.outcome.ok)
  return wrong ? { code: wrong.code, message: wrong.message, condition: wrong.outcome } : null
}

function codeFor(condition: Condition, context: ConditionContext): FailureCode {
  if (condition.left.type !== 'placeholder') return 'assertion'
  switch (condition.left.name) {
    case 'STATUS':
      return typeof context.status === 'number' ? failureCodeForHttpStatus(context.status) : 'assertion'
    case 'RESPONSE_TIME':
      return 'slow'
    case 'CERTIFICATE_EXPIRATION':
      return 'tls'
    case 'DNS_RCODE':
      return 'dns'
    case 'CONNECTED':
      return 'connect'
    default:
      return 'assertion'
  }
}

function messageFor(outcome: ConditionOutcome): string {
  return `condition ${outcome.condition} did not hold (actual: ${outcome.actual ?? 'nothing'})`
}
