/**
 * The result contract every probe returns and every surface (CLI `--json`, store, API) shares.
 *
 * @module
 */
import { z } from 'zod'
import { FAILURE_CODES } from './failure.js'

/** Phase timings of one call in milliseconds; a phase that did not happen is absent. */
export const PhasesSchema = z.object({
  dns: z.number().nonnegative().optional(),
  connect: z.number().nonnegative().optional(),
  tls: z.number().nonnegative().optional(),
  ttfb: z.number().nonnegative().optional(),
  transfer: z.number().nonnegative().optional(),
})
export type Phases = z.infer<typeof PhasesSchema>

/** The phase names, in the order they happen. */
export const PHASE_NAMES = ['dns', 'connect', 'tls', 'ttfb', 'transfer'] as const

/** One timed call (an HTTP request, a TCP connect, a DNS query, a TLS handshake). */
export const CallSchema = z.object({
  /** A template, never an id or a full URL: `GET /healthz`, `tcp.connect`, `dns.A`. */
  operation: z.string(),
  /** HTTP status, DNS rcode number, or null when no answer arrived. */
  status: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  phases: PhasesSchema,
  requestId: z.string().nullable(),
  /** 1 for the first try, 2 for the first retry, … */
  attempt: z.number().int().positive(),
})
export type Call = z.infer<typeof CallSchema>

/** The outcome of one step of a probe run. A skipped step never counts as passed. */
export const StepSchema = z.object({
  name: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  reason: z.string().nullable(),
  durationMs: z.number().nonnegative(),
  /** Why a failed step failed, when the probe knows; results without it stay valid. */
  code: z.enum(FAILURE_CODES).optional(),
  /** The API service the step calls (scenario steps), so a part feed can select a service's steps. */
  service: z.string().optional(),
})
export type Step = z.infer<typeof StepSchema>

/** A condition as written, whether it held, and the value it saw (already redacted). */
export const ConditionOutcomeSchema = z.object({
  condition: z.string(),
  ok: z.boolean(),
  actual: z.string().nullable(),
})
export type ConditionOutcome = z.infer<typeof ConditionOutcomeSchema>

/** Why a run failed. `message` is safe to show to an operator (secrets redacted). */
export const FailureSchema = z.object({
  code: z.enum(FAILURE_CODES),
  message: z.string(),
  /** For `assertion`: the first condition that did not hold. */
  condition: ConditionOutcomeSchema.optional(),
})
export type Failure = z.infer<typeof FailureSchema>

/** What one probe run produced. `ok` is true exactly when `failure` is null. */
export const ProbeResultSchema = z.object({
  ok: z.boolean(),
  /** Wall-clock start, epoch milliseconds. */
  startedAt: z.number().int(),
  durationMs: z.number().nonnegative(),
  steps: z.array(StepSchema),
  calls: z.array(CallSchema),
  conditions: z.array(ConditionOutcomeSchema),
  failure: FailureSchema.nullable(),
})
export type ProbeResult = z.infer<typeof ProbeResultSchema>
