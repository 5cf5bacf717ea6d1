/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The incident forms: open an incident (from a template), post an update choosing notify or
 * silent, edit the title, resolve. Each POST writes through the incident service and answers
 * 303 — to the incident on success, back to the form with the reason when refused.
 *
 * @module
 */
import type { Hono } from 'hono'
import { NO_LOCATION, type IncidentPhase } from '../core/index.js'
import { InvalidInputError } from '../incidents/index.js'
import type { OperatorDeps } from './deps.js'
import { takeFlash } from './flash.js'
import { impactsOf, notifyOf } from './incident-fields.js'
import { IncidentView, NewIncidentView, type SeriesChoice } from './incident-views.js'
import { renderOperatorPage } from './layout.js'
import { oneClickLevels } from './one-click.js'
import { notFoundPage, requireSession } from './require-session.js'
import { field, submitForm, writerOf } from './writes.js'

async function seriesChoices(deps: OperatorDeps): Promise<SeriesChoice[]> {
  const snapshot = await deps.status.current()
  return snapshot.components.flatMap((component) =>
    component.locations.map((location) => ({
      value: `${component.name}|${location.location}`,
      label: location.location === NO_LOCATION ? component.displayName : `${component.displayName} (${location.location})`,
    })),
  )
}

function phaseOf(form: Record<string, unknown>): IncidentPhase | undefined {
  const phase = field(form, 'phase')
  return phase === '' ? undefined : (phase as IncidentPhase)
}

/**
 * Registers `GET /incidents/new`, `POST /incidents`, `GET /incidents/:id` and the posts
 * `/incidents/:id/updates`, `/title` and `/resolve` on the operator router.
 *
 * @example
 * registerIncidentForms(router, deps)
 */
export function registerIncidentForms(router: Hono, deps: OperatorDeps): void {
  router.get('/incidents/new', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const wanted = c.req.query('template') ?? ''
    const [templates, template, series, levels] = await Promise.all([
      deps.incidents.templates(),
      wanted === '' ? null : deps.incidents.template(wanted),
      seriesChoices(deps),
      oneClickLevels(deps.store),
    ])
    const flash = takeFlash(c) ?? (wanted !== '' && template === null ? { kind: 'error' as const, text: `No template "${wanted}".` } : null)
    return renderOperatorPage(
      c,
      { title: 'New incident', siteName: deps.title, session, flash },
      <NewIncidentView csrf={session.csrfToken} templates={templates} template={template} series={series} levels={levels} />,
    )
  })

  router.post('/incidents', requireSession(deps), async (c) => {
    const form = await c.req.parseBody({ all: true })
    const template = field(form, 'template')
    const back = template === '' ? '/operator/incidents/new' : `/operator/incidents/new?template=${encodeURIComponent(template)}`
    return submitForm(c, deps, { back }, async () => {
      const created = await deps.incidents.createIncident(
        {
          ...(template === '' ? {} : { template }),
          title: field(form, 'title'),
          text: field(form, 'text'),
          ...(phaseOf(form) === undefined ? {} : { phase: phaseOf(form)! }),
          origin: 'human',
          impacts: impactsOf(form),
          notify: notifyOf(form),
        },
        writerOf(c.get('operatorSession')!),
      )
      return { done: 'Incident opened.', to: `/operator/incidents/${created.id}` }
    })
  })

  router.get('/incidents/:id', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const incident = await deps.incidents.incident(c.req.param('id'))
    if (incident === null) return notFoundPage(c, deps, 'No such incident (or it was retracted).')
    return renderOperatorPage(c, { title: incident.title, siteName: deps.title, session, flash: takeFlash(c) }, <IncidentView csrf={session.csrfToken} incident={incident} />)
  })

  router.post('/incidents/:id/updates', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    return submitForm(c, deps, { back: `/operator/incidents/${id}` }, async () => {
      const phase = phaseOf(form)
      await deps.incidents.addUpdate(id, { text: field(form, 'text'), ...(phase === undefined ? {} : { phase }), notify: notifyOf(form) }, writerOf(c.get('operatorSession')!))
      return { done: notifyOf(form) ? 'Update posted; subscribers are notified.' : 'Update posted silently.' }
    })
  })

  router.post('/incidents/:id/title', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    return submitForm(c, deps, { back: `/operator/incidents/${id}` }, async () => {
      await deps.incidents.updateIncident(id, { title: field(form, 'title') }, writerOf(c.get('operatorSession')!))
      return { done: 'Title saved.' }
    })
  })

  router.post('/incidents/:id/resolve', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    return submitForm(c, deps, { back: `/operator/incidents/${id}` }, async () => {
      const text = field(form, 'text')
      if (text === '') throw new InvalidInputError([{ path: 'text', message: 'say what was resolved' }])
      await deps.incidents.addUpdate(id, { text, phase: 'resolved', notify: notifyOf(form) }, writerOf(c.get('operatorSession')!))
      return { done: 'Incident resolved.' }
    })
  })
}
