/**
 * Errors of marks that incidents' error classes do not name: each with a stable code and the
 * HTTP status an API answers with (they extend `IncidentsError`, so the one mapping applies).
 *
 * @module
 */
import { IncidentsError } from '../incidents/index.js'

/**
 * No mark with that id.
 *
 * @example
 * throw new MarkNotFoundError('0193…')
 */
export class MarkNotFoundError extends IncidentsError {
  readonly code = 'NOT_FOUND'
  readonly status = 404
  constructor(readonly id: string) {
    super(`no mark with id ${id}`)
    this.name = 'MarkNotFoundError'
  }
}
