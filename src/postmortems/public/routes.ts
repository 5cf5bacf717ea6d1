/**
 * The public postmortem routes: `/postmortems` (the filtered, paged list), `/postmortems/feed.atom`
 * and `/postmortems/<id>` (the permalink; 404 for an unknown or unpublished id). Everything comes
 * from the service's published, redacted projections.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { cachedResponse } from '../../api/statuspage/public-cache.js'
import type { Clock } from '../../core/clock.js'
import { createIncidentService } from '../../incidents/index.js'
import type { Store } from '../../store/index.js'
import { renderMessagePage } from '../../web/incident-page.js'
import type { PageContext } from '../../web/layout.js'
import type { PostmortemService } from '../ports.js'
import { renderDetailPage } from './detail-page.js'
import { postmortemFeed, POSTMORTEM_FEED_LIMIT } from './feed.js'
import { pageRedactor, publishedProjections } from './links.js'
import { renderListPage } from './list-page.js'
import { PAGE_SIZE, parseListQuery } from './list-query.js'
import { revisionDiffs } from './revisions.js'
import { POSTMORTEM_FEED_PATH } from './styles.js'
import { postmortemWords } from './words.js'

/**
 * The reads of the service the public pages use: the published, redacted projections; the stored
 * postmortem and revisions only to project old revisions again for the diffs and to redact what
 * its page shows from elsewhere (see `publishedProjections` and `pageRedactor` in links.tsx).
 */
export type PublishedPostmortems = Pick<PostmortemService, 'published' | 'publishedList' | 'publishedForIncident' | 'get' | 'revisions'>

/** What the postmortem routes read. */
export interface PostmortemPagesDeps {
  postmortems: PublishedPostmortems
  store: Store
  clock: Clock
  /** The page context (language, site) of a request. */
  context: (c: Context) => PageContext
  /** The public base URL of a request, for canonical links and the feed. */
  base: (c: Context) => string
  /** The records' time zone: the list's day filters are its days. */
  timeZone: () => string
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CACHE = { 'cache-control': 'public, max-age=60' }

/**
 * Display names of components by name.
 *
 * @example
 * (await componentNames(store)).get('compute') // 'Compute'
 */
export async function componentNames(store: Store): Promise<Map<string, string>> {
  return new Map((await store.components.list()).map((row) => [row.name, row.displayName]))
}

/**
 * Registers the routes on `app` (the feed before the permalink, whose pattern would match it).
 *
 * @example
 * registerPostmortemPages(app, { postmortems, store, clock, context, base, timeZone: () => 'UTC' })
 */
export function registerPostmortemPages(app: Hono, deps: PostmortemPagesDeps): void {
  app.get('/postmortems', async (c) => {
    const ctx = deps.context(c)
    const { query, issues } = parseListQuery(c.req.query(), deps.timeZone())
    const [components, feeds, found] = await Promise.all([
      deps.store.components.list(),
      deps.store.components.feeds(),
      issues.length === 0 ? deps.postmortems.publishedList(query.published) : Promise.resolve([]),
    ])
    const url = new URL(c.req.url)
    const html = renderListPage({
      ctx,
      query,
      issues,
      postmortems: found.slice(0, PAGE_SIZE),
      more: found.length > PAGE_SIZE,
      components: components.map((row) => ({ name: row.name, displayName: row.displayName })),
      locations: [...new Set(feeds.map((feed) => feed.location))].sort(),
      names: new Map(components.map((row) => [row.name, row.displayName])),
      path: `${url.pathname}${url.search}`,
    })
    return c.html(html, issues.length === 0 ? 200 : 400, issues.length === 0 ? CACHE : { 'cache-control': 'no-store' })
  })

  app.get(POSTMORTEM_FEED_PATH, async (c) => {
    const [postmortems, names] = await Promise.all([deps.postmortems.publishedList({ limit: POSTMORTEM_FEED_LIMIT }), componentNames(deps.store)])
    const siteName = deps.context(c).site.name
    return cachedResponse(c, postmortemFeed({ postmortems, names, base: deps.base(c), siteName }), 'application/atom+xml; charset=utf-8')
  })

  app.get('/postmortems/:id', async (c) => {
    const ctx = deps.context(c)
    const id = c.req.param('id')
    const postmortem = ID.test(id) ? await deps.postmortems.published(id.toLowerCase()) : null
    if (postmortem === null) return c.html(renderMessagePage({ ctx, title: ctx.t.notFound, message: postmortemWords(ctx.lang).noSuchPostmortem, path: c.req.path }), 404)
    const incidents = createIncidentService({ store: deps.store, clock: deps.clock })
    const [names, handbook, titles, projections, redact] = await Promise.all([
      componentNames(deps.store),
      deps.store.handbook.current(),
      Promise.all(postmortem.incidentIds.map(async (incidentId) => [incidentId, (await incidents.incident(incidentId))?.title] as const)),
      publishedProjections(deps.postmortems, postmortem.id),
      pageRedactor(deps.postmortems, postmortem.id),
    ])
    const html = renderDetailPage({
      ctx,
      postmortem,
      diffs: revisionDiffs(projections),
      names,
      incidentTitles: new Map(titles.flatMap(([incidentId, title]) => (title === undefined ? [] : [[incidentId, redact(title)]]))),
      handbookTitles: new Map(handbook.filter((page) => !page.removed).map((page) => [page.slug, redact(page.title)])),
      canonical: `${deps.base(c)}/postmortems/${postmortem.id}`,
    })
    return c.html(html, 200, CACHE)
  })
}
