/**
 * The last line of defence: scrubs every text of a result of the check's secret values.
 *
 * @module
 */
import { redactText } from '../core/redact.js'
import type { ConditionOutcome, ProbeResult } from '../core/result.js'

/**
 * Returns the result with every secret value in names, reasons, operations, request ids,
 * conditions and the failure replaced by `***`.
 *
 * @example
 * redactResult(result, ['s3cr3t'])
 */
export function redactResult(result: ProbeResult, secrets: readonly string[]): ProbeResult {
  if (secrets.length === 0) return result
  const clean = (text: string): string => redactText(text, secrets)
  const cleanOutcome = (outcome: ConditionOutcome): ConditionOutcome => ({
    condition: clean(outcome.condition),
    ok: outcome.ok,
    actual: outcome.actual === null ? null : clean(outcome.actual),
  })
  return {
    ...result,
    steps: result.steps.map((step) => ({ ...step, name: clean(step.name), reason: step.reason === null ? null : clean(step.reason) })),
    calls: result.calls.map((call) => ({ ...call, operation: clean(call.operation), requestId: call.requestId === null ? null : clean(call.requestId) })),
    conditions: result.conditions.map(cleanOutcome),
    failure:
      result.failure === null
        ? null
        : {
            code: result.failure.code,
            message: clean(result.failure.message),
            ...(result.failure.condition ? { condition: cleanOutcome(result.failure.condition) } : {}),
          },
  }
}
