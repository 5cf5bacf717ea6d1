/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The operator UI's own small frame: the public theme's stylesheet plus a few form rules, a
 * header with the site name, the navigation and sign-out, and the flash message. No script.
 *
 * @module
 */
import type { Context } from 'hono'
import type { Child, FC } from 'hono/jsx'
import type { Flash } from './flash.js'
import { CsrfField } from './csrf.js'
import type { OperatorSession } from './sessions.js'

/** Where the operator stylesheet is served. */
export const OPERATOR_STYLESHEET = '/operator/assets/operator.css'

/** What every operator page shows around its content. */
export interface OperatorPageProps {
  title: string
  /** The site's name, shown in the header. */
  siteName: string
  /** The signed-in operator; without one, no navigation. */
  session?: OperatorSession | undefined
  flash?: Flash | null
  children?: Child
}

/** The flash message, as a status line screen readers announce. */
export const FlashMessage: FC<{ flash: Flash | null | undefined }> = ({ flash }) =>
  flash === null || flash === undefined ? (
    ''
  ) : (
    <p class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.text}
    </p>
  )

/**
 * The document frame of every operator page.
 *
 * @example
 * <OperatorLayout title="Dashboard" siteName="Example Cloud" session={session}>…</OperatorLayout>
 */
export const OperatorLayout: FC<OperatorPageProps> = ({ title, siteName, session, flash, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{`${title} · ${siteName} operator`}</title>
      <link rel="stylesheet" href={OPERATOR_STYLESHEET} />
    </head>
    <body class="operator">
      <header class="site">
        <a class="brand" href="/operator">
          <span class="name">{siteName}</span> <span class="muted">operator</span>
        </a>
        {session === undefined ? (
          ''
        ) : (
          <nav aria-label="operator">
            <a href="/operator">Dashboard</a> · <a href="/operator/incidents/new">New incident</a> · <a href="/operator/maintenance">Maintenance</a> · <a href="/operator/catalog">Catalogue</a> · <a href="/operator/postmortems">Postmortems</a> ·{' '}
            {session.scope === 'admin' ? <><a href="/operator/audit">Audit trail</a> ·{' '}</> : ''}
            <a href="/" target="_blank" rel="noopener">Public page</a> ·{' '}
            <form method="post" action="/operator/sign-out" class="inline">
              <CsrfField token={session.csrfToken} />
              <button type="submit" class="link">
                Sign out {session.actor}
              </button>
            </form>
          </nav>
        )}
      </header>
      <main id="main">
        <h1>{title}</h1>
        <FlashMessage flash={flash} />
        {children ?? ''}
      </main>
    </body>
  </html>
)

/**
 * Answers with an operator page.
 *
 * @example
 * return renderOperatorPage(c, { title: 'Dashboard', siteName, session }, <Dashboard … />)
 */
export function renderOperatorPage(c: Context, props: Omit<OperatorPageProps, 'children'>, content: Child, status: 200 | 400 | 401 | 403 | 404 | 409 | 429 = 200): Response {
  const page = <OperatorLayout {...props}>{content}</OperatorLayout>
  return c.html(`<!doctype html>${page.toString()}`, status)
}
