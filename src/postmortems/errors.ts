/**
 * Errors of the postmortem service. They extend the incidents' error base, so the one mapping
 * of the doors (API problem + status, operator flash) applies unchanged.
 *
 * @module
 */
import { IncidentsError } from '../incidents/index.js'

/** No postmortem with this id (404). */
export class PostmortemNotFoundError extends IncidentsError {
  readonly code = 'NOT_FOUND'
  readonly status = 404
  constructor(readonly id: string) {
    super(`no postmortem with id ${id}`)
    this.name = 'PostmortemNotFoundError'
  }
}

/**
 * The edit started from a revision that is no longer the current one: someone saved in between
 * (409). The author reloads, sees the other change, and saves again.
 *
 * @example
 * new RevisionConflictError('0190…', 3, 4).message // 'postmortem 0190… is at revision 4, not 3; reload and apply your change again'
 */
export class RevisionConflictError extends IncidentsError {
  readonly code = 'REVISION_CONFLICT'
  readonly status = 409
  constructor(
    readonly id: string,
    readonly stale: number,
    readonly current: number,
  ) {
    super(`postmortem ${id} is at revision ${current}, not ${stale}; reload and apply your change again`)
    this.name = 'RevisionConflictError'
  }
}
