/**
 * The feed routes (scheme in `feed-urls.ts`): Atom, RSS, JSON Feed and the iCal maintenance
 * calendar, for everything, one component or one location. Every answer carries a strong ETag
 * of its body and the public cache policy, and answers 304 to a matching `If-None-Match`.
 * Unknown (or simulated-only) components and locations answer 404.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Context, Hono } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { PageConfig } from '../config/index.js'
import type { Clock } from '../core/clock.js'
import type { Store } from '../store/index.js'
import { baseUrl, trustedProxies, type ProxyTrust } from '../web/public-url.js'
import { atomFeed } from './atom.js'
import type { FeedDocument } from './feed-document.js'
import type { FeedFilter } from './feed-event.js'
import { FEED_FORMATS, feedPath, parseFeedFile, type FeedFormat } from './feed-urls.js'
import { icalendar } from './ical.js'
import type { FeedPhaseNames } from './incident-events.js'
import { jsonFeed } from './json-feed.js'
import { loadFeedEvents } from './load-events.js'
import { loadCalendarEvents } from './maintenance-calendar.js'
import { loadPublicScope, type PublicScope } from './public-scope.js'
import { rssFeed } from './rss.js'

/** What the feeds read. */
export interface FeedsDeps {
  store: Store
  clock: Clock
  /** `server.title`, the page name unless `page.name` is set. */
  title: string
  /** The `page:` config, read at each use. */
  page: () => PageConfig
  /** `server.publicUrl`, the fallback of `page.publicUrl`. */
  serverPublicUrl?: () => string | undefined
  phaseNames: () => FeedPhaseNames
}

/** The cache policy of every feed (issue 8 item 6). */
export const FEED_CACHE_CONTROL = 'public, max-age=15, stale-while-revalidate=60, stale-if-error=86400'

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/** Whether `If-None-Match` names `etag` (a list, `*`, weak or strong). */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

/** The scope's title part and home page of a filter; null when the filter names nothing public. */
function describeScope(filter: FeedFilter, scope: PublicScope): { label: string; home: string } | null {
  if (filter.kind === 'all') return { label: '', home: '/' }
  if (filter.kind === 'component') {
    const component = scope.components.get(filter.name)
    return component === undefined ? null : { label: component.displayName, home: `/components/${encodeURIComponent(component.name)}` }
  }
  return scope.locations.includes(filter.name) ? { label: filter.name, home: `/?location=${encodeURIComponent(filter.name)}` } : null
}

/**
 * Registers the feed routes on `app`.
 *
 * @example
 * registerFeeds(app, { store, clock, title, page: () => config.page, phaseNames: () => config.phases })
 */
export function registerFeeds(app: Hono, deps: FeedsDeps): void {
  let trust: { page: PageConfig; check: ProxyTrust } | null = null
  const base = (c: Context): string => {
    const page = deps.page()
    if (trust?.page !== page) trust = { page, check: trustedProxies(page.trustedProxies) }
    return baseUrl(
      { publicUrl: page.publicUrl ?? deps.serverPublicUrl?.(), trust: trust.check },
      { peer: peerAddress(c), host: c.req.header('host'), forwardedProto: c.req.header('x-forwarded-proto'), forwardedHost: c.req.header('x-forwarded-host') },
    )
  }

  const render = async (c: Context, filter: FeedFilter, format: FeedFormat): Promise<Response> => {
    const scope = await loadPublicScope(deps.store)
    const described = describeScope(filter, scope)
    if (described === null) return c.notFound()
    const root = base(c)
    const siteName = deps.page().name ?? deps.title
    const title = described.label === '' ? siteName : `${siteName}: ${described.label}`
    let body: string
    if (format === 'ics') {
      const events = await loadCalendarEvents({ store: deps.store, clock: deps.clock, scope, filter, base: root })
      body = icalendar({ name: `${title} maintenance`, events })
    } else {
      const events = await loadFeedEvents({ store: deps.store, clock: deps.clock, scope, filter, phaseNames: deps.phaseNames() })
      const document: FeedDocument = {
        title,
        description: `Incidents and maintenance of ${title}`,
        homeUrl: `${root}${described.home}`,
        selfUrl: `${root}${feedPath(filter, format)}`,
        author: siteName,
        base: root,
        events,
      }
      body = format === 'atom' ? atomFeed(document) : format === 'rss' ? rssFeed(document) : jsonFeed(document)
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    const headers = { etag, 'cache-control': FEED_CACHE_CONTROL }
    if (notModified(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
    return c.body(body, 200, { ...headers, 'content-type': `${FEED_FORMATS[format]}; charset=utf-8` })
  }

  for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) app.get(feedPath({ kind: 'all' }, format), (c) => render(c, { kind: 'all' }, format))
  for (const kind of ['component', 'location'] as const) {
    app.get(`/feeds/${kind}s/:file`, (c) => {
      const parsed = parseFeedFile(c.req.param('file'))
      return parsed === null ? c.notFound() : render(c, { kind, name: parsed.name }, parsed.format)
    })
  }
}
