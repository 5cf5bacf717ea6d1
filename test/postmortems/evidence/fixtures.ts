/**
 * A stored incident with everything its evidence pins keep: compute in R1 fed by two checks
 * (an API check that fails with host names and raw errors, a scenario whose `server create` step
 * gets a 503), network in R1 fed by a check that never reported, evaluations of compute in R1
 * with a state change, no data and recovery, and a human incident resolved after 20 minutes.
 *
 * Minutes are relative to {@link T0} (the incident's start):
 * - api-r1: a result every minute from −90 to 40 except 10–14; fails −5…4 (connect refused), also
 *   at −80 (before the pinned window) and −20 (quota: not the service's failure).
 * - boot-r1: the same minutes; fails −2…2 (503 on POST /servers).
 * - compute@R1 evaluations: operational −60, −10; major outage −3, 2; no data 10; operational 15, 30.
 * - incident: began 0, updates 0 (investigating), 8 (identified), 20 (resolved); impacts compute/R1, network/R1.
 *
 * @module
 */
import type { MeasuredState, ProbeResult, SeriesKey } from '../../../src/core/index.js'
import type { Evaluation } from '../../../src/health/index.js'
import { syncPins } from '../../../src/incident-automation/index.js'
import type { IncidentDetail } from '../../../src/incidents/index.js'
import type { Store } from '../../../src/store/index.js'
import { MINUTE, OPERATOR, serviceOver, settableClock, T0 } from '../../incidents/support.js'

export { MINUTE, T0 }

/** The raw texts the public text must never show. */
export const SECRET_DETAILS = ['api.internal.example', '10.1.2.3', 'ECONNREFUSED', 'nova.internal.example', '503', 'https://']

/** `T0 + minutes`. */
export const at = (minutes: number): number => T0 + minutes * MINUTE

const COMPUTE_R1: SeriesKey = { component: 'compute', location: 'R1' }
const EVIDENCE_WINDOW_MS = 60 * MINUTE

/** Syncs the three checks (60 s interval) and two components; returns check ids by name. */
export async function seedCatalog(store: Store): Promise<Map<string, string>> {
  const names = ['api-r1', 'boot-r1', 'dns-r1']
  const rows = await store.checks.sync(
    names.map((name) => ({ name, kind: 'http', displayName: name, definition: { name, kind: 'http', url: 'http://127.0.0.1:9/', interval: '60s' } })),
    at(-120),
  )
  const ids = new Map(rows.map((row) => [row.name, row.id]))
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', feeds: [{ checkId: ids.get('api-r1')!, location: 'R1' }, { checkId: ids.get('boot-r1')!, location: 'R1' }] },
      { name: 'network', displayName: 'Network', feeds: [{ checkId: ids.get('dns-r1')!, location: 'R1' }] },
    ],
    at(-120),
  )
  return ids
}

function apiResult(minute: number, ok: boolean): ProbeResult {
  const startedAt = at(minute)
  return {
    ok,
    startedAt,
    durationMs: 20,
    steps: [{ name: 'GET https://api.internal.example/healthz', status: ok ? 'passed' : 'failed', reason: ok ? null : 'ECONNREFUSED 10.1.2.3:443', durationMs: 20, ...(ok ? {} : { code: 'connect' as const }) }],
    calls: [{ operation: 'GET /healthz', status: ok ? 200 : null, durationMs: 20, phases: {}, requestId: `req-api-${minute}`, attempt: 1 }],
    conditions: [],
    failure: ok ? null : { code: 'connect', message: 'connect ECONNREFUSED 10.1.2.3:443 (api.internal.example)' },
  }
}

/** A failure that does not count against availability (the customer's quota). */
function quotaResult(minute: number): ProbeResult {
  return { ...apiResult(minute, true), ok: false, failure: { code: 'quota', message: 'quota exceeded for project' } }
}

function bootResult(minute: number, ok: boolean): ProbeResult {
  const startedAt = at(minute)
  return {
    ok,
    startedAt,
    durationMs: 30,
    steps: [{ name: 'server create', status: ok ? 'passed' : 'failed', reason: ok ? null : 'HTTP 503 from nova.internal.example', durationMs: 30, ...(ok ? {} : { code: 'http_5xx' as const }) }],
    calls: [
      { operation: 'GET /flavors', status: 200, durationMs: 10, phases: {}, requestId: `req-flavors-${minute}`, attempt: 1 },
      { operation: 'POST /servers', status: ok ? 202 : 503, durationMs: 20, phases: {}, requestId: `req-boot-${minute}`, attempt: 1 },
    ],
    conditions: [],
    failure: ok ? null : { code: 'http_5xx', message: '503 Service Unavailable from nova.internal.example' },
  }
}

/** Stores the results of api-r1 and boot-r1 (see the module comment) up to minute `until`. */
export async function storeResults(store: Store, checks: ReadonlyMap<string, string>, until = 40): Promise<void> {
  const minutes = Array.from({ length: 131 }, (_, i) => i - 90).filter((minute) => (minute < 10 || minute > 14) && minute <= until)
  await store.results.insertBatch([
    ...minutes.map((minute) => ({ checkId: checks.get('api-r1')!, result: minute === -20 ? quotaResult(minute) : apiResult(minute, (minute < -5 || minute > 4) && minute !== -80) })),
    ...minutes.map((minute) => ({ checkId: checks.get('boot-r1')!, result: bootResult(minute, minute < -2 || minute > 2) })),
  ])
}

function evaluation(minute: number, state: MeasuredState, rule: string | null, raised: string | null): Evaluation {
  return {
    ruleSet: 'standard',
    at: at(minute),
    measured: state,
    raw: state,
    matched: rule === null ? null : { expression: rule, weight: 10, state },
    reason: `test: ${state}`,
    lastSampleAt: at(minute),
    flags: [
      { flag: 'api_down', kind: 'consecutiveFailures', raised: raised === 'api_down', value: raised === 'api_down' ? 3 : 0, threshold: 2, unit: 'count', window: { from: at(minute - 5), to: at(minute) }, samples: 5, votes: [] },
      { flag: 'stale', kind: 'noData', raised: raised === 'stale', value: raised === 'stale' ? 300_000 : 0, threshold: 180_000, unit: 'ms', window: { from: at(minute - 5), to: at(minute) }, samples: 0, votes: [] },
    ],
    vantages: { k: 1, min: 1, reporting: ['local'], silent: [] },
    hysteresis: { published: state, candidate: null, streak: 0 },
  }
}

/** Records the evaluations of compute in R1 (see the module comment) up to minute `until`. */
export async function storeEvaluations(store: Store, until = 40): Promise<void> {
  const evaluations = [
    evaluation(-60, 'operational', null, null),
    evaluation(-10, 'operational', null, null),
    evaluation(-3, 'major_outage', 'api_down', 'api_down'),
    evaluation(2, 'major_outage', 'api_down', 'api_down'),
    evaluation(10, 'no_data', null, 'stale'),
    evaluation(15, 'operational', null, null),
    evaluation(30, 'operational', null, null),
  ]
  for (const item of evaluations.filter((row) => row.at <= at(until))) await store.evaluations.record(item, COMPUTE_R1)
}

/**
 * Opens the human incident at T0 with its updates, resolving it at minute 20 unless `resolve` is
 * false, and pins its evidence as the automation would at `pinAt`.
 */
export async function storeIncident(store: Store, options: { resolve?: boolean; pinAt?: number } = {}): Promise<IncidentDetail> {
  const clock = settableClock(at(1))
  const service = serviceOver(store, clock)
  const incident = await service.createIncident(
    {
      title: 'Compute API errors in R1',
      beganAt: T0,
      at: T0,
      impacts: [{ component: 'compute', location: 'R1', severity: 100 }, { component: 'network', location: 'R1', severity: 50 }],
      text: 'We are investigating errors creating servers.',
      notify: false,
    },
    OPERATOR,
  )
  clock.set(at(9))
  await service.addUpdate(incident.id, { text: 'A failed storage node was identified.', phase: 'identified', at: at(8), notify: false }, OPERATOR)
  if (options.resolve !== false) {
    clock.set(at(21))
    await service.addUpdate(incident.id, { text: 'Servers are created normally again.', phase: 'resolved', at: at(20), notify: false }, OPERATOR)
  }
  await syncPins(store, EVIDENCE_WINDOW_MS, options.pinAt ?? at(25))
  return incident
}

/** Everything above on a migrated store; with `until` (a minute), only what was measured by then, the incident left open. */
export async function storeEverything(store: Store, until?: number): Promise<IncidentDetail> {
  const checks = await seedCatalog(store)
  await storeResults(store, checks, until)
  await storeEvaluations(store, until)
  return storeIncident(store, until === undefined ? {} : { resolve: false, pinAt: at(until) })
}
