/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The active incidents and planned maintenance on the status page: each incident with its
 * title (a link to its permalink), the phase's configured display name beside its fixed
 * lifecycle key, when it began, which series it affects and its newest update (Markdown,
 * rendered safely); each window with its time and what it covers.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import { phaseName, type IncidentPhase } from '../core/incident-phase.js'
import type { MaintenanceView } from '../incidents/index.js'
import type { OpenIncident } from '../status/index.js'
import { ago, utcText } from './format.js'
import type { Catalogue } from './i18n/index.js'
import { renderText } from './markdown.js'

/** Configured display names of the incident phases. */
export type PagePhaseNames = Partial<Record<IncidentPhase, string>>

/** The phase in words, its lifecycle key beside a configured name. */
export const Phase: FC<{ phase: IncidentPhase; names: PagePhaseNames }> = ({ phase, names }) => {
  const shown = phaseName(phase, names)
  return (
    <span class="phase" data-phase={phase}>
      {shown}
      {shown.toLowerCase() === phase ? '' : <small> ({phase})</small>}
    </span>
  )
}

/** An instant as `<time>` in UTC. */
export const When: FC<{ at: number }> = ({ at }) => <time datetime={new Date(at).toISOString()}>{utcText(at)}</time>

const IncidentItem: FC<{ incident: OpenIncident; names: PagePhaseNames; now: number; t: Catalogue }> = ({ incident, names, now, t }) => {
  const where = [...new Set(incident.impacts.map((impact) => `${impact.component} (${impact.location})`))].join(', ')
  return (
    <li id={`incident-${incident.id}`}>
      <div class="row">
        <a class="name" href={`/incidents/${incident.id}`}>
          {incident.title}
        </a>
        <Phase phase={incident.phase} names={names} />
      </div>
      <div class="detail">
        {t.began} <time datetime={new Date(incident.beganAt).toISOString()}>{ago(incident.beganAt, now)}</time>
        {where === '' ? '' : ` · ${t.affects} ${where}`}
      </div>
      {incident.latestUpdate === null ? (
        ''
      ) : (
        <div class="prose update">
          <span class="detail">
            {t.latestUpdate}, <When at={incident.latestUpdate.at} />
          </span>
          {raw(renderText(incident.latestUpdate.text))}
        </div>
      )}
    </li>
  )
}

/**
 * The "Active incidents" section; says so when none is open.
 *
 * @example
 * <OpenIncidentsSection incidents={snapshot.incidents} names={{ identified: 'Cause found' }} now={snapshot.generatedAt} t={t} />
 */
export const OpenIncidentsSection: FC<{ incidents: readonly OpenIncident[]; names: PagePhaseNames; now: number; t: Catalogue }> = ({ incidents, names, now, t }) => (
  <section aria-labelledby="incidents">
    <h2 id="incidents">{t.openIncidents}</h2>
    {incidents.length === 0 ? (
      <p class="note">{t.noOpenIncidents}</p>
    ) : (
      <ul class="list incidents">
        {incidents.map((incident) => (
          <IncidentItem incident={incident} names={names} now={now} t={t} />
        ))}
      </ul>
    )}
  </section>
)

function targets(window: MaintenanceView): string {
  return window.targets.map((target) => (target.locations === null ? target.component : `${target.component} (${target.locations.join(', ')})`)).join(', ')
}

/**
 * The "Planned maintenance" section: windows in progress or starting within 30 days.
 *
 * @example
 * <MaintenanceSection windows={data.maintenance} t={t} />
 */
export const MaintenanceSection: FC<{ windows: readonly MaintenanceView[]; t: Catalogue }> = ({ windows, t }) => (
  <section aria-labelledby="maintenance">
    <h2 id="maintenance">{t.maintenance}</h2>
    {windows.length === 0 ? (
      <p class="note">{t.noMaintenance}</p>
    ) : (
      <ul class="list maintenance">
        {windows.map((window) => (
          <li id={`maintenance-${window.id}`}>
            <div class="row">
              <span class="name">{window.title}</span>
              {window.status === 'in_progress' ? <span class="state state-maintenance">{t.inProgress}</span> : ''}
            </div>
            <div class="detail">
              {t.from} <When at={window.start} /> {t.to} <When at={window.end} /> · {t.affects} {targets(window)}
            </div>
            {window.description === null ? '' : <div class="prose">{raw(renderText(window.description))}</div>}
          </li>
        ))}
      </ul>
    )}
  </section>
)
