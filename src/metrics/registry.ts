/**
 * Glasshouse's own Prometheus metrics, on private registries (never prom-client's global one):
 * blackbox_exporter's probe metrics per check, plus the scheduler's drift and the store's writes.
 * Each metric is registered twice, once for the Prometheus text format and once for OpenMetrics,
 * so `/metrics` can answer either without converting.
 *
 * @module
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type OpenMetricsContentType, type RegistryContentType } from 'prom-client'
import { PHASE_NAMES, type ProbeResult } from '../core/result.js'
import type { PublicState } from '../core/public-state.js'
import { openStackMetrics } from '../probes/scenario/metrics.js'

/** The value of `glasshouse_component_state` for each public state. */
const STATE_METRIC: Readonly<Record<PublicState, number>> = {
  operational: 0,
  degraded: 1,
  partial_outage: 2,
  major_outage: 3,
  no_data: -1,
  maintenance: -2,
}

const GAUGES_NAMED_LIKE_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']

/** The metrics a running Glasshouse updates. */
export interface GlasshouseMetrics {
  /** Records a finished probe run of a check. */
  observeResult(check: { name: string; kind: string }, result: ProbeResult): void
  /** Records the lateness of a scheduled start. */
  observeDrift(driftMs: number): void
  /** Records a planned run dropped because the previous one was still going. */
  countOverrun(check: string): void
  /** Records a stored batch of results. */
  countWritten(count: number): void
  /** Records a failed batch write. */
  countWriteError(): void
  /** Sets the published state of a (component, location). */
  setComponentState(component: string, location: string, state: PublicState): void
  /** Forgets series of checks that no longer exist. */
  forgetCheck(name: string): void
  /** Both private registries, for metrics another module owns (e.g. the outbox gauges). */
  readonly registers: readonly Registry<RegistryContentType>[]
  /** Renders the exposition; OpenMetrics when `openMetrics`. */
  render(openMetrics: boolean): Promise<{ contentType: string; body: string }>
}

/**
 * Creates the metrics on two fresh private registries.
 *
 * @example
 * const metrics = createMetrics()
 * metrics.observeDrift(12)
 * const { body } = await metrics.render(false)
 */
export function createMetrics(): GlasshouseMetrics {
  const text = new Registry()
  const open = new Registry<OpenMetricsContentType>()
  open.setContentType(Registry.OPENMETRICS_CONTENT_TYPE)
  const registers = [text, open] as Registry<RegistryContentType>[]
  for (const registry of registers) {
    collectDefaultMetrics({ register: registry })
    // These gauges end in _total, which promtool rejects for non-counters.
    for (const name of GAUGES_NAMED_LIKE_COUNTERS) registry.removeSingleMetric(name)
  }

  const success = new Gauge({ name: 'probe_success', help: 'Whether the last probe run of the check succeeded (1) or failed (0).', labelNames: ['check', 'kind'], registers })
  const duration = new Gauge({ name: 'probe_duration_seconds', help: 'How long the last probe run of the check took, retries included.', labelNames: ['check', 'kind'], registers })
  const httpPhase = new Gauge({ name: 'probe_http_duration_seconds', help: 'Duration of each phase of the last HTTP call of the check, summed over redirects.', labelNames: ['check', 'phase'], registers })
  const httpStatus = new Gauge({ name: 'probe_http_status_code', help: 'HTTP status of the last response of the check (0 when none arrived).', labelNames: ['check'], registers })
  const drift = new Histogram({ name: 'glasshouse_scheduler_drift_seconds', help: 'Actual minus planned start of scheduled probe runs.', buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers })
  const overruns = new Counter({ name: 'glasshouse_scheduler_overruns_total', help: 'Planned runs dropped because the previous run of the check had not finished.', labelNames: ['check'], registers })
  const written = new Counter({ name: 'glasshouse_results_written_total', help: 'Probe results written to the store.', registers })
  const writeErrors = new Counter({ name: 'glasshouse_result_write_errors_total', help: 'Batches of probe results the store failed to write.', registers })
  const componentState = new Gauge({ name: 'glasshouse_component_state', help: 'Published state of a (component, location): 0 operational, 1 degraded, 2 partial outage, 3 major outage, -1 no data, -2 maintenance.', labelNames: ['component', 'location'], registers })

  const openstack = openStackMetrics(registers)

  return {
    registers,
    observeResult(check, result) {
      openstack.observe(check, result)
      const labels = { check: check.name, kind: check.kind }
      success.set(labels, result.ok ? 1 : 0)
      duration.set(labels, result.durationMs / 1000)
      if (check.kind !== 'http') return
      const calls = result.calls.filter((call) => call.attempt === (result.calls.at(-1)?.attempt ?? 1))
      for (const phase of PHASE_NAMES) {
        const seconds = calls.reduce((sum, call) => sum + (call.phases[phase] ?? 0), 0) / 1000
        httpPhase.set({ check: check.name, phase }, seconds)
      }
      httpStatus.set({ check: check.name }, calls.at(-1)?.status ?? 0)
    },
    observeDrift: (driftMs) => drift.observe(Math.max(0, driftMs) / 1000),
    countOverrun: (check) => overruns.inc({ check }),
    countWritten: (count) => written.inc(count),
    countWriteError: () => writeErrors.inc(),
    setComponentState: (component, location, state) => componentState.set({ component, location }, STATE_METRIC[state]),
    forgetCheck(name) {
      for (const kind of ['http', 'tcp', 'dns', 'tls']) for (const gauge of [success, duration]) gauge.remove({ check: name, kind })
      for (const phase of PHASE_NAMES) httpPhase.remove({ check: name, phase })
      httpStatus.remove({ check: name })
      overruns.remove({ check: name })
      openstack.forget(name)
      componentState.reset()
    },
    async render(openMetrics) {
      const registry = openMetrics ? open : text
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}
