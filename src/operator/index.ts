/**
 * The operator UI under `/operator`: server-rendered forms (no script needed) through which
 * operators sign in with an API token and post incidents, updates and one-click states — every
 * write through the incident service, as every other door.
 *
 * ## Contract for form modules (e.g. `src/operator/maintenance/`)
 *
 * A module exports `register…(router, deps)` and is called from {@link registerOperatorUi}
 * with the operator router (mounted at `/operator`; register paths relative to it, e.g.
 * `router.get('/maintenance', …)`) and {@link OperatorDeps}. The router already runs, in order:
 *
 * 1. {@link operatorSecurityHeaders} — CSP without script, `frame-ancestors 'none'`,
 *    `Cache-Control: no-store`, `Referrer-Policy: same-origin` on every response;
 * 2. {@link loadSession} — `c.get('operatorSession')` is the live {@link OperatorSession} or
 *    undefined (expired, idle, revoked-token sessions are deleted here);
 * 3. {@link csrfProtection} — EVERY non-GET request without the session's `_csrf` field gets a
 *    403 page before any handler runs. Put `<CsrfField token={session.csrfToken} />` in every
 *    `<form method="post">`; there is nothing to verify in the handler.
 *
 * Each route adds {@link requireSession}`(deps, scope?)` (default scope `operator`): no session →
 * 303 to the sign-in page; too weak a token → 403 page. Pages render with
 * {@link renderOperatorPage}`(c, { title, siteName: deps.title, session, flash: takeFlash(c) }, content)`.
 * A form handler writes through `deps.incidents` with the writer {@link writerOf}`(session)`,
 * then {@link setFlash}s a message and answers `c.redirect(path, 303)`; an
 * `IncidentsError` becomes a flash with {@link describeError} and a 303 back to the form.
 * The root app calls `status.changed()` after every non-GET 2xx/3xx, so the public page shows
 * the change at once.
 *
 * @module
 */
import { Hono } from 'hono'
import { PageSchema } from '../config/index.js'
import type { OperatorDeps } from './deps.js'
import { csrfProtection } from './csrf.js'
import { loadSession } from './sessions.js'
import { forbiddenPage, notFoundPage, SIGN_IN_PATH } from './require-session.js'
import { operatorSecurityHeaders } from './security-headers.js'
import { registerSignIn } from './sign-in.js'
import { signInLimiter } from './sign-in-limit.js'
import { operatorStyles } from './stylesheet.js'
import { registerDashboard } from './dashboard.js'
import { registerIncidentForms } from './incident-forms.js'
import { registerMaintenanceForms } from './maintenance/index.js'
import { registerCatalogPages } from './catalog/index.js'
import { registerPostmortemPages } from './postmortems/index.js'
import { registerAuditViewer } from './audit/index.js'

export type { OperatorDeps } from './deps.js'
export { OperatorSchema, type OperatorConfig } from './operator-schema.js'
export { CsrfField, CSRF_FIELD, csrfMatches, csrfProtection } from './csrf.js'
export { FlashMessage, OperatorLayout, renderOperatorPage, type OperatorPageProps } from './layout.js'
export { setFlash, takeFlash, type Flash } from './flash.js'
export { forbiddenPage, notFoundPage, requireSession, SIGN_IN_PATH } from './require-session.js'
export { loadSession, OPERATOR_PATH, SESSION_COOKIE, type OperatorSession } from './sessions.js'
export { operatorSecurityHeaders, OPERATOR_CSP } from './security-headers.js'
export { describeError, writerOf } from './writes.js'

/** The operator router as form modules receive it. */
export type OperatorRouter = Hono

/**
 * Mounts the operator UI at `/operator` on `app`.
 *
 * @example
 * registerOperatorUi(app, { store, incidents, status, clock, title, settings: () => config.operator, page: () => config.page, log })
 */
export function registerOperatorUi(app: Hono, deps: OperatorDeps): void {
  const router: OperatorRouter = new Hono()
  router.use('*', operatorSecurityHeaders())
  router.use('*', loadSession(deps))
  router.use('*', csrfProtection(SIGN_IN_PATH, (c) => forbiddenPage(c, deps, 'This form has expired or did not come from this site: nothing was changed. Go back, reload the page and try again.')))
  router.get('/assets/operator.css', (c) => c.body(operatorStyles((deps.page() ?? PageSchema.parse({})).colours), 200, { 'content-type': 'text/css; charset=utf-8' }))
  registerSignIn(router, deps, signInLimiter(() => deps.settings().signInRateLimit, deps.clock))
  registerDashboard(router, deps)
  registerIncidentForms(router, deps)
  registerMaintenanceForms(router, deps)
  registerCatalogPages(router, deps)
  registerPostmortemPages(router, deps)
  registerAuditViewer(router, deps)
  // last, so it answers only what no route above did (a sub-app's notFound is not used once mounted)
  router.get('*', (c) => notFoundPage(c, deps, 'Nothing here.'))
  app.route('/operator', router)
}
