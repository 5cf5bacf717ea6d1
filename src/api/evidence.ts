/**
 * The public evidence of a health evaluation: which rule set, which rule matched, each flag with
 * its value, threshold, window and sample count, the vantage points and the hysteresis. Built
 * field by field from a whitelist, so a field added to evaluations later never reaches the
 * public by accident. Check definitions, URLs, request ids and error messages are never part of
 * an evaluation and stay operator-only (see docs/methodology.md, "The records API").
 *
 * @module
 */
import { z } from '@hono/zod-openapi'
import { MEASURED_STATES } from '../core/series.js'
import type { Evaluation } from '../health/index.js'

const isoTime = z.iso.datetime().openapi({ example: '2026-11-22T10:00:00.000Z' })
const iso = (ms: number): string => new Date(ms).toISOString()
const State = z.enum(MEASURED_STATES)

const FlagEvidenceSchema = z
  .object({
    flag: z.string().openapi({ example: 'errors' }),
    kind: z.enum(['errorRate', 'latency', 'consecutiveFailures', 'noData']),
    raised: z.boolean(),
    value: z.number().nullable().openapi({ description: 'the value k vantage points reached; null when nothing could be computed' }),
    threshold: z.number(),
    unit: z.enum(['ratio', 'ms', 'count']),
    window: z.object({ from: isoTime, to: isoTime }).openapi({ description: 'samples with from < at ≤ to were looked at' }),
    samples: z.number().int(),
    votes: z.array(z.object({ vantage: z.string(), raised: z.boolean(), value: z.number().nullable(), samples: z.number().int() })),
  })
  .openapi('FlagEvidence')

/** What the public sees of one evaluation of the health rules. */
export const EvidenceSchema = z
  .object({
    at: isoTime,
    ruleSet: z.string().openapi({ example: 'standard' }),
    measured: State.openapi({ description: 'the published state after hysteresis' }),
    raw: State.openapi({ description: 'what this evaluation alone decided' }),
    rule: z
      .object({ expression: z.string(), weight: z.number(), state: State })
      .nullable()
      .openapi({ description: 'the weighted expression that decided `raw`; null when none matched or no data' }),
    reason: z.string(),
    lastSampleAt: isoTime.nullable(),
    flags: z.array(FlagEvidenceSchema),
    vantages: z.object({ k: z.number().int(), min: z.number().int(), reporting: z.array(z.string()), silent: z.array(z.string()) }),
    hysteresis: z.object({ published: State, candidate: State.nullable(), streak: z.number().int() }),
  })
  .openapi('Evidence')

/** The public evidence body. */
export type PublicEvidence = z.infer<typeof EvidenceSchema>

/**
 * The public evidence of an evaluation (whitelisted fields, instants as ISO strings).
 *
 * @example
 * publicEvidence(current.evaluation).flags.map((f) => f.flag) // ['errors', 'slow', 'silent']
 */
export function publicEvidence(evaluation: Evaluation): PublicEvidence {
  return {
    at: iso(evaluation.at),
    ruleSet: evaluation.ruleSet,
    measured: evaluation.measured,
    raw: evaluation.raw,
    rule: evaluation.matched === null ? null : { expression: evaluation.matched.expression, weight: evaluation.matched.weight, state: evaluation.matched.state },
    reason: evaluation.reason,
    lastSampleAt: evaluation.lastSampleAt === null || evaluation.lastSampleAt === undefined ? null : iso(evaluation.lastSampleAt),
    flags: (evaluation.flags ?? []).map((flag) => ({
      flag: flag.flag,
      kind: flag.kind,
      raised: flag.raised,
      value: flag.value,
      threshold: flag.threshold,
      unit: flag.unit,
      window: { from: iso(flag.window.from), to: iso(flag.window.to) },
      samples: flag.samples,
      votes: (flag.votes ?? []).map((vote) => ({ vantage: vote.vantage, raised: vote.raised, value: vote.value, samples: vote.samples })),
    })),
    vantages: { k: evaluation.vantages.k, min: evaluation.vantages.min, reporting: [...evaluation.vantages.reporting], silent: [...evaluation.vantages.silent] },
    hysteresis: { published: evaluation.hysteresis.published, candidate: evaluation.hysteresis.candidate, streak: evaluation.hysteresis.streak },
  }
}
