/**
 * Starting alerts in a running Glasshouse: the reconciler, the outbox worker, the heartbeat and
 * their metrics, from one config. `src/main.ts` calls {@link startAlerts} once and
 * `reload`/`stop` with the rest of its jobs.
 *
 * @module
 */
import type { Config } from '../config/index.js'
import type { Clock } from '../core/index.js'
import type { GlasshouseMetrics } from '../metrics/index.js'
import { createHeartbeat, createOutboxWorker, createSender, registerNotifyMetrics, type Heartbeat, type OutboxWorkerOptions, type Sender } from '../notify/index.js'
import type { Store } from '../store/index.js'
import { createAlerting } from './alerting.js'

/** What {@link startAlerts} needs. */
export interface StartAlertsOptions {
  config: Config
  store: Store
  clock: Clock
  log: {
    info(object: object, message?: string): void
    warn(object: object, message?: string): void
    error(object: object, message?: string): void
  }
  metrics: GlasshouseMetrics
  /** Senders of receivers made at run time (subscribers), passed to the outbox worker. */
  resolve?: OutboxWorkerOptions['resolve']
}

/** Alerts in a running Glasshouse. */
export interface AlertsRuntime {
  /** Runs an alert pass now (call after each health pass). */
  reconcile(): Promise<void>
  /** Applies a reloaded config: receivers, routes, timings, heartbeat. */
  reload(config: Config): void
  /** Stops the loops, waiting for running passes and sends. */
  stop(): Promise<void>
}

function sendersOf(config: Config): Map<string, Sender> {
  return new Map(config.alerts.receivers.map((receiver) => [receiver.name, createSender(receiver)]))
}

function externalUrlOf(config: Config): string {
  return config.alerts.externalUrl ?? config.server.publicUrl ?? `http://${config.server.listen}/`
}

/**
 * Starts the alert reconciler, the outbox worker and (when configured) the heartbeat.
 *
 * @example
 * const alerts = startAlerts({ config, store, clock, log, metrics })
 * health.onPublished(() => void alerts.reconcile())
 * // on SIGHUP: alerts.reload(config); on stop: await alerts.stop()
 */
export function startAlerts(options: StartAlertsOptions): AlertsRuntime {
  const { store, clock, log } = options
  const notifyMetrics = registerNotifyMetrics(options.metrics.registers, store, clock)
  const worker = createOutboxWorker({
    store,
    clock,
    log,
    senders: sendersOf(options.config),
    ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
    delivery: options.config.alerts.delivery,
    onSent: notifyMetrics.countSent,
    onFailed: notifyMetrics.countFailed,
  })
  const wake = () => void worker.drain().catch((error: unknown) => log.error({ err: error }, 'outbox pass failed'))
  const alerting = createAlerting({ store, clock, log, settings: options.config.alerts, externalUrl: externalUrlOf(options.config), onQueued: wake })

  function heartbeatOf(config: Config): Heartbeat | null {
    const settings = config.alerts.heartbeat
    if (settings === undefined) return null
    return createHeartbeat({ url: settings.url, everyMs: settings.every, timeoutMs: settings.timeout, clock, log, onBeat: notifyMetrics.heartbeatAt })
  }

  let heartbeat = heartbeatOf(options.config)
  // Any change (URL, interval, timeout) restarts the loop; an unchanged one keeps its rhythm.
  let heartbeatSettings = JSON.stringify(options.config.alerts.heartbeat ?? null)
  worker.start()
  alerting.start()
  heartbeat?.start()
  return {
    async reconcile() {
      await alerting.reconcile().catch((error: unknown) => log.error({ err: error }, 'alert pass failed'))
    },
    reload(config) {
      worker.configure(sendersOf(config), config.alerts.delivery)
      alerting.configure(config.alerts, externalUrlOf(config))
      const settings = JSON.stringify(config.alerts.heartbeat ?? null)
      if (settings === heartbeatSettings) return
      void heartbeat?.stop()
      heartbeat = heartbeatOf(config)
      heartbeatSettings = settings
      heartbeat?.start()
    },
    async stop() {
      await alerting.stop()
      await worker.stop()
      await heartbeat?.stop()
    },
  }
}
