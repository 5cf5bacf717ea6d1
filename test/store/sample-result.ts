/**
 * A sample probe result for the store tests and the ingest benchmark.
 *
 * @module
 */
import type { ProbeResult } from '../../src/core/index.js'

/**
 * An HTTP-like result: one call with all five phases, one passed step, one condition.
 *
 * @example
 * sampleResult(1_700_000_000_000, { ok: false, failure: { code: 'http_5xx', message: '503' } })
 */
export function sampleResult(startedAt: number, overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    ok: true,
    startedAt,
    durationMs: 12.345,
    steps: [{ name: 'request', status: 'passed', reason: null, durationMs: 12.3 }],
    calls: [
      {
        operation: 'GET /healthz',
        status: 200,
        durationMs: 12.2,
        phases: { dns: 0.512, connect: 1.25, tls: 3.4, ttfb: 5.625, transfer: 0.7 },
        requestId: `req-${startedAt}`,
        attempt: 1,
      },
    ],
    conditions: [{ condition: 'status == 200', ok: true, actual: '200' }],
    failure: null,
    ...overrides,
  }
}
