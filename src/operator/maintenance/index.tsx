/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The maintenance forms of the operator UI, under `/operator/maintenance`: the list (upcoming,
 * in progress, past, recurring series); schedule, edit and cancel a window; create, edit and
 * cancel a series. Every POST passes the operator router's CSRF check, writes through the
 * incident service with notify or silent, and answers 303. A window (or a series' first window)
 * starting sooner than `operator.minimumNotice` first shows a confirm step; the write happens
 * only when the operator confirms.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { InvalidInputError, noticeWarnings } from '../../incidents/index.js'
import { compileSchedule, nextOccurrence, type Schedule } from '../../maintenance-series/index.js'
import type { OperatorDeps } from '../deps.js'
import { takeFlash } from '../flash.js'
import { notifyOf } from '../incident-fields.js'
import { renderOperatorPage } from '../layout.js'
import { notFoundPage, requireSession } from '../require-session.js'
import { field, submitForm, writerOf } from '../writes.js'
import { timeZoneOf, windowInput, seriesInput } from './fields.js'
import { SeriesForm } from './series-views.js'
import { CancelForm, ConfirmNotice, MaintenanceList, WindowForm, type ComponentChoice } from './views.js'

type Form = Record<string, string | File | (string | File)[]>

const LIST = '/operator/maintenance'

async function componentChoices(deps: OperatorDeps): Promise<ComponentChoice[]> {
  return (await deps.status.current()).components.map((component) => ({ name: component.name, displayName: component.displayName }))
}

/** Parses the form; a refused field becomes the usual flash and 303 back. */
async function parsed<T>(c: Context, deps: OperatorDeps, back: string, parse: () => T): Promise<{ value: T } | { response: Response }> {
  try {
    return { value: parse() }
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    return { response: await submitForm(c, deps, { back }, async () => Promise.reject(error)) }
  }
}

/** The confirm step when `start` leaves less notice than the policy and the form was not confirmed yet; null to go on. */
function shortNotice(c: Context, deps: OperatorDeps, form: Form, start: number | null, action: string, back: string): Response | null {
  if (start === null || field(form, 'confirm') === 'yes') return null
  const warnings = noticeWarnings(start, deps.clock.now(), deps.settings().minimumNotice)
  if (warnings.length === 0) return null
  const session = c.get('operatorSession')!
  return renderOperatorPage(c, { title: 'Short notice', siteName: deps.title, session }, <ConfirmNotice csrf={session.csrfToken} action={action} warnings={warnings} form={form} back={back} />)
}

function firstStart(schedule: Schedule, now: number): number | null {
  try {
    return nextOccurrence(compileSchedule(schedule), now)
  } catch {
    return null
  }
}

function registerWindowForms(router: Hono, deps: OperatorDeps): void {
  router.get('/maintenance', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const [windows, series] = await Promise.all([deps.incidents.maintenance({ limit: 200 }), deps.incidents.listSeries()])
    return renderOperatorPage(c, { title: 'Maintenance', siteName: deps.title, session, flash: takeFlash(c) }, <MaintenanceList windows={windows.items} series={series} />)
  })
  router.get('/maintenance/new', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    return renderOperatorPage(c, { title: 'Schedule maintenance', siteName: deps.title, session, flash: takeFlash(c) }, <WindowForm csrf={session.csrfToken} components={await componentChoices(deps)} timeZone="UTC" />)
  })
  router.post('/maintenance', requireSession(deps), async (c) => {
    const form = await c.req.parseBody({ all: true })
    const back = '/operator/maintenance/new'
    const input = await parsed(c, deps, back, () => ({ ...windowInput(form), notify: notifyOf(form) }))
    if ('response' in input) return input.response
    const confirm = shortNotice(c, deps, form, input.value.start, '/operator/maintenance', back)
    if (confirm !== null) return confirm
    return submitForm(c, deps, { back }, async () => {
      await deps.incidents.createMaintenance(input.value, writerOf(c.get('operatorSession')!))
      return { done: 'Maintenance scheduled.', to: LIST }
    })
  })
  router.get('/maintenance/:id', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const window = await deps.incidents.maintenanceWindow(c.req.param('id'))
    if (window === null) return notFoundPage(c, deps, 'No such maintenance window.')
    const timeZone = c.req.query('timeZone') ?? 'UTC'
    return renderOperatorPage(
      c,
      { title: window.title, siteName: deps.title, session, flash: takeFlash(c) },
      <>
        <p class="muted">Status: {window.status}</p>
        <WindowForm csrf={session.csrfToken} components={await componentChoices(deps)} window={window} timeZone={timeZone} />
        <h2>Cancel</h2>
        <CancelForm csrf={session.csrfToken} action={`/operator/maintenance/${window.id}/cancel`} label="Cancel this window" />
      </>,
    )
  })
  router.post('/maintenance/:id', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const back = `/operator/maintenance/${id}`
    const form = await c.req.parseBody({ all: true })
    const input = await parsed(c, deps, back, () => ({ ...windowInput(form), notify: notifyOf(form) }))
    if ('response' in input) return input.response
    const before = await deps.incidents.maintenanceWindow(id)
    if (before === null) return notFoundPage(c, deps, 'No such maintenance window.')
    // the form shows minutes: an unchanged minute keeps the stored instant (seconds and all)
    const sameMinute = (a: number, b: number) => Math.floor(a / 60_000) === Math.floor(b / 60_000)
    if (sameMinute(input.value.start, before.start)) input.value.start = before.start
    if (sameMinute(input.value.end, before.end)) input.value.end = before.end
    const confirm = shortNotice(c, deps, form, input.value.start === before.start ? null : input.value.start, back, back)
    if (confirm !== null) return confirm
    return submitForm(c, deps, { back }, async () => {
      const { notify, description, ...fields } = input.value
      await deps.incidents.updateMaintenance(id, { ...fields, description: description ?? null }, writerOf(c.get('operatorSession')!), { notify })
      return { done: 'Maintenance saved.', to: LIST }
    })
  })
  router.post('/maintenance/:id/cancel', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    return submitForm(c, deps, { back: `/operator/maintenance/${id}` }, async () => {
      await deps.incidents.cancelMaintenance(id, writerOf(c.get('operatorSession')!), { notify: notifyOf(form) })
      return { done: 'Maintenance cancelled.', to: LIST }
    })
  })
}

function registerSeriesForms(router: Hono, deps: OperatorDeps): void {
  router.get('/maintenance/series/new', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    return renderOperatorPage(c, { title: 'New recurring series', siteName: deps.title, session, flash: takeFlash(c) }, <SeriesForm csrf={session.csrfToken} components={await componentChoices(deps)} />)
  })
  router.post('/maintenance/series', requireSession(deps), async (c) => {
    const back = '/operator/maintenance/series/new'
    const form = await c.req.parseBody({ all: true })
    const input = await parsed(c, deps, back, () => ({ series: seriesInput(form), notify: notifyOf(form) }))
    if ('response' in input) return input.response
    const confirm = shortNotice(c, deps, form, firstStart(input.value.series.schedule as Schedule, deps.clock.now()), '/operator/maintenance/series', back)
    if (confirm !== null) return confirm
    return submitForm(c, deps, { back }, async () => {
      await deps.incidents.createSeries(input.value.series, writerOf(c.get('operatorSession')!), { notify: input.value.notify })
      return { done: 'Recurring series created; its windows are scheduled.', to: LIST }
    })
  })
  router.get('/maintenance/series/:id', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const series = (await deps.incidents.listSeries()).find((entry) => entry.id === c.req.param('id'))
    if (series === undefined) return notFoundPage(c, deps, 'No such recurring series.')
    return renderOperatorPage(
      c,
      { title: series.title, siteName: deps.title, session, flash: takeFlash(c) },
      <>
        <p class="muted">Status: {series.status}. Saving changes the windows that have not started; past and running ones stay.</p>
        <SeriesForm csrf={session.csrfToken} components={await componentChoices(deps)} series={series} />
        <h2>Cancel</h2>
        <CancelForm csrf={session.csrfToken} action={`/operator/maintenance/series/${series.id}/cancel`} label="Cancel this series" />
      </>,
    )
  })
  router.post('/maintenance/series/:id', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const back = `/operator/maintenance/series/${id}`
    const form = await c.req.parseBody({ all: true })
    const input = await parsed(c, deps, back, () => ({ series: seriesInput(form), notify: notifyOf(form) }))
    if ('response' in input) return input.response
    return submitForm(c, deps, { back }, async () => {
      const { description, ...fields } = input.value.series
      await deps.incidents.updateSeries(id, { ...fields, description: description ?? null }, writerOf(c.get('operatorSession')!), { notify: input.value.notify })
      return { done: 'Series saved; its upcoming windows follow.', to: LIST }
    })
  })
  router.post('/maintenance/series/:id/cancel', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    return submitForm(c, deps, { back: `/operator/maintenance/series/${id}` }, async () => {
      await deps.incidents.cancelSeries(id, writerOf(c.get('operatorSession')!), { notify: notifyOf(form) })
      return { done: 'Series cancelled with its upcoming windows.', to: LIST }
    })
  })
}

/**
 * Registers the maintenance forms on the operator router (paths relative to `/operator`).
 *
 * @example
 * registerMaintenanceForms(router, deps)
 */
export function registerMaintenanceForms(router: Hono, deps: OperatorDeps): void {
  registerSeriesForms(router, deps)
  registerWindowForms(router, deps)
}
