/**
 * The materialization job of recurring maintenance: at start, then every `everyMs` (config
 * `maintenanceSeries.interval`, default 1 h), and on demand after a config reload, it makes the
 * windows of every live series exist up to the horizon. Runs never overlap; a failed run is
 * logged and the next one still happens.
 *
 * @module
 */
import { createPeriodicJob } from '../scheduler/index.js'

/** What one run did. */
export interface MaterializeRun {
  created: number
  updated: number
  cancelled: number
}

/** What {@link createSeriesJob} needs. */
export interface SeriesJobOptions {
  /** One idempotent run (the service's `materializeAllSeries`). */
  materialize: () => Promise<MaterializeRun>
  everyMs: number
  log: { info(object: object, message?: string): void; error(object: object, message?: string): void }
  /** Called after a run that changed a window (so the public page refreshes). */
  onChange?: () => void
}

/** The running job. */
export interface SeriesJob {
  start(): void
  stop(): Promise<void>
  /** Runs once now (after a run in progress). */
  runNow(): Promise<MaterializeRun>
}

/**
 * Creates the job.
 *
 * @example
 * const series = createSeriesJob({ materialize: () => incidents.materializeAllSeries(), everyMs: 3_600_000, log })
 * series.start()
 */
export function createSeriesJob(options: SeriesJobOptions): SeriesJob {
  const job = createPeriodicJob(
    async () => {
      const run = await options.materialize()
      if (run.created + run.updated + run.cancelled > 0) {
        options.log.info({ windows: run }, 'maintenance series materialized')
        options.onChange?.()
      }
      return run
    },
    options.everyMs,
    (error) => options.log.error({ err: error }, 'materializing maintenance series failed; retrying at the next run'),
  )
  return { start: () => job.start(), stop: () => job.stop(), runNow: () => job.runNow() }
}
