/**
 * The alert reconciler: after every health pass (and on its own timer, so a resolve delay ends and
 * a repeat falls due when nothing else happens) it reads what holds from the store, plans against
 * the stored groups, and writes the groups with their outbox messages in one transaction. Nothing
 * is kept in memory, so a restart carries on where the last pass stopped.
 *
 * @module
 */
import type { AlertsConfig } from '../config/index.js'
import type { Clock } from '../core/index.js'
import { createPeriodicJob } from '../scheduler/index.js'
import type { Store } from '../store/index.js'
import { currentConditions } from './conditions.js'
import { planAlerts } from './plan.js'
import { inMaintenance, routeAlert, silenceMatches } from './routing.js'

/** How long resolved groups are kept (for `alerts list`) before they are pruned. */
const KEEP_RESOLVED_MS = 7 * 24 * 3_600_000

/** What one pass did. */
export interface AlertPass {
  firing: number
  queued: number
}

/** What {@link createAlerting} needs. */
export interface AlertingOptions {
  store: Store
  clock: Clock
  log: { info(object: object, message?: string): void; error(object: object, message?: string): void }
  settings: AlertsConfig
  /** Base of links in alerts: `alerts.externalUrl`, else `server.publicUrl`. */
  externalUrl: string
  /** Called after a pass queued messages (to wake the outbox worker). */
  onQueued?: () => void
}

/** The running reconciler. */
export interface Alerting {
  reconcile(): Promise<AlertPass>
  start(): void
  stop(): Promise<void>
  configure(settings: AlertsConfig, externalUrl: string): void
}

/**
 * Creates the reconciler.
 *
 * @example
 * const alerting = createAlerting({ store, clock, log, settings: config.alerts, externalUrl, onQueued: () => void worker.drain() })
 * health.onPublished(() => void alerting.reconcile())
 * alerting.start()
 */
export function createAlerting(options: AlertingOptions): Alerting {
  const { store, clock, log } = options
  let settings = options.settings
  let externalUrl = options.externalUrl

  async function runPass(): Promise<AlertPass> {
    if (!settings.enabled) return { firing: 0, queued: 0 }
    const now = clock.now()
    const [conditions, groups, silences, maintenance] = await Promise.all([
      currentConditions(store, { now, on: settings.on, quietAfter: settings.quietAfter }),
      store.alerts.groups(),
      store.alerts.silences(now),
      settings.maintenanceSilences ? store.maintenance.active(now) : Promise.resolve([]),
    ])
    const plan = planAlerts({
      now,
      settings: { repeatInterval: settings.repeatInterval, resolveAfter: settings.resolveAfter, changeInterval: settings.changeInterval, externalUrl },
      conditions,
      groups,
      route: (labels) => routeAlert(settings, labels),
      silenced: (labels) => silences.some((silence) => silenceMatches(silence, labels, now)) || inMaintenance(maintenance, labels),
    })
    await store.alerts.save(plan.groups, plan.messages, now)
    await store.alerts.pruneResolved(now - KEEP_RESOLVED_MS)
    if (plan.messages.length > 0) {
      log.info({ queued: plan.messages.length, groups: [...new Set(plan.groups.map((group) => group.key))] }, 'alert notices queued')
      options.onQueued?.()
    }
    return { firing: conditions.length, queued: plan.messages.length }
  }

  const job = createPeriodicJob(runPass, settings.every, (error) => log.error({ err: error }, 'alert pass failed; retrying'))
  return {
    reconcile: () => job.runNow(),
    start: () => job.start(),
    stop: () => job.stop(),
    configure(next, nextUrl) {
      settings = next
      externalUrl = nextUrl
    },
  }
}
