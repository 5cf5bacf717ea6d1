/**
 * How `probe run` prints a result for a person (the `--json` form is the result contract itself).
 *
 * @module
 */
import type { ProbeResult } from '../../core/result.js'

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`
}

/**
 * A few lines: the verdict, each call with its phases, each condition with the value it saw.
 *
 * @example
 * formatResult('api', result) // '✓ api passed in 12.3 ms\n  GET /healthz → 200 …'
 */
export function formatResult(name: string, result: ProbeResult): string {
  const lines = [
    result.ok
      ? `✓ ${name} passed in ${ms(result.durationMs)}`
      : `✕ ${name} failed (${result.failure?.code}) in ${ms(result.durationMs)}: ${result.failure?.message}`,
  ]
  for (const call of result.calls) {
    const phases = Object.entries(call.phases)
      .map(([phase, value]) => `${phase} ${ms(value)}`)
      .join(', ')
    const attempt = call.attempt > 1 ? ` (attempt ${call.attempt})` : ''
    lines.push(`  ${call.operation} → ${call.status ?? 'no answer'} in ${ms(call.durationMs)}${phases ? ` [${phases}]` : ''}${attempt}`)
  }
  for (const outcome of result.conditions) {
    lines.push(`  ${outcome.ok ? '✓' : '✕'} ${outcome.condition}${outcome.actual === null ? '' : `  (saw ${outcome.actual})`}`)
  }
  for (const step of result.steps.filter((step) => step.status !== 'passed')) {
    lines.push(`  step ${step.name}: ${step.status}${step.reason ? ` — ${step.reason}` : ''}`)
  }
  return `${lines.join('\n')}\n`
}
