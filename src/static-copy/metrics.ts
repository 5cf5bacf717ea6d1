/**
 * The static copy's own metrics, on the server's private registries: renders and publish runs by
 * result, and the time of the newest generation (alert when it lags).
 *
 * @module
 */
import { Counter, Gauge, type Registry, type RegistryContentType } from 'prom-client'

/** What the static copy records. */
export interface StaticCopyMetrics {
  countRender(result: 'ok' | 'failed'): void
  countPublish(result: 'ok' | 'failed'): void
  setGenerated(at: number): void
}

/**
 * Registers the metrics on `registers` (the server's `metrics.registers`).
 *
 * @example
 * const metrics = staticCopyMetrics(createMetrics().registers)
 * metrics.countPublish('failed')
 */
export function staticCopyMetrics(registers: readonly Registry<RegistryContentType>[]): StaticCopyMetrics {
  const renders = new Counter({ name: 'glasshouse_static_copy_renders_total', help: 'Renders of the static copy, by result.', labelNames: ['result'], registers: [...registers] })
  const publishes = new Counter({ name: 'glasshouse_static_copy_publishes_total', help: 'Runs of the static copy\'s publish command, by result.', labelNames: ['result'], registers: [...registers] })
  const generated = new Gauge({ name: 'glasshouse_static_copy_generated_timestamp_seconds', help: 'Generation time of the current static copy.', registers: [...registers] })
  for (const result of ['ok', 'failed']) {
    renders.inc({ result }, 0)
    publishes.inc({ result }, 0)
  }
  return {
    countRender: (result) => renders.inc({ result }),
    countPublish: (result) => publishes.inc({ result }),
    setGenerated: (at) => generated.set(at / 1000),
  }
}
