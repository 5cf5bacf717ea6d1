/**
 * The embeds: badges, the iframe widget `/embed` (the only route that may be framed by any site:
 * `Content-Security-Policy: frame-ancestors *`) and the copyable snippet `/embed/snippet.html`.
 * All carry an ETag and the public cache headers.
 *
 * @module
 */
import type { Hono } from 'hono'
import { cachedResponse, requestBase, visibleComponents, type BaseSettings } from '../api/statuspage/index.js'
import type { Clock } from '../core/clock.js'
import type { StatusReader } from '../status/index.js'
import { worstState } from '../status/index.js'
import type { Store } from '../store/index.js'
import type { PageDataReader } from '../web/index.js'
import { registerBadges } from './badge-routes.js'
import { embedLanguage } from './public-view.js'
import { renderSnippet, renderWidget } from './widget.js'

/** What the embeds read. */
export interface EmbedDeps extends BaseSettings {
  store: Store
  status: StatusReader
  clock: Clock
  /** The page's name (`page.name`, else `server.title`), read at each use. */
  name: () => string
  /** The records' time zone, read at each use. */
  timeZone: () => string
  /** The page data the public pages read too (one reader per server: the badges' uptime comes from it). */
  pageData: PageDataReader
}

/** The widget's policy: nothing loads, inline styles only, any site may frame it. */
const WIDGET_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *"
const VARY = 'Accept-Language'

/**
 * Registers `/badge/…`, `/embed` and `/embed/snippet.html` on `app`.
 *
 * @example
 * registerEmbeds(app, { store, status, clock, name: () => 'Example Cloud', timeZone: () => 'UTC', pageData, page: () => config.page })
 */
export function registerEmbeds(app: Hono, deps: EmbedDeps): void {
  const base = requestBase(deps)
  registerBadges(app, { status: deps.status, pageData: deps.pageData })

  app.get('/embed', async (c) => {
    const { lang, t } = embedLanguage(c)
    const snapshot = await deps.status.current()
    const components = visibleComponents(snapshot)
    const overall = worstState(components.map((component) => component.state))
    const html = renderWidget({ name: deps.name(), base: base(c), lang, t, overall, components, generatedAt: snapshot.generatedAt })
    return cachedResponse(c, html, 'text/html; charset=UTF-8', { vary: VARY, 'content-security-policy': WIDGET_CSP })
  })

  app.get('/embed/snippet.html', async (c) => {
    const { lang, t } = embedLanguage(c)
    const componentCount = visibleComponents(await deps.status.current()).length
    return cachedResponse(c, renderSnippet({ name: deps.name(), base: base(c), lang, t, componentCount }), 'text/html; charset=UTF-8', { vary: VARY })
  })
}
