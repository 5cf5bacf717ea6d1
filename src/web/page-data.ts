/**
 * What the public pages show besides the current snapshot: component labels, the 90-day bars and
 * uptime of every (component, location), recent incidents for marking days, and upcoming
 * maintenance. All from stored data; read at most once per `maxAgeMs` (history changes slowly),
 * never per request.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util'
import type { Clock } from '../core/clock.js'
import { seriesId, type SeriesKey } from '../core/series.js'
import { createIncidentService, type IncidentSummary, type MaintenanceView } from '../incidents/index.js'
import type { StatusReader } from '../status/index.js'
import type { Store } from '../store/index.js'
import { createRollupCache, type RollupCache } from './rollup-cache.js'
import { dayFigures, uptimeCalendar, uptimeFigures, type DayFigure, type UptimeFigure, type UptimeWindow } from './uptime.js'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** How far ahead planned maintenance is listed. */
export const MAINTENANCE_PREVIEW_MS = 30 * DAY_MS

/** An incident as a day of a bar mentions it. */
export interface DayIncident {
  id: string
  title: string
}

/** The history of one (component, location). */
export interface SeriesHistory {
  days: (DayFigure & { incidents: DayIncident[] })[]
  uptime: Record<UptimeWindow, UptimeFigure>
}

/** Everything the pages read besides the snapshot. */
export interface PageData {
  readAt: number
  /** The status reader's write count when the read began (see {@link StatusReader.writes}). */
  writes: number
  timeZone: string
  /** Labels of each active component, by name. */
  labels: Map<string, Record<string, string>>
  /** By `seriesId`. */
  series: Map<string, SeriesHistory>
  /** Windows in progress or starting within 30 days, soonest first (cancelled ones left out). */
  maintenance: MaintenanceView[]
}

async function incidentsSince(store: Store, clock: Clock, from: number): Promise<IncidentSummary[]> {
  const service = createIncidentService({ store, clock })
  const all: IncidentSummary[] = []
  let cursor: string | undefined
  do {
    const page = await service.incidents({ from, limit: 200, ...(cursor === undefined ? {} : { cursor }) })
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
  return all
}

function markIncidents(days: DayFigure[], key: SeriesKey, incidents: readonly IncidentSummary[], now: number): SeriesHistory['days'] {
  return days.map((day) => ({
    ...day,
    incidents: incidents
      .filter((incident) =>
        incident.impacts.some(
          (impact) => impact.component === key.component && impact.location === key.location && impact.severity > 0 && impact.from < day.end && (impact.to ?? now) > day.start,
        ),
      )
      .map((incident) => ({ id: incident.id, title: incident.title })),
  }))
}

async function read(store: Store, clock: Clock, rollups: { days: RollupCache; hours: RollupCache }, timeZone: string, writes: number): Promise<PageData> {
  const now = clock.now()
  const calendar = uptimeCalendar(now, timeZone)
  const year = calendar.daySpans['1y']
  const service = createIncidentService({ store, clock })
  const [components, feeds, incidents, windows] = await Promise.all([
    store.components.list(),
    store.components.feeds(),
    incidentsSince(store, clock, now - 91 * DAY_MS),
    service.maintenance({ from: now, to: now + MAINTENANCE_PREVIEW_MS, limit: 200 }),
  ])
  const names = new Map(components.map((row) => [row.id, row.name]))
  const keys = new Map<string, SeriesKey>()
  for (const feed of feeds) {
    const key = { component: names.get(feed.componentId)!, location: feed.location }
    keys.set(seriesId(key), key)
  }
  const ids = [...keys.keys()]
  const [dayBuckets, hourBuckets] = await Promise.all([
    rollups.days.read(ids, year.from, year.to, now),
    rollups.hours.read(ids, calendar.hourEnd - 8 * DAY_MS, calendar.hourEnd, now),
  ])
  const series = new Map<string, SeriesHistory>()
  for (const [id, key] of keys) {
    const days = dayBuckets.get(id) ?? []
    const hours = hourBuckets.get(id) ?? []
    series.set(id, { days: markIncidents(dayFigures(days, calendar), key, incidents, now), uptime: uptimeFigures({ days, hours }, calendar) })
  }
  return {
    readAt: now,
    writes,
    timeZone,
    labels: new Map(components.map((row) => [row.name, row.labels])),
    series,
    maintenance: windows.items.filter((window) => window.status !== 'cancelled' && window.status !== 'completed').sort((a, b) => a.start - b.start),
  }
}

/** Reads {@link PageData}, cached. */
export interface PageDataReader {
  current(): Promise<PageData>
  /** Whether `data` is what {@link PageDataReader.current} answers now and is not yet due for a new read. */
  isCurrent(data: PageData): boolean
}

/** What {@link createPageDataReader} needs. */
export interface PageDataDeps {
  store: Store
  clock: Clock
  timeZone: () => string
  /** The status reader's write count: data read before the latest write is read again before it is served. Default: never outdated by writes. */
  writes?: StatusReader['writes']
  maxAgeMs?: number
}

/** Whether two readings say the same (when each was read aside). */
function sameData(a: PageData, b: PageData): boolean {
  return a.writes === b.writes && a.timeZone === b.timeZone && isDeepStrictEqual(a.labels, b.labels) && isDeepStrictEqual(a.maintenance, b.maintenance) && isDeepStrictEqual(a.series, b.series)
}

/**
 * Creates the reader. After the first read it never waits for an expired value: that is served
 * while the next read runs (stale-while-revalidate), so a slow read of a year of rollups never
 * holds a request. Data a write outdated (a new incident, a maintenance window) is the
 * exception: it is read again before it is served, so an operator's change shows at once. A
 * failed read keeps the previous value. A timed read that finds exactly what the previous one
 * said keeps the previous value, so pages rendered from it stay valid (no re-render of a page
 * whose history did not move).
 *
 * @example
 * const data = createPageDataReader({ store, clock, timeZone: () => 'UTC', writes: status.writes })
 * const { series } = await data.current()
 */
export function createPageDataReader(deps: PageDataDeps): PageDataReader {
  const maxAgeMs = deps.maxAgeMs ?? 60_000
  const writes = deps.writes ?? (() => 0)
  const rollups = { days: createRollupCache(deps.store, 'day'), hours: createRollupCache(deps.store, 'hour') }
  let latest: PageData | null = null
  /** When a value was last found current by a read (its own `readAt`, or later when a read found it unchanged). */
  const checkedAt = new WeakMap<PageData, number>()
  let pending: { writes: number; data: Promise<PageData> } | null = null
  const refresh = (): Promise<PageData> => {
    const count = writes()
    if (pending !== null && pending.writes === count) return pending.data
    const entry = {
      writes: count,
      data: read(deps.store, deps.clock, rollups, deps.timeZone(), count).then((fresh) => {
        const data = latest !== null && sameData(latest, fresh) ? latest : fresh
        checkedAt.set(data, fresh.readAt)
        if (latest === null || data.writes >= latest.writes) latest = data
        return data
      }),
    }
    entry.data.finally(() => {
      if (pending === entry) pending = null
    }).catch(() => undefined)
    pending = entry
    return entry.data
  }
  const outdated = (data: PageData): boolean => data.writes !== writes() || data.timeZone !== deps.timeZone()
  const stale = (data: PageData): boolean => deps.clock.now() - (checkedAt.get(data) ?? data.readAt) > maxAgeMs || outdated(data)
  return {
    current() {
      if (latest === null || outdated(latest)) return refresh().catch((error: unknown) => (latest === null ? Promise.reject(error) : latest))
      if (stale(latest)) refresh().catch(() => undefined)
      return Promise.resolve(latest)
    },
    isCurrent(data) {
      return latest === data && !stale(data)
    },
  }
}
