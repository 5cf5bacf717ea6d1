/**
 * One-click state of a (component, location): the operator picks a severity range and the
 * status follows — "should not be hard brainwork". The lowest range (SCS "operational") clears;
 * any other range sets the series' impact to the top of that range, on the open human incident
 * that already covers the series, or on a new one with a generic text. Clearing the last impact
 * of an incident resolves it.
 *
 * @module
 */
import { NO_LOCATION } from '../core/index.js'
import type { IncidentDetail, IncidentService, Writer } from '../incidents/index.js'
import { StateConflictError } from '../incidents/index.js'
import { severityRanges, type SeverityLevel } from '../records/severity.js'
import type { Store } from '../store/index.js'

/** What one click asks for: the series and the name of a severity range. */
export interface OneClickRequest {
  component: string
  location: string
  level: string
}

/** What the click did, in words for the flash message, and the incident it touched. */
export interface OneClickOutcome {
  incidentId: string
  message: string
}

/** The CSP's severity ranges, lowest first; the first one means "operational" (clears). */
export async function oneClickLevels(store: Store): Promise<SeverityLevel[]> {
  return severityRanges(await store.catalog.severities())
}

function where(series: { component: string; location: string }, displayName: string): string {
  return series.location === NO_LOCATION ? displayName : `${displayName} in ${series.location}`
}

/** The newest open human incident with an open impact on the series, or null. */
function coveringIncident(open: readonly IncidentDetail[], series: { component: string; location: string }): IncidentDetail | null {
  const covering = open.filter((incident) => incident.origin === 'human' && incident.impacts.some((impact) => impact.to === null && impact.component === series.component && impact.location === series.location))
  return covering.sort((a, b) => b.beganAt - a.beganAt)[0] ?? null
}

async function clear(incidents: IncidentService, incident: IncidentDetail | null, series: OneClickRequest, name: string, writer: Writer): Promise<OneClickOutcome> {
  if (incident === null) throw new StateConflictError(`no open incident declares a state for ${where(series, name)}; nothing to clear`)
  const mine = incident.impacts.filter((impact) => impact.to === null && impact.component === series.component && impact.location === series.location)
  for (const impact of mine) await incidents.removeImpact(incident.id, { component: impact.component, location: impact.location, type: impact.type }, writer)
  const rest = incident.impacts.filter((impact) => impact.to === null && !mine.includes(impact))
  if (rest.length > 0) return { incidentId: incident.id, message: `${where(series, name)} cleared; the incident stays open for its other impacts` }
  await incidents.addUpdate(incident.id, { text: `${where(series, name)} is operating normally again.`, phase: 'resolved' }, writer)
  return { incidentId: incident.id, message: `${where(series, name)} is operational; the incident is resolved` }
}

/**
 * Applies one click through the incident service (validated and audited as any write).
 * Throws the service's errors (unknown component, resolved incident) and a
 * `StateConflictError` for a level that is not a range or a clear with nothing to clear.
 *
 * @example
 * await applyOneClick({ store, incidents }, { component: 'compute', location: 'de-1', level: 'broken' }, writer)
 */
export async function applyOneClick(deps: { store: Store; incidents: IncidentService }, request: OneClickRequest, writer: Writer): Promise<OneClickOutcome> {
  const levels = await oneClickLevels(deps.store)
  const index = levels.findIndex((level) => level.name === request.level)
  if (index < 0) throw new StateConflictError(`"${request.level}" is not a severity level (${levels.map((level) => level.name).join(', ')})`)
  const component = (await deps.store.components.list()).find((row) => row.name === request.component)
  const name = component?.displayName ?? request.component
  const series = { component: request.component, location: request.location || NO_LOCATION }
  const incident = coveringIncident(await deps.incidents.openIncidents(), series)
  if (index === 0) return clear(deps.incidents, incident, { ...request, ...series }, name, writer)
  const level = levels[index]!
  if (incident !== null) {
    const existing = incident.impacts.find((impact) => impact.to === null && impact.component === series.component && impact.location === series.location)!
    await deps.incidents.setImpact(incident.id, { ...series, type: existing.type, severity: level.value }, writer)
    return { incidentId: incident.id, message: `${where(series, name)} set to ${level.name} on the open incident` }
  }
  const created = await deps.incidents.createIncident(
    {
      title: `${where(series, name)}: ${level.name}`,
      text: `We are investigating a problem with ${where(series, name)} and will post an update as soon as we know more.`,
      phase: 'investigating',
      origin: 'human',
      impacts: [{ ...series, severity: level.value }],
    },
    writer,
  )
  return { incidentId: created.id, message: `Incident opened: ${where(series, name)} is ${level.name}` }
}
