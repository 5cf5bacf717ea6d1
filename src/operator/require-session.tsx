/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The gate in front of every operator page and form: no live session → to the sign-in page
 * (303, remembering a GET's path); a token below the route's scope → a 403 page.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import { scopeAllows } from '../api/auth/index.js'
import type { TokenScope } from '../store/index.js'
import type { OperatorDeps } from './deps.js'
import { renderOperatorPage } from './layout.js'

/** Where the sign-in page lives. */
export const SIGN_IN_PATH = '/operator/sign-in'

/** A path under `/operator` that is safe to return to after signing in, else `/operator`. */
export function safeReturnPath(candidate: string | undefined): string {
  return candidate !== undefined && /^\/operator(\/[A-Za-z0-9/_.-]*)?(\?[A-Za-z0-9=&_.%-]*)?$/.test(candidate) ? candidate : '/operator'
}

/** A 403 page saying why, in the operator frame. */
export function forbiddenPage(c: Context, deps: Pick<OperatorDeps, 'title'>, message: string): Response {
  return renderOperatorPage(c, { title: 'Not allowed', siteName: deps.title, session: c.get('operatorSession') }, <p>{message}</p>, 403)
}

/**
 * Requires a live session whose token has at least `scope` (default `operator`).
 *
 * @example
 * router.get('/maintenance', requireSession(deps), (c) => …)
 */
export function requireSession(deps: Pick<OperatorDeps, 'title'>, scope: TokenScope = 'operator'): MiddlewareHandler {
  return async (c, next) => {
    const session = c.get('operatorSession')
    if (session === undefined) {
      const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(safeReturnPath(c.req.path))}` : ''
      return c.redirect(`${SIGN_IN_PATH}${back}`, 303)
    }
    if (!scopeAllows(session.scope, scope)) return forbiddenPage(c, deps, `This needs a token of scope ${scope}; "${session.actor}" has ${session.scope}.`)
    return next()
  }
}

/** A 404 page in the operator frame. */
export function notFoundPage(c: Context, deps: Pick<OperatorDeps, 'title'>, message: string): Response {
  return renderOperatorPage(c, { title: 'Not found', siteName: deps.title, session: c.get('operatorSession') }, <p>{message}</p>, 404)
}
