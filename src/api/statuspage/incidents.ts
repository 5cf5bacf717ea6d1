/**
 * The Statuspage projection of incidents and maintenance windows. The native phases are
 * Statuspage's incident statuses one to one (investigating, identified, monitoring, resolved;
 * `postmortem` is never set — a published postmortem does not change the phase); the impact is the
 * worst impact the incident ever declared, through the one state table. A maintenance window is a
 * scheduled maintenance with `scheduled_for`/`scheduled_until`; cancelled windows are left out
 * (Statuspage has no such status). Updates never carry their actor.
 *
 * @module
 */
import { declaredStateOf, STATE_TABLE, type StatuspageIndicator } from '../../core/state-table.js'
import type { IncidentPhase } from '../../core/incident-phase.js'
import { seriesId } from '../../core/series.js'
import type { MaintenanceStatus, MaintenanceView } from '../../incidents/index.js'
import { DEFAULT_SEVERITY_LEVELS } from '../../records/index.js'
import type { ImpactRow, IncidentRow, UpdateRow } from '../../store/index.js'
import type { StatuspageComponent } from './components.js'

/** One update of an incident or maintenance, newest first in its list. */
export interface StatuspageUpdate {
  id: string
  status: string
  body: string
  incident_id: string
  created_at: string
  updated_at: string
  display_at: string
  affected_components: null
  deliver_notifications: boolean
  custom_tweet: null
  tweet_id: null
}

/** An incident (and, with `scheduled_for`/`scheduled_until`, a scheduled maintenance). */
export interface StatuspageIncident {
  id: string
  name: string
  status: IncidentPhase | 'postmortem' | 'scheduled' | 'in_progress' | 'verifying' | 'completed'
  created_at: string
  updated_at: string
  monitoring_at: string | null
  resolved_at: string | null
  impact: StatuspageIndicator
  shortlink: string
  started_at: string
  page_id: string
  incident_updates: StatuspageUpdate[]
  components: StatuspageComponent[]
  scheduled_for?: string
  scheduled_until?: string
}

/** An incident with what the projection needs. */
export interface IncidentInput extends IncidentRow {
  impacts: ImpactRow[]
  updates: UpdateRow[]
}

/** What every projected object shares: the page id, absolute links and the visible components by id. */
export interface ProjectionContext {
  pageId: string
  /** Base URL of the public page (no trailing slash). */
  base: string
  componentsById: ReadonlyMap<string, StatuspageComponent>
}

const iso = (at: number): string => new Date(at).toISOString()

/** The worst impact an incident declared, as a Statuspage impact (none without impacts). */
export function incidentImpact(impacts: readonly Pick<ImpactRow, 'severity'>[]): StatuspageIndicator {
  const harmful = impacts.filter((impact) => impact.severity > 0)
  if (harmful.length === 0) return impacts.length === 0 ? 'none' : 'maintenance'
  const worst = Math.max(...harmful.map((impact) => impact.severity))
  const state = declaredStateOf(worst, DEFAULT_SEVERITY_LEVELS)
  return STATE_TABLE[state].statuspage.indicator
}

function affected(keys: readonly string[], context: ProjectionContext): StatuspageComponent[] {
  return [...new Set(keys)].flatMap((key) => {
    const component = context.componentsById.get(key)
    return component === undefined ? [] : [component]
  })
}

/**
 * One incident in Statuspage's shape; `shortlink` is its permanent page.
 *
 * @example
 * statuspageIncident(incident, { pageId, base: 'https://status.example.com', componentsById }).shortlink
 * // 'https://status.example.com/incidents/0190…'
 */
export function statuspageIncident(incident: IncidentInput, context: ProjectionContext): StatuspageIncident {
  const updates = [...incident.updates].sort((a, b) => b.at - a.at || b.seq - a.seq)
  const monitoring = incident.updates.find((update) => update.phase === 'monitoring')
  return {
    id: incident.id,
    name: incident.title,
    status: incident.phase,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: monitoring === undefined ? null : iso(monitoring.at),
    resolved_at: incident.endedAt === null ? null : iso(incident.endedAt),
    impact: incidentImpact(incident.impacts),
    shortlink: `${context.base}/incidents/${incident.id}`,
    started_at: iso(incident.beganAt),
    page_id: context.pageId,
    incident_updates: updates.map((update) => ({
      id: `${incident.id}-${update.seq}`,
      status: update.phase,
      body: update.text,
      incident_id: incident.id,
      created_at: iso(update.recordedAt),
      updated_at: iso(update.recordedAt),
      display_at: iso(update.at),
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: affected(incident.impacts.map((impact) => seriesId(impact)), context),
  }
}

const MAINTENANCE_STATUS: Readonly<Record<Exclude<MaintenanceStatus, 'cancelled'>, StatuspageIncident['status']>> = {
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  completed: 'completed',
}

/**
 * One (not cancelled) maintenance window as a scheduled maintenance. Its one update carries the
 * description (or the title) and the status the window has now.
 *
 * @example
 * statuspageMaintenance(window, context).scheduled_for // '2026-12-08T02:00:00.000Z'
 */
export function statuspageMaintenance(window: MaintenanceView & { status: Exclude<MaintenanceStatus, 'cancelled'> }, context: ProjectionContext): StatuspageIncident {
  const status = MAINTENANCE_STATUS[window.status]
  const targets = window.targets.flatMap((target) => {
    const group = context.componentsById.get(target.component)
    const members = group?.components ?? []
    return target.locations === null ? members : target.locations.map((location) => seriesId({ component: target.component, location }))
  })
  return {
    id: window.id,
    name: window.title,
    status,
    created_at: iso(window.createdAt),
    updated_at: iso(window.updatedAt),
    monitoring_at: null,
    resolved_at: window.status === 'completed' ? iso(window.end) : null,
    impact: 'maintenance',
    shortlink: `${context.base}/history?type=maintenance`,
    started_at: iso(window.start),
    page_id: context.pageId,
    incident_updates: [
      {
        id: `${window.id}-0`,
        status,
        body: window.description ?? window.title,
        incident_id: window.id,
        created_at: iso(window.createdAt),
        updated_at: iso(window.updatedAt),
        display_at: iso(window.createdAt),
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
    ],
    components: affected(targets, context),
    scheduled_for: iso(window.start),
    scheduled_until: iso(window.end),
  }
}
