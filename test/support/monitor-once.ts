/**
 * The monitor as `glasshouse serve` runs it, for one iteration: a quiet logger, fresh metrics, the
 * result writer over the store, and a stop once the first run is done and written.
 *
 * @module
 */
import { Writable } from 'node:stream'
import { effectiveComponents, type Config } from '../../src/config/index.js'
import { systemClock } from '../../src/core/index.js'
import { createLogger, type Logger } from '../../src/log/index.js'
import { createMetrics, type GlasshouseMetrics } from '../../src/metrics/index.js'
import { createMonitor, createResultWriter, type MonitorDeps } from '../../src/monitor/index.js'
import type { Store } from '../../src/store/index.js'

/**
 * A logger that writes nothing (level `warn`, so it still formats what a test provokes).
 *
 * @example
 * runCheck(check, { clock: systemClock, log: quietLog() })
 */
export function quietLog(): Logger {
  return createLogger({ level: 'warn', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
}

/**
 * Applies `config`'s checks and components to a monitor over `store`, waits until `run` has
 * answered once, stops the monitor and closes the writer (so the result is stored); returns the
 * metrics the monitor filled.
 *
 * @example
 * const metrics = await monitorOnce(store, config, async (check, deps) => runCheck(check, deps))
 */
export async function monitorOnce(store: Store, config: Config, run: NonNullable<MonitorDeps['run']>): Promise<GlasshouseMetrics> {
  const log = quietLog()
  const metrics = createMetrics()
  const writer = createResultWriter({ sink: store.results, metrics, log })
  let answered!: () => void
  const first = new Promise<void>((resolve) => (answered = resolve))
  const monitor = createMonitor({
    store,
    writer,
    metrics,
    clock: systemClock,
    log,
    run: async (check, deps) => {
      const result = await run(check, deps)
      answered()
      return result
    },
  })
  await monitor.apply({ checks: config.checks, components: effectiveComponents(config) })
  await first
  await monitor.stop()
  await writer.close()
  return metrics
}
