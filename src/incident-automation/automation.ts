/**
 * The reconciler: after every health pass (and on its own timer, so a quiet period ends even when
 * nothing is published), it reads the series' states, the open incidents and the maintenance in
 * progress from the store, plans, applies the plan through the incident service, and pins the
 * evidence. Nothing is kept in memory between passes, so a restart, or a new instance on the same
 * store, carries on where the last one stopped.
 *
 * @module
 */
import type { Clock, MeasuredState } from '../core/index.js'
import type { AutomationConfig } from '../config/index.js'
import type { IncidentService } from '../incidents/index.js'
import { createPeriodicJob } from '../scheduler/index.js'
import type { Store } from '../store/index.js'
import { applyPlan } from './apply.js'
import { syncPins } from './pins.js'
import { planAutomation, type OpenIncident } from './plan.js'

/** The part of a logger the automation needs (pino fits). */
export interface AutomationLog {
  info(object: object, message?: string): void
  error(object: object, message?: string): void
}

/** What {@link createIncidentAutomation} needs. */
export interface IncidentAutomationOptions {
  store: Store
  clock: Clock
  log: AutomationLog
  /** The service every write goes through. */
  incidents: IncidentService
  /** The `automation:` section. */
  settings: AutomationConfig
  /** The timer between passes; default 10 s (like the health runner). */
  everyMs?: number
  /** Called after a pass that wrote something (e.g. to refresh the status page). */
  onChange?: () => void
}

/** What one pass did. */
export interface AutomationPass {
  opened: number
  changed: number
  resolved: number
  /** Plans that failed (logged; the next pass retries from the store). */
  failed: number
  pinned: number
  closedPins: number
}

/** The running automation. */
export interface IncidentAutomation {
  /** Runs a pass now (after a running one; passes never overlap). */
  reconcile(): Promise<AutomationPass>
  /** Runs a pass now and then every `everyMs`. */
  start(): void
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>
  /** Replaces the settings from the next pass on (a config reload). */
  configure(settings: AutomationConfig): void
}

/** The default time between passes of the automation's own timer. */
export const DEFAULT_AUTOMATION_EVERY_MS = 10_000

async function openIncidents(store: Store): Promise<OpenIncident[]> {
  const rows = await store.incidents.open()
  const impacts = (await store.incidents.impacts(rows.map((row) => row.id))).filter((impact) => impact.to === null)
  return rows.map((row) => ({ row, impacts: impacts.filter((impact) => impact.incidentId === row.id) }))
}

/**
 * Creates the automation.
 *
 * @example
 * const automation = createIncidentAutomation({ store, clock, log, incidents, settings: config.automation })
 * health.onPublished(() => void automation.reconcile())
 * automation.start()
 */
export function createIncidentAutomation(options: IncidentAutomationOptions): IncidentAutomation {
  const { store, clock, log } = options
  let settings = options.settings

  async function runPass(): Promise<AutomationPass> {
    const pass: AutomationPass = { opened: 0, changed: 0, resolved: 0, failed: 0, pinned: 0, closedPins: 0 }
    const now = clock.now()
    if (settings.enabled) {
      const [current, incidents, maintenance, components] = await Promise.all([
        store.evaluations.current(),
        openIncidents(store),
        store.maintenance.active(now),
        store.components.list(),
      ])
      const names = new Map(components.map((component) => [component.name, component.displayName]))
      const series = [...current.values()].filter((item) => names.has(item.series.component)).map((item) => ({ series: item.series, state: item.state, since: item.since }))
      const plans = planAutomation({ now, settings: { openOn: new Set<MeasuredState>(settings.openOn), quietPeriodMs: settings.quietPeriod }, series, incidents, maintenance })
      const context = { incidents: options.incidents, displayOf: (name: string) => names.get(name) ?? name, quietPeriodMs: settings.quietPeriod }
      for (const plan of plans) {
        try {
          pass[await applyPlan(context, plan)] += 1
        } catch (error) {
          pass.failed += 1
          log.error({ err: error, incident: plan.incidentId, component: plan.component }, 'incident automation failed; retrying next pass')
        }
      }
    }
    const pins = await syncPins(store, settings.evidenceWindow, now)
    pass.pinned = pins.pinned
    pass.closedPins = pins.closed
    if (pass.opened + pass.changed + pass.resolved > 0) {
      log.info({ opened: pass.opened, changed: pass.changed, resolved: pass.resolved }, 'incident automation applied')
      options.onChange?.()
    }
    return pass
  }

  const job = createPeriodicJob(runPass, options.everyMs ?? DEFAULT_AUTOMATION_EVERY_MS, (error) => log.error({ err: error }, 'incident automation pass failed; retrying'))
  return {
    reconcile: () => job.runNow(),
    start: () => job.start(),
    stop: () => job.stop(),
    configure(next) {
      settings = next
    },
  }
}
