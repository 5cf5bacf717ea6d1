/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The open incidents on the status page: title, the phase's configured display name beside its
 * fixed lifecycle key, when it began, which locations it affects and the newest update.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { phaseName, type IncidentPhase } from '../core/incident-phase.js'
import type { OpenIncident } from '../status/index.js'
import { ago } from './format.js'

/** Configured display names of the incident phases. */
export type PagePhaseNames = Partial<Record<IncidentPhase, string>>

const Phase: FC<{ phase: IncidentPhase; names: PagePhaseNames }> = ({ phase, names }) => {
  const shown = phaseName(phase, names)
  return (
    <span class="phase" data-phase={phase}>
      {shown}
      {shown.toLowerCase() === phase ? '' : <small> ({phase})</small>}
    </span>
  )
}

const IncidentItem: FC<{ incident: OpenIncident; names: PagePhaseNames; now: number }> = ({ incident, names, now }) => {
  const began = new Date(incident.beganAt).toISOString()
  const where = [...new Set(incident.impacts.map((impact) => `${impact.component} (${impact.location})`))].join(', ')
  return (
    <li id={`incident-${incident.id}`}>
      <span class="name">{incident.title}</span>
      <Phase phase={incident.phase} names={names} />
      <span class="detail">
        Began <time datetime={began}>{ago(incident.beganAt, now)}</time>
        {where === '' ? '' : ` · affects ${where}`}
        {incident.latestUpdate === null ? '' : ` · ${incident.latestUpdate.text}`}
      </span>
    </li>
  )
}

/**
 * The "Open incidents" section; nothing when none is open.
 *
 * @example
 * <OpenIncidentsSection incidents={snapshot.incidents} names={{ identified: 'Cause found' }} now={snapshot.generatedAt} />
 */
export const OpenIncidentsSection: FC<{ incidents: readonly OpenIncident[]; names: PagePhaseNames; now: number }> = ({ incidents, names, now }) =>
  incidents.length === 0 ? (
    <></>
  ) : (
    <section aria-labelledby="incidents">
      <h2 id="incidents">Open incidents</h2>
      <ul class="components incidents">
        {incidents.map((incident) => (
          <IncidentItem incident={incident} names={names} now={now} />
        ))}
      </ul>
    </section>
  )
