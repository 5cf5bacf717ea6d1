/**
 * `/?location=<name>`: the status page narrowed to one location tab. It is rendered per request
 * and kept out of the home page's cache and fast path (which serve `/` without a query); its
 * blocks' bars and uptime still come from the per-series fragment cache. An unknown location
 * answers 400 with the reason.
 *
 * @module
 */
import type { Context } from 'hono'
import type { StatusSnapshot } from '../status/index.js'
import { renderMessagePage } from './incident-page.js'
import type { PagePhaseNames } from './incidents-section.js'
import type { PageContext } from './layout.js'
import { snapshotLocations } from './location-tabs.js'
import type { PageData } from './page-data.js'
import { renderStatusPage } from './status-page.js'

/** What the narrowed page is rendered from. */
export interface LocationHomeInput {
  ctx: PageContext
  snapshot: StatusSnapshot
  pageData: PageData
  /** The `location` query value as sent. */
  location: string
  phaseNames: PagePhaseNames
}

/**
 * Answers `/?location=…`.
 *
 * @example
 * const location = c.req.query('location')
 * if (location !== undefined) return homeAtLocation(c, { ctx, snapshot, pageData, location, phaseNames })
 */
export async function homeAtLocation(c: Context, input: LocationHomeInput): Promise<Response> {
  const { ctx, snapshot, location } = input
  if (!snapshotLocations(snapshot).includes(location)) {
    const html = renderMessagePage({ ctx, title: ctx.t.badRequest, message: `location: ${ctx.t.unknownLocation(location)}`, path: '/' })
    return c.html(html, 400, { 'cache-control': 'no-store' })
  }
  const html = await renderStatusPage({ ctx, snapshot, data: input.pageData, phaseNames: input.phaseNames, location })
  return c.html(html, 200, { 'cache-control': 'public, max-age=5' })
}
