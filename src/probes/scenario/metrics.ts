/**
 * The OpenStack metrics of `/metrics` (issue 4 item 9): every API call's duration by cloud,
 * region, service, operation template and status class; the scenario's resource waits; and each
 * scenario iteration's duration ÷ budget. Label values are names and templates, never ids.
 *
 * @module
 */
import { Gauge, Histogram } from 'prom-client'
import type { Registry, RegistryContentType } from 'prom-client'
import type { ProbeResult } from '../../core/result.js'
import { serviceOf } from './statistics.js'

const API_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60]
const WAIT_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200]

/** The parts of a scenario result the metrics read (other probes' results lack them). */
interface ScenarioParts {
  cloud?: unknown
  region?: unknown
  simulated?: unknown
  waits?: ReadonlyArray<{ kind: string; mode: string; outcome: string; elapsedMs: number }>
  summary?: { durationMs: number; budgetMs: number | null }
}

/** Records OpenStack calls and scenario iterations. */
export interface OpenStackMetrics {
  /** Records a finished run of a check; only `catalog` and `scenario` checks call OpenStack. */
  observe(check: { name: string; kind: string; cloud?: string | undefined; region?: string | undefined }, result: ProbeResult): void
  /** Forgets a removed check's budget gauge. */
  forget(check: string): void
}

/**
 * `2xx`, `4xx`, `5xx`, or `none` when no answer arrived.
 *
 * @example
 * statusClass(503) // '5xx'
 */
export function statusClass(status: number | null): string {
  return status === null ? 'none' : `${Math.floor(status / 100)}xx`
}

/**
 * Creates the metrics on `registers` (the private registries of `createMetrics`).
 *
 * @example
 * const openstack = openStackMetrics(registers)
 * openstack.observe(check, result)
 */
export function openStackMetrics(registers: readonly Registry<RegistryContentType>[]): OpenStackMetrics {
  const api = new Histogram({
    name: 'openstack_api_request_duration_seconds',
    help: 'Duration of OpenStack API calls made by catalog and scenario checks, every attempt, by operation template.',
    labelNames: ['cloud', 'region', 'service', 'operation', 'status_class'],
    buckets: API_BUCKETS,
    registers: [...registers],
  })
  const waits = new Histogram({
    name: 'glasshouse_scenario_wait_seconds',
    help: 'Scenario resource waits: from the create or delete request to the poll that saw the new state (creation, boot and deletion times).',
    labelNames: ['cloud', 'region', 'kind', 'mode', 'outcome'],
    buckets: WAIT_BUCKETS,
    registers: [...registers],
  })
  const budget = new Gauge({
    name: 'glasshouse_scenario_budget_ratio',
    help: "The last scenario iteration's duration divided by its budget (over 1: slow).",
    labelNames: ['check'],
    registers: [...registers],
  })
  return {
    observe(check, result) {
      if (check.kind !== 'catalog' && check.kind !== 'scenario') return
      const parts = result as ProbeResult & ScenarioParts
      const cloud = typeof parts.cloud === 'string' ? parts.cloud : (check.cloud ?? '')
      const region = typeof parts.region === 'string' ? parts.region : (check.region ?? '')
      for (const call of result.calls) {
        api.observe({ cloud, region, service: serviceOf(call.operation), operation: call.operation, status_class: statusClass(call.status) }, call.durationMs / 1000)
      }
      for (const wait of parts.waits ?? []) waits.observe({ cloud, region, kind: wait.kind, mode: wait.mode, outcome: wait.outcome }, wait.elapsedMs / 1000)
      const summary = parts.summary
      if (summary && summary.budgetMs !== null && summary.budgetMs > 0) budget.set({ check: check.name }, summary.durationMs / summary.budgetMs)
    },
    forget: (check) => budget.remove({ check }),
  }
}
