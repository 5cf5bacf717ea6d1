/**
 * Where an alert goes and whether it is muted: routes match labels to receivers; silences are
 * manual (label matchers with an end) or automatic while a maintenance window covers the alert's
 * (component, location).
 *
 * @module
 */
import type { AlertsConfig } from '../config/index.js'
import type { MaintenanceRow, Silence } from '../store/index.js'
import type { RoutedReceiver } from './plan.js'

/**
 * The receivers of an alert with `labels`: those of every matching route (all receivers when no
 * routes are configured), each once.
 *
 * @example
 * routeAlert(config.alerts, { alertname: 'ComponentState', severity: 'critical' }) // [{ name: 'oncall', repeatInterval: 60000 }]
 */
export function routeAlert(settings: Pick<AlertsConfig, 'receivers' | 'routes' | 'repeatInterval'>, labels: Record<string, string>): RoutedReceiver[] {
  const names =
    settings.routes === undefined
      ? settings.receivers.map((receiver) => receiver.name)
      : settings.routes.filter((route) => Object.entries(route.match).every(([name, value]) => labels[name] === value)).flatMap((route) => route.receivers)
  return [...new Set(names)].flatMap((name) => {
    const receiver = settings.receivers.find((candidate) => candidate.name === name)
    return receiver ? [{ name, repeatInterval: receiver.repeatInterval ?? settings.repeatInterval }] : []
  })
}

/** Whether every matcher of `silence` equals a label and the silence has begun at `now`. */
export function silenceMatches(silence: Silence, labels: Record<string, string>, now: number): boolean {
  return silence.startsAt <= now && now < silence.endsAt && Object.entries(silence.matchers).every(([name, value]) => labels[name] === value)
}

/** Whether a maintenance window in progress covers the alert's (component, location). */
export function inMaintenance(windows: readonly MaintenanceRow[], labels: Record<string, string>): boolean {
  const { component, location } = labels
  if (component === undefined) return false
  return windows.some((window) => window.targets.some((target) => target.component === component && (target.locations === null || (location !== undefined && target.locations.includes(location)))))
}
