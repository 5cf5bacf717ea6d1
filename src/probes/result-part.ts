/**
 * The part of a probe result that concerns one component: the calls and steps whose operation
 * or name matches the part's patterns, judged on their own. A scenario exercises many services
 * in one run; a part lets Block Storage be judged by the block-storage calls alone.
 *
 * @module
 */
import { failureCodeForHttpStatus, type FailureCode } from '../core/failure.js'
import type { Call, Failure, ProbeResult, Step } from '../core/result.js'

/** Whether an operation or step name belongs to a part. */
export type OperationMatcher = (operation: string) => boolean

/**
 * Compiles operation patterns: `*` matches any run of characters, dots included; everything
 * else matches itself; a pattern matches the whole name.
 *
 * @example
 * operationMatcher(['block-storage.*'])('block-storage.volumes.create') // true
 * operationMatcher(['block-storage.*'])('compute.servers.create') // false
 */
export function operationMatcher(patterns: readonly string[]): OperationMatcher {
  const alternatives = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  )
  const regex = new RegExp(`^(?:${alternatives.join('|')})$`)
  return (operation) => regex.test(operation)
}

/** The code of a call that got no answer or a server-side error; null for any other call. */
function serverSideCode(call: Call): FailureCode | null {
  if (call.status === null) return 'timeout'
  if (call.status === 429 || call.status >= 500) return failureCodeForHttpStatus(call.status)
  return null
}

/** The code of a call that failed in any way (no answer, 4xx, 5xx); null for a call that was answered well. */
function failingCallCode(call: Call): FailureCode | null {
  if (call.status === null) return 'timeout'
  return call.status >= 400 ? failureCodeForHttpStatus(call.status) : null
}

function callFailure(call: Call, code: FailureCode): Failure {
  const answer = call.status === null ? 'no answer' : `HTTP ${call.status}`
  const request = call.requestId === null ? '' : ` (request ${call.requestId})`
  return { code, message: `${call.operation}: ${answer}${request}` }
}

/** The failure of a part: its first failed step, else a call failing on the server side. */
function partFailure(steps: readonly Step[], calls: readonly Call[]): Failure | null {
  const step = steps.find((candidate) => candidate.status === 'failed')
  if (step !== undefined) {
    const callCodes = calls.map(failingCallCode).filter((code): code is FailureCode => code !== null)
    const code = step.code ?? callCodes.at(-1) ?? 'internal'
    return { code, message: `${step.name}: ${step.reason ?? 'failed'}` }
  }
  const serverSide = calls.flatMap((call) => {
    const code = serverSideCode(call)
    return code === null ? [] : [{ call, code }]
  })
  // A rate limit does not count against availability; a 5xx or timeout beside it must not hide behind it.
  const chosen = serverSide.find(({ code }) => code !== 'rate_limited') ?? serverSide[0]
  return chosen === undefined ? null : callFailure(chosen.call, chosen.code)
}

/**
 * Projects a result onto a part: the matching calls and steps, judged on their own. Null when the
 * part was not measured in this run — nothing matches, or every matching step was skipped and no
 * matching call was made — so that no result is written and the series honestly shows no data
 * when that lasts.
 *
 * The part fails when a matching step failed (code: the step's, else that of the last failing
 * matching call, else `internal`) or when a matching call got no answer (`timeout`), a 5xx
 * (`http_5xx`) or a 429 (`rate_limited`), even if a retry got past it. Its duration is the sum of
 * the matching calls' durations (else of the matching steps'); it starts when the run started.
 *
 * @example
 * projectPart(scenarioResult, operationMatcher(['block-storage.*']))
 * // { ok: false, failure: { code: 'http_5xx', message: 'block-storage.volumes.create: HTTP 503 (request req-1)' }, … }
 */
export function projectPart(result: ProbeResult, matches: OperationMatcher): ProbeResult | null {
  const calls = result.calls.filter((call) => matches(call.operation))
  const steps = result.steps.filter((step) => matches(step.name) || (step.service !== undefined && matches(`${step.service}.${step.name}`)))
  const measured = calls.length > 0 || steps.some((step) => step.status !== 'skipped')
  if (!measured) return null
  const failure = partFailure(steps, calls)
  const durations = calls.length > 0 ? calls.map((call) => call.durationMs) : steps.map((step) => step.durationMs)
  return {
    ok: failure === null,
    startedAt: result.startedAt,
    durationMs: durations.reduce((sum, duration) => sum + duration, 0),
    steps,
    calls,
    conditions: [],
    failure,
  }
}
