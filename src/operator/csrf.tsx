/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * CSRF protection by synchronizer token: every operator form carries a hidden `_csrf` field
 * derived from the session's secret (or, for the sign-in form, from a nonce cookie), and one
 * middleware in front of every operator route refuses any non-GET request whose field does not
 * match (constant-time compare) with a 403 page — before any handler runs, so a new form route
 * cannot forget it.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { FC } from 'hono/jsx'
import { csrfTokenFor, SESSION_COOKIE } from './sessions.js'

/** The form field every operator form carries. */
export const CSRF_FIELD = '_csrf'

/** The cookie holding the sign-in form's nonce (before there is a session). */
export const SIGN_IN_COOKIE = 'gh_operator_sign_in'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The hidden CSRF field; put it in every operator `<form method="post">`.
 *
 * @example
 * <form method="post" action="/operator/incidents"><CsrfField token={session.csrfToken} />…</form>
 */
export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name={CSRF_FIELD} value={token} />

/**
 * Whether `presented` equals `expected`, in time independent of where they differ.
 *
 * @example
 * csrfMatches(session.csrfToken, form._csrf) // true for the session's own forms
 */
export function csrfMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(presented, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The token a form posted to `path` must carry, from the request's cookies; null when it cannot carry any. */
function expectedToken(c: Context, signInPath: string): string | null {
  if (c.req.path === signInPath) {
    const nonce = getCookie(c, SIGN_IN_COOKIE)
    return nonce === undefined || nonce === '' ? null : csrfTokenFor(nonce, 'sign-in')
  }
  const sessionId = getCookie(c, SESSION_COOKIE)
  return sessionId === undefined || sessionId === '' ? null : csrfTokenFor(sessionId, 'session')
}

/**
 * Refuses every unsafe request without the right `_csrf` field with `refuse(c)` (a 403 page).
 * The sign-in form (`signInPath`) is checked against its nonce cookie, every other form against
 * the session cookie.
 *
 * @example
 * router.use('*', csrfProtection('/operator/sign-in', (c) => forbiddenPage(c)))
 */
export function csrfProtection(signInPath: string, refuse: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const expected = expectedToken(c, signInPath)
    const form = expected === null ? {} : await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    if (expected === null || !csrfMatches(expected, (form as Record<string, unknown>)[CSRF_FIELD])) return refuse(c)
    return next()
  }
}
