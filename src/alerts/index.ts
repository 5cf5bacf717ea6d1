/**
 * Operator alerts: conditions read from the store (series states, silent vantage points, leaked
 * and slow results, a quiet scheduler) become alert groups with repeats, delayed resolved notices
 * and silences (manual and during maintenance), queued in the outbox for the receivers.
 *
 * @module
 */
export { createAlerting, type AlertPass, type Alerting, type AlertingOptions } from './alerting.js'
export { currentConditions, type ConditionSettings } from './conditions.js'
export { evidenceAnnotations, failingCalls, reproduction, type ReproducibleCheck } from './evidence.js'
export { labelFingerprint, planAlerts, type AlertPlan, type Condition, type PlanInput, type PlanSettings, type RoutedReceiver } from './plan.js'
export { inMaintenance, routeAlert, silenceMatches } from './routing.js'
export { startAlerts, type AlertsRuntime, type StartAlertsOptions } from './wire.js'
