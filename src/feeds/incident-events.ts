/**
 * The feed entries of incidents: one per published update — the first says the incident was
 * opened, one in phase `resolved` that it was resolved, the others are updates. Retracted
 * incidents and updates are never read (the store leaves them out); impacts on simulated series
 * are dropped, and an incident whose every impact is simulated has no entries.
 *
 * @module
 */
import { phaseName, type IncidentPhase } from '../core/incident-phase.js'
import type { IncidentSummary } from '../incidents/index.js'
import type { UpdateRow } from '../store/index.js'
import { renderText } from '../web/markdown.js'
import { entryId } from './entry-id.js'
import { affectedHtml, matches, tagsOf, type FeedEvent, type FeedEventKind, type FeedFilter, type Touched } from './feed-event.js'
import type { PublicScope } from './public-scope.js'

/** Configured display names of the phases. */
export type FeedPhaseNames = Partial<Record<IncidentPhase, string>>

/**
 * The public series an incident touches, grouped by component; null when it touches only
 * simulated ones or none that `filter` selects (so its updates need not be read).
 *
 * @example
 * incidentTouches(incident, scope, { kind: 'component', name: 'compute' }) // [{ component, locations: ['R1'] }]
 */
export function incidentTouches(incident: IncidentSummary, scope: PublicScope, filter: FeedFilter): Touched[] | null {
  const byComponent = new Map<string, Set<string>>()
  for (const impact of incident.impacts) {
    if (!scope.isPublicSeries(impact.component, impact.location)) continue
    const locations = byComponent.get(impact.component) ?? new Set()
    byComponent.set(impact.component, locations.add(impact.location))
  }
  if (incident.impacts.length > 0 && byComponent.size === 0) return null
  const touched = [...byComponent].map(([name, locations]) => ({ component: scope.components.get(name)!, locations: [...locations].sort() }))
  return matches(filter, touched, scope.locationsOf) ? touched : null
}

function kindOf(update: UpdateRow): FeedEventKind {
  if (update.seq === 1) return 'opened'
  return update.phase === 'resolved' ? 'resolved' : 'updated'
}


/**
 * The entries of one incident: one per published update.
 *
 * @example
 * incidentEvents(incident, touched, await store.incidents.updates(incident.id), {})
 */
export function incidentEvents(incident: IncidentSummary, touched: readonly Touched[], updates: readonly UpdateRow[], names: FeedPhaseNames): FeedEvent[] {
  return updates.map((update) => {
    const kind = kindOf(update)
    const phase = phaseName(update.phase, names)
    const description = kind === 'opened' && incident.description !== null ? renderText(incident.description) : ''
    return {
      id: entryId(incident.id, `update/${update.seq}`),
      kind,
      title: `${kind === 'opened' ? 'New incident' : phase}: ${incident.title}`,
      at: update.at,
      updated: Math.max(update.at, update.recordedAt),
      path: `/incidents/${incident.id}#update-${update.seq}`,
      html: `${affectedHtml(touched, phase)}${renderText(update.text)}${description}`,
      tags: tagsOf(touched),
    }
  })
}

