/**
 * Errors of the declared status model, each with a stable code and the HTTP status the API
 * answers with, so the one error mapping in `api/` needs no knowledge of this layer.
 *
 * @module
 */

/** One problem with an input: where (a dotted path) and what. */
export interface InputIssue {
  path: string
  message: string
}

/** The base class: a stable `code` and an HTTP `status`. */
export abstract class IncidentsError extends Error {
  abstract readonly code: string
  abstract readonly status: 404 | 409 | 410 | 422
}

/** The kinds of object the service writes. */
export type ObjectType = 'incident' | 'maintenance' | 'maintenance-series' | 'component' | 'template' | 'notice'

/**
 * The input is well-formed but not acceptable (a time in the future, before the previous update,
 * an end before its start, an unknown component). The API answers 422 with every issue.
 *
 * @example
 * throw new InvalidInputError([{ path: 'at', message: 'must not be in the future' }])
 */
export class InvalidInputError extends IncidentsError {
  readonly code = 'INVALID_INPUT'
  readonly status = 422
  constructor(readonly issues: readonly InputIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '))
    this.name = 'InvalidInputError'
  }
}

/**
 * The object is declared in config; only a config reload may change it. Names the `file:line`.
 *
 * @example
 * new ManagedByConfigError('maintenance', 'db-upgrade', 'glasshouse.yaml:42').message
 * // 'maintenance "db-upgrade" is declared in glasshouse.yaml:42; change it there'
 */
export class ManagedByConfigError extends IncidentsError {
  readonly code = 'MANAGED_BY_CONFIG'
  readonly status = 409
  constructor(
    readonly objectType: ObjectType,
    readonly objectName: string,
    readonly source: string,
  ) {
    super(`${objectType} "${objectName}" is declared in ${source}; change it there`)
    this.name = 'ManagedByConfigError'
  }
}

/**
 * The write conflicts with the object's state (reopening a resolved incident, cancelling a
 * cancelled or completed window).
 */
export class StateConflictError extends IncidentsError {
  readonly code = 'STATE_CONFLICT'
  readonly status = 409
  constructor(message: string) {
    super(message)
    this.name = 'StateConflictError'
  }
}

/** No such incident or window. */
export class NotFoundError extends IncidentsError {
  readonly code = 'NOT_FOUND'
  readonly status = 404
  constructor(readonly objectType: ObjectType, readonly id: string) {
    super(`no ${objectType} with id ${id}`)
    this.name = 'NotFoundError'
  }
}

/**
 * The incident (or update) was retracted: it is gone from every list, and its permalink answers
 * 410 with when and why. Writes to it answer the same.
 *
 * @example
 * new RetractedError('incident', id, 1_800_000_000_000, 'Posted to the wrong status page').message
 */
export class RetractedError extends IncidentsError {
  readonly code = 'RETRACTED'
  readonly status = 410
  constructor(
    readonly objectType: 'incident' | 'update',
    readonly id: string,
    readonly retractedAt: number,
    readonly reason: string,
  ) {
    super(`${objectType} ${id} was retracted at ${new Date(retractedAt).toISOString()}: ${reason}`)
    this.name = 'RetractedError'
  }
}
