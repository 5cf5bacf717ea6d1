/**
 * The public HTML routes: `/` (cached per status snapshot, page data and language; a location
 * tab `/?location=` is rendered per request), `/incidents/<id>`, `/history`, `/availability`,
 * `/components/<name>` and `/assets/<file>`. Every page picks
 * its language from `?lang=` (the switch, which sets a cookie), the cookie, then
 * `Accept-Language`, and says so in `Vary`.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { PageConfig } from '../config/index.js'
import type { Clock } from '../core/clock.js'
import { seriesId } from '../core/series.js'
import { createIncidentService } from '../incidents/index.js'
import { bucketsBetween } from '../records/index.js'
import type { StatusReader, StatusSnapshot } from '../status/index.js'
import type { Store } from '../store/index.js'
import type { HotResponses } from '../server/hot-responses.js'
import { PUBLIC_CACHE_CONTROL } from '../api/statuspage/public-cache.js'
import { registerHandbookRoutes } from '../handbook/index.js'
import { componentPostmortems, incidentPostmortems, postmortemsByIncident, registerPostmortemPages, type PublishedPostmortems } from '../postmortems/public/index.js'
import { loadAssets } from './assets.js'
import { availabilityPage } from './availability-route.js'
import { renderComponentPage, type ResponseSeries } from './component-page.js'
import { acceptsGzip, encodePage, type EncodedPage } from './encoded-page.js'
import { loadHistory } from './history-entries.js'
import { renderHistoryPage } from './history-page.js'
import { parseHistoryQuery } from './history-query.js'
import { homeVariant } from './home-variant.js'
import { homeAtLocation } from './location-home.js'
import { catalogue, LANGUAGE_COOKIE, pickLanguage, switchedLanguage } from './i18n/index.js'
import { renderIncidentPage, renderMessagePage } from './incident-page.js'
import type { PagePhaseNames } from './incidents-section.js'
import { siteOf, type PageContext, type Site } from './layout.js'
import type { PageData, PageDataReader } from './page-data.js'
import { baseUrl, trustedProxies, type ProxyTrust } from './public-url.js'
import { renderStatusPage } from './status-page.js'

/** What the public pages read. */
export interface PublicPagesDeps {
  store: Store
  status: StatusReader
  clock: Clock
  title: string
  /** The `page:` config, read at each use (a reload may change it). */
  page: () => PageConfig
  /** `server.publicUrl`, the fallback of `page.publicUrl`. */
  serverPublicUrl?: () => string | undefined
  phaseNames: () => PagePhaseNames
  recordsTimeZone: () => string
  /** The page data (history bars, uptime, maintenance), shared with the badges. */
  pageData: PageDataReader
  /** Where `/` offers its encoded answer for the server's fast path (see src/server/hot-responses.ts). */
  hot?: HotResponses
  /** Published postmortems: their pages, and the links on incident, history and component pages. */
  postmortems: PublishedPostmortems
}

const YEAR_SECONDS = 365 * 24 * 3600
const HOUR_MS = 3_600_000
const VARY = 'accept-language, cookie'

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/**
 * Registers the public pages on `app`.
 *
 * @example
 * registerPublicPages(app, { store, status, clock, title, page: () => config.page, phaseNames: () => config.phases, recordsTimeZone: () => config.records.timeZone, pageData, postmortems })
 */
export function registerPublicPages(app: Hono, deps: PublicPagesDeps): void {
  const data = deps.pageData
  const assets = loadAssets()
  let resolved: { page: PageConfig; site: Site; trust: ProxyTrust } | null = null
  const settings = () => {
    const page = deps.page()
    if (resolved?.page !== page) resolved = { page, site: siteOf(page, deps.title), trust: trustedProxies(page.trustedProxies) }
    return resolved
  }

  /** The language of a request; a `?lang=` switch also sets the cookie. */
  const context = (c: Context): PageContext => {
    const lang = pickLanguage({ query: c.req.query('lang'), cookie: getCookie(c, LANGUAGE_COOKIE), acceptLanguage: c.req.header('accept-language') })
    if (switchedLanguage(c.req.query('lang')) !== null) setCookie(c, LANGUAGE_COOKIE, lang, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'Lax', httpOnly: true })
    c.header('vary', VARY)
    return { site: settings().site, t: catalogue(lang), lang }
  }
  const base = (c: Context): string =>
    baseUrl(
      { publicUrl: settings().page.publicUrl ?? deps.serverPublicUrl?.(), trust: settings().trust },
      { peer: peerAddress(c), host: c.req.header('host'), forwardedProto: c.req.header('x-forwarded-proto'), forwardedHost: c.req.header('x-forwarded-host') },
    )
  const notFound = (c: Context, ctx: PageContext, message: string) => c.html(renderMessagePage({ ctx, title: ctx.t.notFound, message, path: c.req.path }), 404)

  const rendered = new WeakMap<StatusSnapshot, Map<string, Promise<EncodedPage>>>()
  const renderHome = (snapshot: StatusSnapshot, pageData: PageData, ctx: PageContext): Promise<EncodedPage> => {
    const key = `${ctx.lang}:${pageData.readAt}`
    let pages = rendered.get(snapshot)
    if (pages === undefined) rendered.set(snapshot, (pages = new Map()))
    let page = pages.get(key)
    if (page === undefined) {
      page = renderStatusPage({ ctx, snapshot, data: pageData, phaseNames: deps.phaseNames() }).then(encodePage)
      for (const older of pages.keys()) if (!older.endsWith(`:${pageData.readAt}`)) pages.delete(older)
      pages.set(key, page)
    }
    return page
  }
  deps.hot?.route('/', homeVariant)

  app.get('/', async (c) => {
    const ctx = context(c)
    const [snapshot, pageData] = await Promise.all([deps.status.current(), data.current()])
    const location = c.req.query('location')
    if (location !== undefined) return homeAtLocation(c, { ctx, snapshot, pageData, location, phaseNames: deps.phaseNames() })
    const etag = `W/"${snapshot.generatedAt.toString(36)}-${pageData.readAt.toString(36)}-${ctx.lang}"`
    const switched = switchedLanguage(c.req.query('lang')) !== null
    const headers: Record<string, string> = { 'cache-control': switched ? 'private, max-age=5' : PUBLIC_CACHE_CONTROL, etag, vary: `accept-encoding, ${VARY}` }
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
    const page = await renderHome(snapshot, pageData, ctx)
    headers['content-type'] = 'text/html; charset=UTF-8'
    if (c.req.path === '/' && !c.req.url.includes('?')) {
      deps.hot?.offer('/', ctx.lang, { headers: { ...headers }, etag, ...page, isCurrent: () => deps.status.isCurrent(snapshot) && data.isCurrent(pageData) })
    }
    if (acceptsGzip(c.req.header('accept-encoding'))) return c.body(page.gzip, 200, { ...headers, 'content-encoding': 'gzip' })
    return c.body(page.plain, 200, headers)
  })

  app.get('/incidents/:id', async (c) => {
    const ctx = context(c)
    const id = c.req.param('id')
    const service = createIncidentService({ store: deps.store, clock: deps.clock })
    const wellFormed = /^[0-9a-f-]{36}$/i.test(id)
    const incident = wellFormed ? await service.incident(id) : null
    if (incident === null) {
      const retracted = wellFormed ? await service.retraction(id) : null
      if (retracted === null) return notFound(c, ctx, ctx.t.noSuchIncident)
      const message = ctx.t.incidentRetracted(new Date(retracted.retractedAt).toISOString(), retracted.reason)
      return c.html(renderMessagePage({ ctx, title: ctx.t.retracted, message, path: c.req.path }), 410)
    }
    const postmortems = await incidentPostmortems(deps.postmortems, incident.id)
    const html = renderIncidentPage({ ctx, incident, phaseNames: deps.phaseNames(), canonical: `${base(c)}/incidents/${incident.id}`, postmortems })
    return c.html(html, 200, { 'cache-control': 'public, max-age=30' })
  })

  app.get('/history', async (c) => {
    const ctx = context(c)
    const parsed = parseHistoryQuery(c.req.query(), deps.clock.now(), deps.recordsTimeZone())
    const [components, feeds] = await Promise.all([deps.store.components.list(), deps.store.components.feeds()])
    const locations = [...new Set(feeds.map((feed) => feed.location))].sort()
    const entries = parsed.ok ? await loadHistory(deps.store, deps.clock, parsed.query) : []
    const postmortems = entries.some((entry) => entry.kind === 'incident') ? await postmortemsByIncident(deps.postmortems) : new Map()
    const url = new URL(c.req.url)
    const html = renderHistoryPage({
      ctx,
      query: parsed.query,
      issues: parsed.ok ? [] : parsed.issues,
      entries,
      components: components.map((row) => ({ name: row.name, displayName: row.displayName })),
      locations,
      phaseNames: deps.phaseNames(),
      path: `${url.pathname}${url.search}`,
      postmortems,
    })
    return c.html(html, parsed.ok ? 200 : 400, { 'cache-control': 'public, max-age=30' })
  })

  const availability = availabilityPage({ store: deps.store, clock: deps.clock, timeZone: deps.recordsTimeZone })
  app.get('/availability', (c) => availability(c, context(c)))

  app.get('/components/:name', async (c) => {
    const ctx = context(c)
    const [snapshot, pageData] = await Promise.all([deps.status.current(), data.current()])
    const component = snapshot.components.find((candidate) => candidate.name === c.req.param('name'))
    if (component === undefined) return notFound(c, ctx, ctx.t.noSuchComponent)
    const [responses, postmortems] = await Promise.all([responseTimes(deps.store, component.name, component.locations.map((l) => l.location), deps.clock.now()), componentPostmortems(deps.postmortems, component.name)])
    return c.html(renderComponentPage({ ctx, component, data: pageData, responses, postmortems }), 200, { 'cache-control': 'public, max-age=30' })
  })

  registerHandbookRoutes(app, { store: deps.store, context, base })
  registerPostmortemPages(app, { postmortems: deps.postmortems, store: deps.store, clock: deps.clock, context, base, timeZone: deps.recordsTimeZone })

  app.get('/assets/:file', async (c) => {
    const asset = (await assets).get(c.req.param('file'))
    if (asset === undefined) return c.text('not found', 404)
    return c.body(asset.body, 200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' })
  })
}

/** Hourly p50 and p95 of each location over the last 7 days, hours aligned across locations. */
async function responseTimes(store: Store, component: string, locations: readonly string[], now: number): Promise<ResponseSeries[]> {
  const to = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS
  const from = to - 7 * 24 * HOUR_MS
  const hours = bucketsBetween('hour', from, to).map((bucket) => bucket.start)
  return Promise.all(
    locations.map(async (location) => {
      const records = new Map((await store.rollups.between('series', seriesId({ component, location }), 'hour', from, to)).map((record) => [record.bucketStart, record]))
      const at = hours.map((hour) => records.get(hour))
      return {
        location,
        hours,
        p50: at.map((record) => (record === undefined || record.latency.count === 0 ? null : record.latency.quantile(0.5))),
        p95: at.map((record) => (record === undefined || record.latency.count === 0 ? null : record.latency.quantile(0.95))),
        counts: at.map((record) => record?.latency.count ?? 0),
      }
    }),
  )
}

