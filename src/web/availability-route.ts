/**
 * `GET /availability`: parses the form, reads the month's figures and renders the page; bad
 * values answer 400 with the reasons beside the form.
 *
 * The figures are one report over the month plus one per day (for the worst day): at 200
 * series that is seconds of store reads, so they are kept per (zone, month, component,
 * location) — a complete month for 5 minutes, the running one for 1 minute; concurrent
 * requests for the same figures share one computation, and different ones run one after the
 * other, so many distinct queries cannot multiply the load on the store.
 *
 * @module
 */
import type { Context } from 'hono'
import type { Clock } from '../core/clock.js'
import type { Store } from '../store/index.js'
import { availabilityLines, reportableSeries, type AvailabilityLine } from './availability-figures.js'
import { renderAvailabilityPage } from './availability-page.js'
import { parseAvailabilityQuery, type AvailabilityQuery } from './availability-query.js'
import type { PageContext } from './layout.js'

/** What the page reads; the zone is read at each request (a reload may change it). */
export interface AvailabilityPageDeps {
  store: Store
  clock: Clock
  timeZone: () => string
}

const COMPLETE_MONTH_TTL_MS = 5 * 60_000
const RUNNING_MONTH_TTL_MS = 60_000
const MAX_KEPT = 64

/**
 * Builds the handler of the availability report page, with its own figure cache.
 *
 * @example
 * const availability = availabilityPage({ store, clock, timeZone: () => 'UTC' })
 * app.get('/availability', (c) => availability(c, context(c)))
 */
export function availabilityPage(deps: AvailabilityPageDeps): (c: Context, ctx: PageContext) => Promise<Response> {
  const kept = new Map<string, { until: number; lines: Promise<AvailabilityLine[]> }>()
  let queue: Promise<unknown> = Promise.resolve()
  const figures = (query: AvailabilityQuery, timeZone: string, reportable: Awaited<ReturnType<typeof reportableSeries>>, now: number): Promise<AvailabilityLine[]> => {
    const key = JSON.stringify([timeZone, query.month, query.component, query.location])
    const hit = kept.get(key)
    if (hit !== undefined && hit.until > now) return hit.lines
    const lines = queue.then(() => availabilityLines({ store: deps.store, clock: deps.clock, timeZone }, query, reportable))
    queue = lines.catch(() => undefined)
    lines.catch(() => kept.delete(key))
    kept.delete(key)
    kept.set(key, { until: now + (query.to > now ? RUNNING_MONTH_TTL_MS : COMPLETE_MONTH_TTL_MS), lines })
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!)
    return lines
  }

  return async (c, ctx) => {
    const timeZone = deps.timeZone()
    const reportable = await reportableSeries(deps.store)
    const now = deps.clock.now()
    const parsed = parseAvailabilityQuery(c.req.query(), now, timeZone, reportable.known)
    const lines = parsed.ok ? await figures(parsed.query, timeZone, reportable, now) : []
    const url = new URL(c.req.url)
    const html = renderAvailabilityPage({
      ctx,
      query: parsed.query,
      issues: parsed.ok ? [] : parsed.issues,
      lines,
      running: parsed.query.to > now,
      components: reportable.known.components.map((name) => ({ name, displayName: reportable.displayNames.get(name) ?? name })),
      locations: reportable.known.locations,
      path: `${url.pathname}${url.search}`,
    })
    return c.html(html, parsed.ok ? 200 : 400, { 'cache-control': parsed.ok ? 'public, max-age=60' : 'no-store' })
  }
}
