/**
 * Public rollup records of a (component, location) series per minute, hour or day: counts,
 * failures, how the time split (up, down, no data, maintenance, excluded), availability and
 * latency percentiles from the bucket's histogram (the histogram itself on request).
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../core/clock.js'
import { seriesId } from '../../core/series.js'
import { histogramToJson, type RollupRecord } from '../../records/index.js'
import type { RollupGranularity, Store } from '../../store/index.js'
import { decodeCursor, encodeCursor, pageQueryFields, pageSchema } from '../pagination.js'
import { checkTimeZone, knownSeries, rangeQueryFields, timeRange } from '../record-params.js'
import { jsonContent, problemContent } from '../schemas.js'
import { METHOD_LINKS, seriesParams } from './records-common.js'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const iso = (ms: number): string => new Date(ms).toISOString()

/** Default and largest span of a request, per granularity (minute rollups are kept 30 days). */
const SPANS: Record<RollupGranularity, { defaultMs: number; maxMs: number }> = {
  minute: { defaultMs: 6 * HOUR_MS, maxMs: 31 * DAY_MS },
  hour: { defaultMs: 7 * DAY_MS, maxMs: 800 * DAY_MS },
  day: { defaultMs: 90 * DAY_MS, maxMs: 20 * 366 * DAY_MS },
}

const ms = (description: string) => z.number().openapi({ description })

const RollupItemSchema = z
  .object({
    bucketStart: z.iso.datetime(),
    bucketEnd: z.iso.datetime(),
    count: z.number().int().openapi({ description: 'results that started inside the bucket' }),
    failures: z.number().int(),
    upMs: ms('time covered by passing results'),
    downMs: ms('time covered by failures that count against availability'),
    noDataMs: ms('time no result covered; outside the availability denominator'),
    maintenanceMs: ms('time in maintenance; outside the availability denominator'),
    excludedMs: ms('time covered only by failures that do not count (monitor or customer trouble); outside the denominator'),
    availability: z.number().nullable().openapi({ description: 'upMs / (upMs + downMs); null when nothing was measured' }),
    latency: z.object({
      count: z.number().int().openapi({ description: 'passing results with a duration' }),
      minMs: z.number().nullable(),
      p50Ms: z.number().nullable(),
      p90Ms: z.number().nullable(),
      p95Ms: z.number().nullable(),
      p99Ms: z.number().nullable(),
      maxMs: z.number().nullable(),
    }),
    histogram: z.record(z.string(), z.unknown()).optional().openapi({ description: 'with `histogram=true`: the mergeable histogram (stored form v1)' }),
  })
  .openapi('Rollup')

const RollupPageSchema = pageSchema(RollupItemSchema)
  .extend({ granularity: z.enum(['minute', 'hour', 'day']), method: z.string().openapi({ example: METHOD_LINKS.rollups }) })
  .openapi('RollupPage')

const listRollups = createRoute({
  method: 'get',
  path: '/components/{name}/locations/{location}/rollups',
  tags: ['records'],
  summary: 'Rollup records of one (component, location), oldest bucket first',
  description:
    'Minutes and hours are UTC; days are calendar days in the records time zone. Default range: the last 6 hours (minute), 7 days (hour) or 90 days (day); ' +
    'largest: 31 days, 800 days, 20 years. Percentiles come from the bucket histogram (relative error ≤ 2 %).',
  request: {
    params: seriesParams,
    query: z.object({
      granularity: z.enum(['minute', 'hour', 'day']).default('hour'),
      ...rangeQueryFields,
      timeZone: z.string().max(64).optional().openapi({ description: 'zone of YYYY-MM-DD values in from/to (default: the records zone)' }),
      histogram: z.enum(['true', 'false']).default('false').openapi({ description: 'include the raw histogram of each bucket' }),
      ...pageQueryFields,
    }),
  },
  responses: {
    200: jsonContent(RollupPageSchema, 'A page of rollup records'),
    400: problemContent('A malformed parameter or range'),
    404: problemContent('No such component or location'),
    422: problemContent('Not a cursor this API returned'),
  },
})

function rollupToApi(record: RollupRecord, withHistogram: boolean): z.infer<typeof RollupItemSchema> {
  const { latency } = record
  return {
    bucketStart: iso(record.bucketStart),
    bucketEnd: iso(record.bucketEnd),
    count: record.count,
    failures: record.failures,
    upMs: record.upMs,
    downMs: record.downMs,
    noDataMs: record.noDataMs,
    maintenanceMs: record.maintenanceMs,
    excludedMs: record.excludedMs,
    availability: record.availability,
    latency: {
      count: latency.count,
      minMs: latency.min,
      p50Ms: latency.quantile(0.5),
      p90Ms: latency.quantile(0.9),
      p95Ms: latency.quantile(0.95),
      p99Ms: latency.quantile(0.99),
      maxMs: latency.max,
    },
    ...(withHistogram ? { histogram: histogramToJson(latency) as unknown as Record<string, unknown> } : {}),
  }
}

/** Registers `GET /components/{name}/locations/{location}/rollups`. */
export function registerRollupRoutes(app: OpenAPIHono, store: Store, clock: Clock, recordsZone: () => string): void {
  app.openapi(listRollups, async (c) => {
    const { name, location } = c.req.valid('param')
    const query = c.req.valid('query')
    const timeZone = checkTimeZone(query.timeZone ?? recordsZone())
    const span = SPANS[query.granularity]
    const range = timeRange(query, { now: clock.now(), defaultSpanMs: span.defaultMs, maxSpanMs: span.maxMs, timeZone })
    const cursor = decodeCursor(query.cursor, `rollups-${query.granularity}`, ['n'])
    const series = await knownSeries(store, name, location)
    const rows = await store.recordReads.rollups('series', seriesId(series), query.granularity, {
      ...range,
      after: cursor === null ? null : (cursor[0] as number),
      limit: query.limit + 1,
    })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor(`rollups-${query.granularity}`, [last.bucketStart]) : null
    const items = page.map((record) => rollupToApi(record, query.histogram === 'true'))
    return c.json({ items, nextCursor, granularity: query.granularity, method: METHOD_LINKS.rollups }, 200)
  })
}
