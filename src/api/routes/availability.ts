/**
 * Measured and declared availability side by side, per (component, location) and per calendar
 * day or month, with no-data, maintenance and excluded time beside every percentage. The numbers
 * come from `availabilityReport` (src/reports), the same code as the CLI's SLA report.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../core/clock.js'
import type { SeriesKey } from '../../core/series.js'
import { bucketsBetween, DEFAULT_SEVERITY_LEVELS, defaultSeverityWeights, type ReportRow } from '../../records/index.js'
import { availabilityReport } from '../../reports/index.js'
import type { Store } from '../../store/index.js'
import { declaredImpacts } from '../declared-impacts.js'
import { decodeCursor, encodeCursor } from '../pagination.js'
import { ApiError } from '../problem.js'
import { checkTimeZone, rangeQueryFields, timeRange } from '../record-params.js'
import { jsonContent, problemContent } from '../schemas.js'
import { METHOD_LINKS } from './records-common.js'

const DAY_MS = 86_400_000
const SPANS = { day: { defaultMs: 30 * DAY_MS, maxMs: 3 * 366 * DAY_MS }, month: { defaultMs: 365 * DAY_MS, maxMs: 20 * 366 * DAY_MS } } as const
/** Periods per page: each period is one report over the store, so pages stay small. */
const PERIOD_LIMITS = { default: 31, max: 92 } as const
const iso = (ms: number): string => new Date(ms).toISOString()
const ms = (description: string) => z.number().openapi({ description })

const AvailabilityRowSchema = z
  .object({
    component: z.string(),
    location: z.string(),
    period: z.string().openapi({ example: '2026-11', description: 'the local calendar day (YYYY-MM-DD) or month (YYYY-MM)' }),
    from: z.iso.datetime().openapi({ description: 'start of the period, or of the range when it starts later' }),
    to: z.iso.datetime(),
    measured: z.object({
      availability: z.number().nullable().openapi({ description: 'up / (up + down); null when nothing was measured' }),
      upMs: ms('time covered by passing results'),
      downMs: ms('time covered by failures that count against availability'),
      noDataMs: ms('time without a covering result; outside the denominator'),
      maintenanceMs: ms('time in maintenance; outside the denominator'),
      excludedMs: ms('time covered only by failures that do not count; outside the denominator'),
      count: z.number().int(),
      failures: z.number().int(),
      p50Ms: z.number().nullable(),
      p95Ms: z.number().nullable(),
      p99Ms: z.number().nullable(),
    }),
    declared: z.object({
      availability: z.number().nullable().openapi({ description: 'declared up / (declared up + declared down)' }),
      upMs: ms('no active impact, plus the unweighted share of weighted impacts'),
      downMs: ms('impact time × the weight of its severity level'),
      maintenanceMs: ms('time under maintenance; outside the denominator'),
      byLevel: z.record(z.string(), z.number()).openapi({ description: 'time whose worst active impact fell in each severity level' }),
    }),
  })
  .openapi('AvailabilityRow')

const AvailabilitySchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    timeZone: z.string(),
    granularity: z.enum(['day', 'month']),
    generatedAt: z.iso.datetime(),
    weights: z.record(z.string(), z.number()).openapi({ description: 'weight of each severity level in declared downtime' }),
    method: z.string().openapi({ example: METHOD_LINKS.availability }),
    items: z.array(AvailabilityRowSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi('Availability')

const getAvailability = createRoute({
  method: 'get',
  path: '/availability',
  tags: ['records'],
  summary: 'Measured and declared availability per (component, location) and per day or month',
  description:
    'Defaults: the last 30 days (day) or 365 days (month) up to now. Each page holds up to `limit` periods (default 31, at most 92) with every matching series.',
  request: {
    query: z.object({
      ...rangeQueryFields,
      component: z.string().min(1).max(100).optional(),
      location: z.string().min(1).max(100).optional(),
      granularity: z.enum(['day', 'month']).default('month'),
      timeZone: z.string().max(64).optional().openapi({ description: 'IANA zone of days and months (default: the records zone)' }),
      cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page (opaque)' }),
      limit: z.coerce.number().int().min(1).max(PERIOD_LIMITS.max).default(PERIOD_LIMITS.default).openapi({ description: 'periods per page' }),
    }),
  },
  responses: {
    200: jsonContent(AvailabilitySchema, 'Availability rows'),
    400: problemContent('A malformed parameter or range'),
    404: problemContent('No such component or location'),
    422: problemContent('Not a cursor this API returned'),
  },
})

/** The series the request covers (today's components and their feeds); 404 for unknown names. */
async function requestedSeries(store: Store, component: string | undefined, location: string | undefined): Promise<SeriesKey[]> {
  const [components, feeds] = await Promise.all([store.components.list(), store.components.feeds()])
  const names = new Map(components.map((row) => [row.id, row.name]))
  if (component !== undefined && !components.some((row) => row.name === component)) {
    throw new ApiError(404, 'not-found', 'Not found', `no component named "${component}"`)
  }
  const unique = new Map<string, SeriesKey>()
  for (const feed of feeds) {
    const key = { component: names.get(feed.componentId)!, location: feed.location }
    if (component === undefined || key.component === component) unique.set(`${key.component}@${key.location}`, key)
  }
  const series = [...unique.values()]
  if (location !== undefined && !series.some((key) => key.location === location)) {
    throw new ApiError(404, 'not-found', 'Not found', `no location "${location}"${component === undefined ? '' : ` for component "${component}"`}`)
  }
  return series.filter((key) => location === undefined || key.location === location)
}

function rowToApi(row: ReportRow, period: string): z.infer<typeof AvailabilityRowSchema> {
  const { measured, declared } = row
  return {
    component: row.component,
    location: row.location,
    period,
    from: iso(row.from),
    to: iso(row.to),
    measured: {
      availability: measured.availability,
      upMs: measured.upMs,
      downMs: measured.downMs,
      noDataMs: measured.noDataMs,
      maintenanceMs: measured.maintenanceMs,
      excludedMs: measured.excludedMs,
      count: measured.count,
      failures: measured.failures,
      p50Ms: measured.p50Ms,
      p95Ms: measured.p95Ms,
      p99Ms: measured.p99Ms,
    },
    declared: { availability: declared.availability, upMs: declared.upMs, downMs: declared.downMs, maintenanceMs: declared.maintenanceMs, byLevel: { ...declared.byLevel } },
  }
}

/** Registers `GET /availability`. */
export function registerAvailabilityRoutes(app: OpenAPIHono, store: Store, clock: Clock, recordsZone: () => string): void {
  app.openapi(getAvailability, async (c) => {
    const query = c.req.valid('query')
    const timeZone = checkTimeZone(query.timeZone ?? recordsZone())
    const now = clock.now()
    const span = SPANS[query.granularity]
    const range = timeRange(query, { now, defaultSpanMs: span.defaultMs, maxSpanMs: span.maxMs, timeZone })
    if (range.from >= now) throw new ApiError(400, 'invalid-range', 'Invalid time range', 'from: lies in the future; nothing is measured yet', [{ path: 'from', message: 'lies in the future' }])
    const kind = `availability-${query.granularity}`
    const after = decodeCursor(query.cursor, kind, ['n'])?.[0] as number | undefined
    const series = await requestedSeries(store, query.component, query.location)
    const periods = bucketsBetween(query.granularity, range.from, range.to, timeZone)
      .map((bucket) => ({ label: bucket.label, from: Math.max(bucket.start, range.from), to: Math.min(bucket.end, range.to) }))
      .filter((period) => after === undefined || period.from > after)
    const page = periods.slice(0, query.limit)
    const items: z.infer<typeof AvailabilityRowSchema>[] = []
    let weights: Record<string, number> = defaultSeverityWeights(DEFAULT_SEVERITY_LEVELS)
    if (page.length > 0 && series.length > 0) {
      const impacts = await declaredImpacts(store, { from: page[0]!.from, to: page[page.length - 1]!.to }, series)
      const wanted = new Set(series.map((key) => `${key.component}@${key.location}`))
      for (const period of page) {
        const request = { from: period.from, to: period.to, timeZone, now, ...(query.component === undefined ? {} : { component: query.component }) }
        const report = await availabilityReport(store, request, impacts)
        weights = report.weights
        for (const row of report.rows) if (wanted.has(`${row.component}@${row.location}`)) items.push(rowToApi(row, period.label))
      }
    }
    const last = page.at(-1)
    const nextCursor = periods.length > page.length && last !== undefined ? encodeCursor(kind, [last.from]) : null
    return c.json(
      { from: iso(range.from), to: iso(range.to), timeZone, granularity: query.granularity, generatedAt: iso(now), weights, method: METHOD_LINKS.availability, items, nextCursor },
      200,
    )
  })
}
