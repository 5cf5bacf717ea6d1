/**
 * The open incidents as the public page shows them: title, phase, when it began, which series
 * it affects and its newest update. Operator data (actors, config locations) stays out.
 *
 * @module
 */
import type { IncidentPhase } from '../core/incident-phase.js'
import type { IncidentReadService } from '../incidents/index.js'

/** What the public sees of an open incident. */
export interface OpenIncident {
  id: string
  title: string
  /** The fixed lifecycle key; surfaces print its configured display name beside it. */
  phase: IncidentPhase
  beganAt: number
  impacts: { component: string; location: string; severity: number }[]
  latestUpdate: { text: string; at: number } | null
}

/**
 * Reads the open incidents, oldest first, reduced to their public part.
 *
 * @example
 * const open = await openIncidents(createIncidentService({ store, clock }))
 */
export async function openIncidents(incidents: Pick<IncidentReadService, 'openIncidents'>): Promise<OpenIncident[]> {
  return (await incidents.openIncidents()).map((incident) => {
    const latest = incident.updates.at(-1)
    return {
      id: incident.id,
      title: incident.title,
      phase: incident.phase,
      beganAt: incident.beganAt,
      impacts: incident.impacts
        .filter((impact) => impact.to === null)
        .map((impact) => ({ component: impact.component, location: impact.location, severity: impact.severity })),
      latestUpdate: latest === undefined ? null : { text: latest.text, at: latest.at },
    }
  })
}
