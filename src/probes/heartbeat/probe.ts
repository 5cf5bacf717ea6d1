/**
 * The "probe" of a heartbeat check: there is nothing to run — the results are the beats that
 * arrive over HTTP. The monitor never schedules it; run by hand it says so as a skipped step.
 *
 * @module
 */
import type { HeartbeatCheck } from '../../config/check-schema.js'
import type { Probe } from '../probe.js'

/**
 * Answers a not-ok result that explains where a heartbeat check's results come from. Its code
 * `internal` never counts against availability.
 *
 * @example
 * (await heartbeatProbe({ check, signal, clock, log })).steps[0].status // 'skipped'
 */
export const heartbeatProbe: Probe<HeartbeatCheck> = async ({ check, clock }) => {
  const message = `a heartbeat check is not run: its results are the beats sent to POST /api/v1/heartbeats/${check.name}`
  return {
    ok: false,
    startedAt: clock.now(),
    durationMs: 0,
    steps: [{ name: 'beat', status: 'skipped', reason: message, durationMs: 0 }],
    calls: [],
    conditions: [],
    failure: { code: 'internal', message },
  }
}
