/**
 * RFC 9457 problem details: the one shape of every API error, and the one place errors map to it.
 *
 * @module
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from '@hono/zod-openapi'

declare module 'hono' {
  interface ContextVariableMap {
    /** The id of the request, echoed in `x-request-id` and in problem bodies. */
    requestId: string
  }
}

/** The problem+json body. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://glasshouse.dev/problems/not-found' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')
export type Problem = z.infer<typeof ProblemSchema>

/** An error a route throws on purpose; {@link problemResponse} renders it. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(detail ?? title)
  }
}

const PROBLEM_BASE = 'https://glasshouse.dev/problems/'

/**
 * The RFC 9457 body of `error` for the request in `c`; an API with extra members (the SCS
 * API's `message`) spreads it into its own.
 *
 * @example
 * const body = { ...problemBody(c, error), message: error.detail ?? error.title }
 */
export function problemBody(c: Context, error: ApiError): Problem {
  return {
    type: PROBLEM_BASE + error.slug,
    title: error.title,
    status: error.status,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    instance: new URL(c.req.url).pathname,
    ...(c.get('requestId') === undefined ? {} : { requestId: c.get('requestId') }),
    ...(error.errors === undefined ? {} : { errors: error.errors }),
  }
}

/**
 * Renders a problem+json response for the request in `c`.
 *
 * @example
 * return problemResponse(c, new ApiError(404, 'not-found', 'Not found', 'no component "db"'))
 */
export function problemResponse(c: Context, error: ApiError): Response {
  return c.body(JSON.stringify(problemBody(c, error)), error.status, { 'content-type': 'application/problem+json' })
}

/** Turns a Zod validation failure of a request into a 400 problem listing every issue. */
export function validationProblem(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ApiError {
  const errors = issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(request)', message: issue.message }))
  return new ApiError(400, 'invalid-request', 'Invalid request', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors)
}
