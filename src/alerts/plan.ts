/**
 * The pure heart of alerting: given what holds now (conditions), what was stored (groups), where
 * each alert goes (routes) and what is muted (silences), decide the groups' new state and the
 * messages to queue. One group per key — a (component, location), a vantage point, a check — so a
 * flood of failing checks is one alert; a group resolves only after its condition stayed clear for
 * `resolveAfter`, so a flapping component sends one firing notice and, once calm, one resolved one.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { AlertGroup, NewOutboxMessage, NotifiedReceiver } from '../store/index.js'
import { ZERO_TIME, type AlertNotice, type NoticeAlert } from '../notify/index.js'

/** Something that should page while it holds. */
export interface Condition {
  /** The group it belongs to: `series:compute@R1`, `vantage:fra`, `leaked:scenario-vm`, `scheduler`. */
  key: string
  labels: Record<string, string>
  annotations: Record<string, string>
  /** What a notice would say; a different value while firing is a change worth a notice. */
  fingerprint: string
}

/** A receiver an alert is routed to, with its repeat interval. */
export interface RoutedReceiver {
  name: string
  repeatInterval: number
}

/** Timing of notices (from the `alerts:` section). */
export interface PlanSettings {
  repeatInterval: number
  resolveAfter: number
  changeInterval: number
  externalUrl: string
}

/** What {@link planAlerts} reads. */
export interface PlanInput {
  now: number
  settings: PlanSettings
  conditions: readonly Condition[]
  groups: readonly AlertGroup[]
  route(labels: Record<string, string>): RoutedReceiver[]
  silenced(labels: Record<string, string>): boolean
}

/** What to write: changed groups and the messages to queue with them. */
export interface AlertPlan {
  groups: AlertGroup[]
  messages: NewOutboxMessage[]
}

/** Alertmanager-style fingerprint: a hash of the sorted labels. */
export function labelFingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((name) => `${name}\u0000${labels[name]}`)
    .join('\u0001')
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

function iso(at: number | null): string {
  return at === null ? ZERO_TIME : new Date(at).toISOString()
}

function noticeAlert(group: AlertGroup, externalUrl: string, labels = group.labels, status = group.status, endsAt = group.endsAt): NoticeAlert {
  return { status, labels, annotations: group.annotations, startsAt: iso(group.startsAt), endsAt: iso(endsAt), generatorURL: externalUrl, fingerprint: labelFingerprint(labels) }
}

function notice(group: AlertGroup, alerts: NoticeAlert[], settings: PlanSettings, now: number): AlertNotice {
  return { groupKey: `glasshouse/${group.key}`, status: group.status, alerts, externalURL: settings.externalUrl, at: now }
}

function isDue(told: NotifiedReceiver | undefined, receiver: RoutedReceiver, condition: Condition, settings: PlanSettings, now: number): boolean {
  if (told === undefined || now - told.at >= receiver.repeatInterval) return true
  const changed = told.fingerprint !== condition.fingerprint || labelFingerprint(told.labels) !== labelFingerprint(condition.labels)
  return changed && now - told.at >= settings.changeInterval
}

function fire(input: PlanInput, condition: Condition, stored: AlertGroup | undefined, plan: AlertPlan): void {
  const { now, settings } = input
  const continuing = stored?.status === 'firing'
  const group: AlertGroup = {
    key: condition.key,
    status: 'firing',
    labels: condition.labels,
    annotations: condition.annotations,
    fingerprint: condition.fingerprint,
    startsAt: continuing ? stored.startsAt : now,
    clearSince: null,
    endsAt: null,
    notified: continuing ? { ...stored.notified } : {},
    notifications: stored?.notifications ?? 0,
    updatedAt: now,
  }
  const routed = input.silenced(condition.labels) ? [] : input.route(condition.labels)
  const due = routed.filter((receiver) => isDue(group.notified[receiver.name], receiver, condition, settings, now))
  for (const receiver of due) {
    const told = group.notified[receiver.name]
    const alerts = [noticeAlert(group, settings.externalUrl)]
    // Alertmanager identifies an alert by its labels: end the one it was told when they changed (e.g. severity).
    if (told !== undefined && labelFingerprint(told.labels) !== labelFingerprint(condition.labels)) alerts.unshift(noticeAlert(group, settings.externalUrl, told.labels, 'resolved', now))
    plan.messages.push({ receiver: receiver.name, topic: 'alert', payload: notice(group, alerts, settings, now) })
    group.notified[receiver.name] = { at: now, fingerprint: condition.fingerprint, labels: condition.labels }
  }
  group.notifications += due.length
  const unchanged = continuing && due.length === 0 && stored.clearSince === null && JSON.stringify([stored.labels, stored.annotations, stored.fingerprint]) === JSON.stringify([group.labels, group.annotations, group.fingerprint])
  if (!unchanged) plan.groups.push(group)
}

function clear(input: PlanInput, stored: AlertGroup, plan: AlertPlan): void {
  const { now, settings } = input
  const clearSince = stored.clearSince ?? now
  if (now - clearSince < settings.resolveAfter) {
    if (stored.clearSince === null) plan.groups.push({ ...stored, clearSince, updatedAt: now })
    return
  }
  const group: AlertGroup = { ...stored, status: 'resolved', endsAt: clearSince, notified: {}, updatedAt: now }
  for (const [receiver, told] of Object.entries(stored.notified)) {
    plan.messages.push({ receiver, topic: 'alert', payload: notice(group, [noticeAlert(group, settings.externalUrl, told.labels)], settings, now) })
  }
  group.notifications += Object.keys(stored.notified).length
  plan.groups.push(group)
}

/**
 * Plans one pass.
 *
 * @example
 * const plan = planAlerts({ now, settings, conditions, groups: await store.alerts.groups(), route, silenced })
 * await store.alerts.save(plan.groups, plan.messages, now)
 */
export function planAlerts(input: PlanInput): AlertPlan {
  const plan: AlertPlan = { groups: [], messages: [] }
  const stored = new Map(input.groups.map((group) => [group.key, group]))
  const holding = new Set<string>()
  for (const condition of input.conditions) {
    if (holding.has(condition.key)) continue
    holding.add(condition.key)
    fire(input, condition, stored.get(condition.key), plan)
  }
  for (const group of input.groups) if (group.status === 'firing' && !holding.has(group.key)) clear(input, group, plan)
  return plan
}
