/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The dashboard: every (component, location) with its current public state and one button per
 * severity range, the open incidents, and the upcoming maintenance.
 *
 * @module
 */
import type { Hono } from 'hono'
import type { FC } from 'hono/jsx'
import { NO_LOCATION, STATE_TABLE, type PublicState } from '../core/index.js'
import type { IncidentDetail, MaintenanceView } from '../incidents/index.js'
import type { SeverityLevel } from '../records/severity.js'
import type { ComponentStatus } from '../status/index.js'
import { CsrfField } from './csrf.js'
import type { OperatorDeps } from './deps.js'
import { takeFlash } from './flash.js'
import { renderOperatorPage } from './layout.js'
import { applyOneClick, oneClickLevels } from './one-click.js'
import { requireSession } from './require-session.js'
import { field, submitForm, writerOf } from './writes.js'

const UPCOMING_DAYS = 30

/** A state as icon and word (colour is never the only signal). */
export const StateBadge: FC<{ state: PublicState }> = ({ state }) => (
  <span class={`state state-${STATE_TABLE[state].css}`}>
    <span class="icon" aria-hidden="true">
      {STATE_TABLE[state].icon}
    </span>{' '}
    {STATE_TABLE[state].label}
  </span>
)

const SeriesRows: FC<{ components: ComponentStatus[]; levels: SeverityLevel[]; csrf: string }> = ({ components, levels, csrf }) => (
  <table class="grid">
    <thead>
      <tr>
        <th scope="col">Component</th>
        <th scope="col">Location</th>
        <th scope="col">State</th>
        <th scope="col">Set state (one click)</th>
      </tr>
    </thead>
    <tbody>
      {components.flatMap((component) =>
        component.locations.map((location) => (
          <tr>
            <td>{component.displayName}</td>
            <td>{location.location === NO_LOCATION ? '—' : location.location}</td>
            <td>
              <StateBadge state={location.state} />
            </td>
            <td>
              <form method="post" action="/operator/state" class="buttons">
                <CsrfField token={csrf} />
                <input type="hidden" name="component" value={component.name} />
                <input type="hidden" name="location" value={location.location} />
                {levels.map((level, index) => (
                  <button type="submit" name="level" value={level.name} aria-label={`${component.displayName} ${location.location}: ${index === 0 ? 'clear to' : 'set'} ${level.name}`}>
                    {level.name}
                  </button>
                ))}
              </form>
            </td>
          </tr>
        )),
      )}
    </tbody>
  </table>
)

const OpenIncidents: FC<{ incidents: IncidentDetail[] }> = ({ incidents }) =>
  incidents.length === 0 ? (
    <p class="muted">No open incidents.</p>
  ) : (
    <ul class="list">
      {incidents.map((incident) => (
        <li class="row">
          <a class="name" href={`/operator/incidents/${incident.id}`}>
            {incident.title}
          </a>
          <span class="muted">
            {incident.phase} · {incident.origin} · since {new Date(incident.beganAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
          </span>
        </li>
      ))}
    </ul>
  )

const UpcomingMaintenance: FC<{ windows: MaintenanceView[] }> = ({ windows }) =>
  windows.length === 0 ? (
    <p class="muted">No maintenance in the next {UPCOMING_DAYS} days.</p>
  ) : (
    <ul class="list">
      {windows.map((window) => (
        <li class="row">
          <span class="name">{window.title}</span>
          <span class="muted">
            {window.status} · {new Date(window.start).toISOString().slice(0, 16).replace('T', ' ')} – {new Date(window.end).toISOString().slice(0, 16).replace('T', ' ')} UTC
          </span>
        </li>
      ))}
    </ul>
  )

/**
 * Registers `GET /` (the dashboard) and `POST /state` (one click) on the operator router.
 *
 * @example
 * registerDashboard(router, deps)
 */
export function registerDashboard(router: Hono, deps: OperatorDeps): void {
  router.get('/', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const now = deps.clock.now()
    const [snapshot, levels, open, upcoming] = await Promise.all([
      deps.status.current(),
      oneClickLevels(deps.store),
      deps.incidents.openIncidents(),
      deps.incidents.maintenance({ from: now, to: now + UPCOMING_DAYS * 86_400_000, limit: 50 }),
    ])
    const windows = upcoming.items.filter((window) => window.status === 'scheduled' || window.status === 'in_progress').sort((a, b) => a.start - b.start)
    return renderOperatorPage(
      c,
      { title: 'Dashboard', siteName: deps.title, session, flash: takeFlash(c) },
      <>
        <h2>Components</h2>
        <p class="muted">
          A button sets the state at once: it opens an incident with a generic text, or changes the open one; "{levels[0]?.name}" clears (and resolves the incident
          when nothing else is impacted).
        </p>
        <SeriesRows components={snapshot.components} levels={levels} csrf={session.csrfToken} />
        <h2>Open incidents</h2>
        <OpenIncidents incidents={open} />
        <p>
          <a href="/operator/incidents/new">Open an incident from a template…</a>
        </p>
        <h2>Upcoming maintenance</h2>
        <UpcomingMaintenance windows={windows} />
      </>,
    )
  })

  router.post('/state', requireSession(deps), async (c) => {
    const form = await c.req.parseBody()
    const request = { component: field(form, 'component'), location: field(form, 'location'), level: field(form, 'level') }
    return submitForm(c, deps, { back: '/operator' }, async () => {
      const outcome = await applyOneClick(deps, request, writerOf(c.get('operatorSession')!))
      return { done: outcome.message }
    })
  })
}
