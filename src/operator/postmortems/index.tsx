/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The postmortem pages of the operator UI, under `/operator/postmortems`: the list by status,
 * a new draft from resolved incidents, the editor (sections, timeline, action items, redaction),
 * the preview of the public version, the workflow (submit, send back, publish with notify or
 * silent) and the revisions. Every write goes through `deps.postmortems` as the session's token;
 * every POST passes the router's CSRF check.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import type { Postmortem, PostmortemStatus } from '../../postmortems/types.js'
import type { OperatorDeps } from '../deps.js'
import { setFlash, takeFlash } from '../flash.js'
import { notifyOf } from '../incident-fields.js'
import { renderOperatorPage } from '../layout.js'
import { valuesOf as valuesOfForm } from '../maintenance/fields.js'
import { notFoundPage, requireSession } from '../require-session.js'
import { field, writerOf } from '../writes.js'
import { type IncidentRef } from './editor-parts.js'
import { EditorPage } from './editor-page.js'
import { editOf, EditorInputError, valuesFromForm, valuesOf, type EditorValues, type FieldError } from './editor-values.js'
import { PostmortemList } from './list-view.js'
import { registerPreview } from './preview.js'
import { fieldErrorsOf, refusalOf } from './refusals.js'

export { WritePostmortemForm } from './list-view.js'

const LIST = '/operator/postmortems'
const editorPath = (id: string) => `${LIST}/${id}`

async function incidentRefs(deps: OperatorDeps, ids: readonly string[]): Promise<Map<string, IncidentRef>> {
  const refs = new Map<string, IncidentRef>()
  for (const id of new Set(ids)) {
    const incident = await deps.incidents.incident(id)
    if (incident !== null) refs.set(id, { id, title: incident.title, resolved: incident.phase === 'resolved' })
  }
  return refs
}

/** The editor page, from stored values or from a refused form's (status 400 or 409 then). */
async function editorResponse(c: Context, deps: OperatorDeps, postmortem: Postmortem, kept?: { values: EditorValues; errors: FieldError[]; status: 400 | 409 }): Promise<Response> {
  const session = c.get('operatorSession')!
  const [incidents, revisions] = await Promise.all([incidentRefs(deps, postmortem.incidentIds), deps.postmortems.revisions(postmortem.id)])
  const flash = kept === undefined ? takeFlash(c) : { kind: 'error' as const, text: kept.status === 409 ? kept.errors[0]!.message : 'Not saved: see the marked fields below. Your input is kept.' }
  const content = (
    <EditorPage csrf={session.csrfToken} postmortem={postmortem} values={kept?.values ?? valuesOf(postmortem)} errors={kept?.status === 409 ? [] : (kept?.errors ?? [])} incidents={[...incidents.values()]} revisions={revisions} />
  )
  return renderOperatorPage(c, { title: postmortem.title === '' ? 'Postmortem' : postmortem.title, siteName: deps.title, session, flash }, content, kept?.status ?? 200)
}

/** Runs a workflow or refresh write: flash and 303 to the editor, the reason when refused. */
async function workflowWrite(c: Context, deps: OperatorDeps, id: string, work: () => Promise<string>): Promise<Response> {
  try {
    setFlash(c, deps, 'done', await work())
  } catch (error) {
    const refusal = refusalOf(error)
    if (refusal === null) throw error
    setFlash(c, deps, 'error', `Not done: ${refusal.message}`)
  }
  return c.redirect(editorPath(id), 303)
}

const TRANSITION_DONE: Record<PostmortemStatus, (notify: boolean) => string> = {
  in_review: () => 'Submitted for review.',
  draft: () => 'Sent back to draft.',
  published: (notify) => (notify ? 'Published; subscribers are notified.' : 'Published silently.'),
}

function registerListAndCreate(router: Hono, deps: OperatorDeps): void {
  router.get('/postmortems', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const incidentId = c.req.query('incident')
    const [postmortems, resolved] = await Promise.all([deps.postmortems.list(incidentId === undefined ? {} : { incidentId }), deps.incidents.incidents({ status: 'resolved', limit: 50 })])
    const refs = await incidentRefs(deps, [...postmortems.flatMap((postmortem) => postmortem.incidentIds), ...(incidentId === undefined ? [] : [incidentId])])
    const choices = resolved.items.map((incident) => ({ id: incident.id, title: incident.title, resolved: true }))
    const filteredBy = incidentId === undefined ? null : (refs.get(incidentId) ?? null)
    return renderOperatorPage(
      c,
      { title: 'Postmortems', siteName: deps.title, session, flash: takeFlash(c) },
      <PostmortemList csrf={session.csrfToken} postmortems={postmortems} incidents={refs} resolved={choices} filteredBy={filteredBy} />,
    )
  })

  router.post('/postmortems', requireSession(deps), async (c) => {
    const form = await c.req.parseBody({ all: true })
    const incidentIds = valuesOfForm(form, 'incident')
    const back = incidentIds.length === 1 ? `/operator/incidents/${incidentIds[0]}` : LIST
    if (incidentIds.length === 0) {
      setFlash(c, deps, 'error', 'Not saved: pick at least one resolved incident.')
      return c.redirect(LIST, 303)
    }
    try {
      const created = await deps.postmortems.create({ incidentIds }, writerOf(c.get('operatorSession')!))
      setFlash(c, deps, 'done', 'Draft written from the stored evidence.')
      return c.redirect(editorPath(created.id), 303)
    } catch (error) {
      const refusal = refusalOf(error)
      if (refusal === null) throw error
      setFlash(c, deps, 'error', `Not saved: ${refusal.message}`)
      return c.redirect(back, 303)
    }
  })
}

function registerEditor(router: Hono, deps: OperatorDeps): void {
  router.get('/postmortems/:id', requireSession(deps), async (c) => {
    const postmortem = await deps.postmortems.get(c.req.param('id'))
    if (postmortem === null) return notFoundPage(c, deps, 'No such postmortem.')
    return editorResponse(c, deps, postmortem)
  })

  router.post('/postmortems/:id', requireSession(deps), async (c) => {
    const form = await c.req.parseBody({ all: true })
    const current = await deps.postmortems.get(c.req.param('id'))
    if (current === null) return notFoundPage(c, deps, 'No such postmortem.')
    const values = valuesFromForm(form, current)
    const stale = (latest: Postmortem) => {
      const message = `Not saved: this postmortem was changed by someone else meanwhile (you started from revision ${values.revision}, it is now at ${latest.revision}). Your input is kept below; compare with the revisions, then save again to replace their changes.`
      return editorResponse(c, deps, latest, { values: { ...values, revision: latest.revision }, errors: [{ name: '', message }], status: 409 })
    }
    if (values.revision !== current.revision && Number.isInteger(values.revision)) return stale(current)
    let rowOfItem: number[] = []
    try {
      const built = editOf(values, current)
      rowOfItem = built.rowOfItem
      await deps.postmortems.update(current.id, built.edit, writerOf(c.get('operatorSession')!))
    } catch (error) {
      if (error instanceof EditorInputError) return editorResponse(c, deps, current, { values, errors: error.errors, status: 400 })
      const refusal = refusalOf(error)
      if (refusal === null) throw error
      const latest = (await deps.postmortems.get(current.id)) ?? current
      if (latest.revision !== current.revision) return stale(latest)
      return editorResponse(c, deps, current, { values, errors: fieldErrorsOf(refusal, rowOfItem), status: 400 })
    }
    setFlash(c, deps, 'done', 'Saved.')
    return c.redirect(editorPath(current.id), 303)
  })

  router.post('/postmortems/:id/refresh', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    return workflowWrite(c, deps, id, async () => {
      await deps.postmortems.refreshEvidence(id, Number.parseInt(field(form, 'revision'), 10), writerOf(c.get('operatorSession')!))
      return 'Timeline and measured impact rebuilt from the stored evidence; annotations and notes kept.'
    })
  })

  router.post('/postmortems/:id/transition', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    const to = field(form, 'to') as PostmortemStatus
    return workflowWrite(c, deps, id, async () => {
      const notify = to === 'published' ? notifyOf(form) : false
      await deps.postmortems.transition(id, to, { revision: Number.parseInt(field(form, 'revision'), 10), notify }, writerOf(c.get('operatorSession')!))
      return TRANSITION_DONE[to](notify) // `to` is a status: the service refused any other
    })
  })
}

/**
 * Registers the postmortem pages on the operator router (paths relative to `/operator`).
 *
 * @example
 * registerPostmortemPages(router, deps)
 */
export function registerPostmortemPages(router: Hono, deps: OperatorDeps): void {
  registerListAndCreate(router, deps)
  registerPreview(router, deps)
  registerEditor(router, deps)
}
