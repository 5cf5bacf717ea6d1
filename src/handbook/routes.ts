/**
 * The handbook's public routes: `/handbook` (index and `?q=` search), `/handbook/<slug>` (404
 * unknown, 410 removed) and `/handbook/<slug>/history`. Everything is read from the stored
 * revisions, so every server shows the same handbook.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import type { Store } from '../store/index.js'
import { renderMessagePage } from '../web/incident-page.js'
import type { PageContext } from '../web/layout.js'
import { renderHandbookHistory, renderHandbookIndex, renderHandbookPage } from './pages.js'
import { searchHandbook } from './search.js'

/** What the handbook routes read. */
export interface HandbookRoutesDeps {
  store: Store
  /** The page context (language, site) of a request. */
  context: (c: Context) => PageContext
  /** The public base URL of a request, for canonical links. */
  base: (c: Context) => string
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/
const CACHE = { 'cache-control': 'public, max-age=60' }

function byOrder(a: { order: number | null; title: string }, b: { order: number | null; title: string }): number {
  return (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.title.localeCompare(b.title)
}

/**
 * Registers the handbook routes on `app`.
 *
 * @example
 * registerHandbookRoutes(app, { store, context, base })
 */
export function registerHandbookRoutes(app: Hono, deps: HandbookRoutesDeps): void {
  const missing = (c: Context, ctx: PageContext) => c.html(renderMessagePage({ ctx, title: ctx.t.notFound, message: ctx.t.handbook.noSuchPage, path: c.req.path }), 404)

  app.get('/handbook', async (c) => {
    const ctx = deps.context(c)
    const pages = (await deps.store.handbook.current()).filter((page) => !page.removed).sort(byOrder)
    const query = (c.req.query('q') ?? '').trim().slice(0, 200)
    const hits = query === '' ? null : searchHandbook(pages, query)
    return c.html(renderHandbookIndex({ ctx, pages, query, hits }), 200, CACHE)
  })

  app.get('/handbook/:slug', async (c) => {
    const ctx = deps.context(c)
    const slug = c.req.param('slug')
    const page = SLUG.test(slug) ? (await deps.store.handbook.history(slug))[0] : undefined
    if (page === undefined) return missing(c, ctx)
    if (page.removed) {
      const message = ctx.t.handbook.pageRemoved(new Date(page.recordedAt).toISOString().slice(0, 10))
      return c.html(renderMessagePage({ ctx, title: ctx.t.handbook.removedTitle, message, path: c.req.path }), 410)
    }
    return c.html(renderHandbookPage({ ctx, page, canonical: `${deps.base(c)}/handbook/${slug}` }), 200, CACHE)
  })

  app.get('/handbook/:slug/history', async (c) => {
    const ctx = deps.context(c)
    const slug = c.req.param('slug')
    const revisions = SLUG.test(slug) ? await deps.store.handbook.history(slug) : []
    if (revisions.length === 0) return missing(c, ctx)
    return c.html(renderHandbookHistory({ ctx, revisions }), 200, CACHE)
  })
}
