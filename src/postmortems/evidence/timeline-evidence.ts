/**
 * Timeline entries from the pinned measurements: the first failing probe result of each check
 * feeding an affected series, and every change of a series' measured state with the rule that
 * set it. Public texts are generic; what the stored rows said goes to the operator-only evidence.
 *
 * @module
 */
import { seriesId, type Call, type SeriesKey } from '../../core/index.js'
import type { Evaluation } from '../../health/index.js'
import type { PinnedEvaluation, StoredResult } from '../../store/index.js'
import type { TimelineEntry } from '../types.js'
import { generatedEntry } from './entries.js'
import type { FirstFailure } from './pinned.js'
import { probeFailureText, stateChangeText, type DisplayNames } from './texts.js'

/** Calls that got no answer or an HTTP error; when none did (an assertion on a 200), every call. */
function failingCalls(calls: readonly Call[]): Call[] {
  const failing = calls.filter((call) => call.status === null || call.status >= 400)
  return failing.length > 0 ? failing : [...calls]
}

function failureDetail(result: StoredResult, calls: readonly Call[]): Record<string, unknown> {
  return {
    failure: result.failure,
    failedSteps: result.steps.filter((step) => step.status === 'failed').map((step) => ({ name: step.name, reason: step.reason, code: step.code ?? null })),
    calls: calls.map((call) => ({ operation: call.operation, status: call.status, requestId: call.requestId, attempt: call.attempt })),
    durationMs: result.durationMs,
  }
}

/**
 * One entry per (series, check): its first failing pinned result, with the request ids of the
 * failing calls. The id rests on the series and check, so an annotation stays when a late result
 * turns out to be the first failure.
 */
export function probeFailureEntries(failures: readonly FirstFailure[], names: DisplayNames): TimelineEntry[] {
  return failures.map(({ series, result }) => {
    const calls = failingCalls(result.calls)
    return generatedEntry('probe-failure', `${seriesId(series)}/${result.checkId}`, result.startedAt, probeFailureText(series, names, result.steps, result.failure?.code ?? null), {
      ...series,
      checkId: result.checkId,
      resultId: result.id,
      requestIds: calls.flatMap((call) => (call.requestId === null ? [] : [call.requestId])),
      detail: failureDetail(result, calls),
    })
  })
}

/** The rule that set an evaluation's state: the matched expression, else the raised flags (no data has no expression). */
function ruleOf(evaluation: Evaluation): string | null {
  if (evaluation.matched !== null) return evaluation.matched.expression
  const raised = evaluation.flags.filter((flag) => flag.raised).map((flag) => flag.flag)
  return raised.length === 0 ? null : raised.join(' and ')
}

function stateDetail(row: PinnedEvaluation, previous: Evaluation): Record<string, unknown> {
  const evaluation = row.evaluation
  return {
    evaluationId: row.id,
    ruleSet: evaluation.ruleSet,
    from: previous.measured,
    to: evaluation.measured,
    raw: evaluation.raw,
    weight: evaluation.matched?.weight ?? null,
    reason: evaluation.reason,
    flags: evaluation.flags
      .filter((flag) => flag.raised)
      .map((flag) => ({ flag: flag.flag, kind: flag.kind, value: flag.value, threshold: flag.threshold, unit: flag.unit, window: flag.window, samples: flag.samples })),
    vantages: evaluation.vantages,
  }
}

/**
 * One entry per change of the published (measured) state in the pinned evaluations of a series
 * (oldest first). The first pinned evaluation is the starting point, not a change.
 */
export function stateChangeEntries(series: SeriesKey, evaluations: readonly PinnedEvaluation[], names: DisplayNames): TimelineEntry[] {
  const entries: TimelineEntry[] = []
  evaluations.forEach((row, i) => {
    const previous = evaluations[i - 1]?.evaluation
    const evaluation = row.evaluation
    if (previous === undefined || previous.measured === evaluation.measured) return
    entries.push(
      generatedEntry('state-change', row.id, evaluation.at, stateChangeText(series, names, previous.measured, evaluation.measured), {
        ...series,
        rule: ruleOf(evaluation),
        detail: stateDetail(row, previous),
      }),
    )
  })
  return entries
}
