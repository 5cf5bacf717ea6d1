/**
 * A store with one component fed by one check, whose measured state a test sets directly, and the
 * alert loops (reconciler + outbox worker) over it — the path from "Compute in R1 is down" to a
 * receiver, without the health runner.
 *
 * @module
 */
import { createAlerting } from '../../src/alerts/index.js'
import { AlertsSchema, type AlertsConfig } from '../../src/config/index.js'
import type { MeasuredState } from '../../src/core/index.js'
import type { Evaluation } from '../../src/health/index.js'
import { createOutboxWorker, createSender } from '../../src/notify/index.js'
import type { Store } from '../../src/store/index.js'
import { fakeClock, recordingLog } from '../notify/receivers.js'
import { sampleResult } from '../store/sample-result.js'

/** An evaluation that publishes `state` for compute@R1 at `at`. */
export function evaluation(state: MeasuredState, at: number): Evaluation {
  return {
    ruleSet: 'default',
    at,
    measured: state,
    raw: state,
    matched: null,
    reason: state === 'operational' ? 'all checks pass' : 'every check of the last 5 minutes failed',
    lastSampleAt: at,
    flags: [],
    vantages: { k: 1, min: 1, reporting: ['local'], silent: [] },
    hysteresis: { published: state, candidate: null, streak: 0 },
  }
}

/** Builds the scenario on `store` with the `alerts:` section `alerts` (as written in YAML). */
export async function alertScenario(store: Store, alerts: Record<string, unknown>) {
  // Real receivers compare instants with their own clock: stay a minute behind it, as a test moves
  // its clock forward by seconds (Alertmanager keeps an alert whose end is still ahead of its now).
  const clock = fakeClock(Date.now() - 60_000)
  const log = recordingLog()
  const settings: AlertsConfig = AlertsSchema.parse({ resolveAfter: '2m', ...alerts })
  const [check] = await store.checks.sync([{ name: 'compute-api', kind: 'http', displayName: 'Compute API', definition: { url: 'https://compute.example/v2.1/servers', method: 'GET', headers: { 'X-Auth-Token': '***' } } }], clock.now())
  await store.components.sync([{ name: 'compute', displayName: 'Compute', feeds: [{ checkId: check!.id, location: 'R1' }] }], clock.now())
  const senders = new Map(settings.receivers.map((receiver) => [receiver.name, createSender(receiver)]))
  const worker = createOutboxWorker({ store, clock, log, senders, delivery: settings.delivery })
  const alerting = createAlerting({ store, clock, log, settings, externalUrl: 'http://status.example/' })
  return {
    clock,
    log,
    worker,
    /** Stores a failed result of the check (HTTP 503 with a request id) at the current time. */
    async failResult() {
      const at = clock.now()
      const call = { operation: 'GET /v2.1/servers', status: 503, durationMs: 12, phases: {}, requestId: 'req-7d1e0c44', attempt: 1 }
      await store.results.insertBatch([{ checkId: check!.id, result: sampleResult(at, { ok: false, calls: [call], failure: { code: 'http_5xx', message: 'HTTP 503' } }) }])
    },
    /** Publishes `state`, then runs an alert pass and drains the outbox. */
    async step(state: MeasuredState, advanceMs = 60_000) {
      clock.advance(advanceMs)
      await store.evaluations.record(evaluation(state, clock.now()), { component: 'compute', location: 'R1' })
      const pass = await alerting.reconcile()
      await worker.drain()
      return pass
    },
  }
}
