/**
 * How an operator form writes: as the session's token name, through the incident service, with
 * a refused write turned into a flash message and a 303 back to the form (nothing half done —
 * the service applies all or nothing).
 *
 * @module
 */
import type { Context } from 'hono'
import { IncidentsError, type Writer } from '../incidents/index.js'
import type { OperatorDeps } from './deps.js'
import { setFlash } from './flash.js'
import type { OperatorSession } from './sessions.js'

/**
 * The writer of a session's writes: its token's name, as the API would record it.
 *
 * @example
 * await deps.incidents.addUpdate(id, { text }, writerOf(session))
 */
export function writerOf(session: OperatorSession): Writer {
  return { actor: session.actor, door: 'api' }
}

/**
 * The operator-facing message of a refused write, or null when `error` is not a refusal (a
 * failure, which the server logs and answers with 500).
 *
 * @example
 * describeError(new StateConflictError('the incident is resolved')) // 'the incident is resolved'
 */
export function describeError(error: unknown): string | null {
  if (error instanceof IncidentsError) return error.message
  return null
}

/**
 * Runs a form's write: on success flashes `done` (or what `work` returns) and redirects to
 * `to` (or to what `work` returns); a refusal flashes its reason and redirects to `back`.
 *
 * @example
 * return submitForm(c, deps, { back: `/operator/incidents/${id}` }, async () => { await deps.incidents.addUpdate(…); return { done: 'Update posted' } })
 */
export async function submitForm(c: Context, deps: Pick<OperatorDeps, 'page'>, paths: { back: string }, work: () => Promise<{ done: string; to?: string }>): Promise<Response> {
  try {
    const { done, to } = await work()
    setFlash(c, deps, 'done', done)
    return c.redirect(to ?? paths.back, 303)
  } catch (error) {
    const message = describeError(error)
    if (message === null) throw error
    setFlash(c, deps, 'error', `Not saved: ${message}`)
    return c.redirect(paths.back, 303)
  }
}

/** A form field as a trimmed string ('' when absent or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name]
  return typeof value === 'string' ? value.trim() : ''
}
