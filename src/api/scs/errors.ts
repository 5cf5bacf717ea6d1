/**
 * Errors of the SCS API: RFC 9457 problem details plus the reference server's `message` field,
 * and the mapping of the status model's errors to the reference server's status codes (its
 * validation answers 400 where the native API answers 422).
 *
 * @module
 */
import type { Context } from 'hono'
import { IncidentsError } from '../../incidents/index.js'
import { ApiError, problemBody, type Problem } from '../problem.js'

/** A problem body as the SCS API sends it. */
export type ScsProblem = Problem & { message: string }

/**
 * Renders `error` as problem+json with `message` (= detail, else title).
 *
 * @example
 * return scsProblem(c, new ApiError(404, 'not-found', 'Not found', 'no component 0190…'))
 */
export function scsProblem(c: Context, error: ApiError): Response {
  const body: ScsProblem = { ...problemBody(c, error), message: error.detail ?? error.title }
  return c.body(JSON.stringify(body), error.status, { 'content-type': 'application/problem+json' })
}

/** A 400 for a request the reference server rejects too. */
export function badRequest(detail: string, errors?: { path: string; message: string }[]): ApiError {
  return new ApiError(400, 'invalid-request', 'Invalid request', detail, errors)
}

/** A 404 naming what was not found. */
export function notFound(detail: string): ApiError {
  return new ApiError(404, 'not-found', 'Not found', detail)
}

/**
 * Runs `work`, turning the status model's errors into API errors: invalid input → 400 (as the
 * reference server), not found and retracted → 404 (the spec knows no 410), conflicts → 409.
 *
 * @example
 * await scsMapped(() => incidents.addUpdate(id, input, writer))
 */
export async function scsMapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof IncidentsError)) throw error
    const issues = 'issues' in error ? (error.issues as { path: string; message: string }[]) : undefined
    if (error.status === 422) throw badRequest(error.message, issues)
    if (error.status === 410) throw notFound(error.message)
    throw new ApiError(error.status, error.code.toLowerCase().replaceAll('_', '-'), error.name, error.message, issues)
  }
}

/** The reason of an SCS DELETE (a retraction): `?reason=` when given, else a generic one (SCS clients send none). */
export function retractionReason(c: Context): string {
  return c.req.query('reason')?.trim() || 'Withdrawn through the SCS API'
}
