/**
 * Builders of probe results for tests.
 *
 * @module
 */
import type { ProbeResult } from '../../src/core/result.js'

/** A plausible HTTP result; override any field. */
export function httpResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const ok = overrides.ok ?? true
  return {
    ok,
    startedAt: Date.now(),
    durationMs: 12.5,
    steps: [{ name: 'http', status: ok ? 'passed' : 'failed', reason: ok ? null : 'status 503', durationMs: 12.5 }],
    calls: [
      {
        operation: 'GET /healthz',
        status: ok ? 200 : 503,
        durationMs: 12.5,
        phases: { dns: 0.1, connect: 0.4, ttfb: 11.2, transfer: 0.8 },
        requestId: 'req-123',
        attempt: 1,
      },
    ],
    conditions: [{ condition: '[STATUS] == 200', ok, actual: ok ? '200' : '503' }],
    failure: ok ? null : { code: 'http_5xx', message: 'status 503 from upstream secret-host' },
    ...overrides,
  }
}
