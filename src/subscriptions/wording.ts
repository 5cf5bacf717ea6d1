/**
 * The words every format shares: the headline of an event, what it affects (display names), its
 * times and the link to it on the public page.
 *
 * @module
 */
import type { SubscriberEvent, SubscriberEventKind } from './events.js'

/** What renders need besides the event. */
export interface RenderContext {
  /** The page's name. */
  siteName: string
  /** The public base URL, no trailing slash. */
  baseUrl: string
  /** Display names of components by name. */
  names: Readonly<Record<string, string>>
}

const LABELS: Record<SubscriberEventKind, string> = {
  'incident.opened': 'New incident',
  'incident.updated': 'Incident update',
  'incident.resolved': 'Resolved',
  'maintenance.announced': 'Maintenance scheduled',
  'maintenance.reminder': 'Maintenance starts soon',
  'maintenance.started': 'Maintenance started',
  'maintenance.completed': 'Maintenance completed',
  'maintenance.cancelled': 'Maintenance cancelled',
  'postmortem.published': 'Postmortem published',
}

/**
 * The short label of an event's kind; an incident update names its phase.
 *
 * @example
 * eventLabel({ kind: 'incident.updated', phase: 'monitoring', … }) // 'Incident update (monitoring)'
 */
export function eventLabel(event: SubscriberEvent): string {
  const label = LABELS[event.kind]
  return event.kind === 'incident.updated' && event.phase !== null ? `${label} (${event.phase})` : label
}

/** "Compute (R1, R2), Storage (all locations)", or '' when the event names no component. */
export function affected(event: SubscriberEvent, context: RenderContext): string {
  return event.targets
    .map((target) => `${context.names[target.component] ?? target.component} (${target.locations === null ? 'all locations' : target.locations.join(', ')})`)
    .join(', ')
}

/** The subject line: `[Site] Label: Title — Compute (R1)`. */
export function subjectOf(event: SubscriberEvent, context: RenderContext): string {
  const where = affected(event, context)
  return `[${context.siteName}] ${eventLabel(event)}: ${event.title}${where === '' ? '' : ` — ${where}`}`
}

/** The UTC time of `ms` as `2026-12-07 14:00 UTC`. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** The window line of a maintenance event, or ''. */
export function windowLine(event: SubscriberEvent): string {
  return event.window === null ? '' : `Window: ${utc(event.window.start)} – ${utc(event.window.end)}`
}

/** The public page of the event's incident (or the maintenance history). */
export function eventUrl(event: SubscriberEvent, context: RenderContext): string {
  if (event.subject.type === 'postmortem') return `${context.baseUrl}/postmortems/${event.subject.id}`
  return event.subject.type === 'incident' ? `${context.baseUrl}/incidents/${event.subject.id}` : `${context.baseUrl}/history?type=maintenance`
}

/** The plain-text lines of an event (headline, affected, window, text, link). */
export function plainLines(event: SubscriberEvent, context: RenderContext): string[] {
  const where = affected(event, context)
  return [
    `${eventLabel(event)}: ${event.title}`,
    where === '' ? '' : `Affected: ${where}`,
    windowLine(event),
    event.text ?? '',
    `Details: ${eventUrl(event, context)}`,
  ].filter((line) => line !== '')
}
