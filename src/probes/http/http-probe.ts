/**
 * The http probe: one request (and its redirects, each a recorded call) with every phase
 * measured, the body read up to `maxBodyBytes`, and the conditions applied to the last answer.
 *
 * @module
 */
import type { HttpCheck } from '../../config/check-schema.js'
import type { Call } from '../../core/result.js'
import { redactUrl } from '../../core/redact.js'
import { conclude } from '../conclude.js'
import type { Observation } from '../conclude.js'
import { classifyError } from '../failures.js'
import type { ProbeError } from '../failures.js'
import { neverThrow } from '../guard.js'
import type { Probe, ProbeContext } from '../probe.js'
import { agentFor } from './agents.js'
import { exchange } from './exchange.js'
import type { HopEnv, HopRequest, HopResult } from './exchange.js'
import { isRedirect, nextHop } from './redirects.js'

/**
 * Requests `url`. Transport errors (dns, connect, tls, timeout, malformed answers, too many
 * redirects, a body over the cap) fail the run; otherwise the conditions decide, by default
 * `[STATUS] < 400`.
 *
 * @example
 * await httpProbe({ check, signal, clock, log })
 */
export const httpProbe: Probe<HttpCheck> = neverThrow(async (ctx: ProbeContext<HttpCheck>) => {
  const { check, clock, signal } = ctx
  const frame = { check, clock, startedAt: clock.now(), startedMonotonic: clock.monotonic() }
  let calls: Call[] = []
  let last: HopResult | null = null
  let error: ProbeError | null
  try {
    const run = await agentFor(check, clock, signal)
    const env: HopEnv = { run, clock, signal, timeoutMs: check.timeout, maxBodyBytes: check.maxBodyBytes, attempt: ctx.attempt ?? 1 }
    try {
      const followed = await follow(check, env)
      calls = followed.calls
      last = followed.last
      error = followed.error
    } finally {
      await run.release()
    }
  } catch (caught) {
    error = classifyError(caught, signal, check.timeout)
  }
  const durationMs = clock.monotonic() - frame.startedMonotonic
  return conclude(frame, {
    calls,
    step: { name: 'request', durationMs },
    context: {
      status: last?.status ?? null,
      headers: last?.headers ?? {},
      body: last?.body ?? null,
      ip: last?.ip ?? null,
      connected: last !== null && last.status !== null,
      responseTimeMs: durationMs,
      certificateExpiresInMs: last?.certificateValidTo == null ? null : last.certificateValidTo - clock.now(),
    },
    error: error === null ? null : { ...error, fatal: true },
  } satisfies Observation)
})

async function follow(check: HttpCheck, env: HopEnv): Promise<{ calls: Call[]; last: HopResult | null; error: ProbeError | null }> {
  const calls: Call[] = []
  let request: HopRequest = { url: new URL(check.url), method: check.method, headers: { ...check.headers }, body: check.body }
  for (let redirects = 0; ; redirects++) {
    const hop = await exchange(request, env)
    calls.push(hop.call)
    const location = headerValue(hop.headers, 'location')
    if (hop.error || !check.followRedirects || !isRedirect(hop.status) || location === null) {
      return { calls, last: hop, error: hop.error }
    }
    if (redirects >= check.maxRedirects) {
      const message = `more than ${check.maxRedirects} redirects (last: ${hop.status} to ${redactUrl(location, check.redact)})`
      return { calls, last: hop, error: { code: 'malformed', message } }
    }
    const next = nextHop(request, hop.status ?? 0, location, check.redact)
    if (typeof next === 'string') return { calls, last: hop, error: { code: 'malformed', message: next } }
    request = next
  }
}

function headerValue(headers: HopResult['headers'], name: string): string | null {
  const value = headers[name]
  if (typeof value === 'string') return value
  return Array.isArray(value) ? (value[0] ?? null) : null
}
