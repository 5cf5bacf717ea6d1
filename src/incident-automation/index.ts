/**
 * Incident automation: a (component, location) leaving operational opens or joins a system
 * incident, escalation raises it, recovery ends it after a quiet period, human incidents are never
 * touched and maintenance suppresses it; every incident pins its evidence. Derived from the store
 * on every pass, so it is restart-safe.
 *
 * @module
 */
export { createIncidentAutomation, DEFAULT_AUTOMATION_EVERY_MS } from './automation.js'
export type { AutomationLog, AutomationPass, IncidentAutomation, IncidentAutomationOptions } from './automation.js'
export { AUTOMATION_WRITER } from './apply.js'
export { planAutomation, type IncidentPlan, type PlanInput } from './plan.js'
export { checksBySeries, syncPins, type PinPass } from './pins.js'
export { automaticTitle, isAutomaticTitle } from './texts.js'
