/**
 * The badge routes: `/badge/status.svg` (the overall state), `/badge/components/<name>.svg`
 * (`?location=` for one series) and `/badge/uptime/<name>.svg?window=30d` (24h, 7d, 30d, 90d,
 * 1y; `?location=`). States and colours come from the one state table; an uptime badge without
 * data says "no data", never 100 %, and is coloured by the day-bar thresholds.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { ApiError } from '../api/index.js'
import { cachedResponse, visibleComponents } from '../api/statuspage/index.js'
import type { PublicState } from '../core/public-state.js'
import { seriesId } from '../core/series.js'
import { STATE_TABLE } from '../core/state-table.js'
import type { StatusReader } from '../status/index.js'
import { worstState } from '../status/index.js'
import { dayState, percent, type PageDataReader } from '../web/index.js'
import { renderBadge } from './badge.js'
import { embedLanguage, findSeries, stateLabel } from './public-view.js'

/** What the badges read. */
export interface BadgeDeps {
  status: StatusReader
  pageData: PageDataReader
}

const UPTIME_WINDOWS = ['24h', '7d', '30d', '90d', '1y'] as const
type UptimeWindow = (typeof UPTIME_WINDOWS)[number]

function badge(c: Context, label: string, value: string, state: PublicState): Response {
  const svg = renderBadge({ label, value, colour: STATE_TABLE[state].colour })
  return cachedResponse(c, svg, 'image/svg+xml; charset=UTF-8', { vary: 'Accept-Language' })
}

/** `<name>.svg` → name; anything else is not a badge. */
function badgeName(c: Context): string {
  const file = c.req.param('file') ?? ''
  if (!file.endsWith('.svg') || file.length === 4) throw new ApiError(404, 'not-found', 'Not found', 'a badge path ends in <name>.svg')
  return file.slice(0, -4)
}

function windowOf(c: Context): UptimeWindow {
  const value = c.req.query('window') ?? '30d'
  if ((UPTIME_WINDOWS as readonly string[]).includes(value)) return value as UptimeWindow
  throw new ApiError(400, 'bad-request', 'Bad request', `window must be one of ${UPTIME_WINDOWS.join(', ')}`, [{ path: 'window', message: `not one of ${UPTIME_WINDOWS.join(', ')}: ${value}` }])
}

/**
 * Registers the badge routes on `app`.
 *
 * @example
 * registerBadges(app, { status, pageData })
 */
export function registerBadges(app: Hono, deps: BadgeDeps): void {
  app.get('/badge/status.svg', async (c) => {
    const { t } = embedLanguage(c)
    const state = worstState(visibleComponents(await deps.status.current()).map((component) => component.state))
    return badge(c, 'status', stateLabel(state, t), state)
  })

  app.get('/badge/components/:file', async (c) => {
    const { t } = embedLanguage(c)
    const found = findSeries(visibleComponents(await deps.status.current()), badgeName(c), c.req.query('location'))
    const state = found.location?.state ?? found.component.state
    const label = found.location === null ? found.component.displayName : `${found.component.displayName} (${found.location.location})`
    return badge(c, label, stateLabel(state, t), state)
  })

  app.get('/badge/uptime/:file', async (c) => {
    const { t, lang } = embedLanguage(c)
    const name = badgeName(c)
    const window = windowOf(c)
    const found = findSeries(visibleComponents(await deps.status.current()), name, c.req.query('location'))
    const locations = found.location === null ? found.component.locations : [found.location]
    const data = await deps.pageData.current()
    const shares = locations.flatMap((location) => {
      const availability = data.series.get(seriesId({ component: name, location: location.location }))?.uptime[window].availability ?? null
      return availability === null ? [] : [availability]
    })
    const series = found.location === null ? found.component.displayName : `${found.component.displayName} (${found.location.location})`
    const label = `${series} · ${t.uptime} ${window}`
    if (shares.length === 0) return badge(c, label, t.noData, 'no_data')
    const mean = shares.reduce((sum, share) => sum + share, 0) / shares.length
    return badge(c, label, percent(mean, lang), dayState({ availability: mean, coverage: 1, maintenanceMs: 0 }))
  })
}
