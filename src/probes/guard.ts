/**
 * Keeps the probe contract: whatever a probe's code throws becomes one `internal` failure.
 *
 * @module
 */
import type { ProbeResult } from '../core/result.js'
import type { Probe } from './probe.js'

/**
 * The result of a run that broke inside the monitor itself (not the target's fault).
 *
 * @example
 * internalResult(Date.now(), 3.2, new Error('bug'))
 */
export function internalResult(startedAt: number, durationMs: number, error: unknown): ProbeResult {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'
  return {
    ok: false,
    startedAt,
    durationMs: Math.max(0, durationMs),
    steps: [{ name: 'probe', status: 'failed', reason: message, durationMs: Math.max(0, durationMs) }],
    calls: [],
    conditions: [],
    failure: { code: 'internal', message: `probe error: ${message}` },
  }
}

/**
 * Wraps a probe so that it resolves with an `internal` failure instead of rejecting.
 *
 * @example
 * export const tcpProbe = neverThrow(measureTcp)
 */
export function neverThrow<C>(probe: Probe<C>): Probe<C> {
  return async (ctx) => {
    const startedAt = ctx.clock.now()
    const started = ctx.clock.monotonic()
    try {
      return await probe(ctx)
    } catch (error) {
      ctx.log.warn({ err: error instanceof Error ? error.name : typeof error }, 'probe threw; recorded as internal')
      return internalResult(startedAt, ctx.clock.monotonic() - started, error)
    }
  }
}
