/**
 * Recurring maintenance through `/api/v1/maintenance-series` (scope `operator`): list, read,
 * create, edit and cancel series. Each write materializes the series' windows (ordinary
 * `/maintenance` windows, on every public surface); an edit changes only windows that have not
 * started, a cancel cancels them. `warnings` says when the first window leaves less notice than
 * the policy (`operator.minimumNotice`).
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { formatDuration, parseDuration } from '../../core/index.js'
import type { IncidentService, NewSeries, SeriesPatch, SeriesView } from '../../incidents/index.js'
import { needsScope } from '../auth/index.js'
import { jsonContent } from '../schemas.js'
import { mapped } from './incidents.js'
import { writeProblems, writerOf } from './write-common.js'

const iso = (ms: number) => new Date(ms).toISOString()

const Schedule = z
  .union([
    z.strictObject({ cron: z.string().openapi({ example: '30 2 * * sun' }), timeZone: z.string().optional().openapi({ description: 'IANA zone, default UTC' }) }),
    z.strictObject({
      weekdays: z.array(z.string()).openapi({ example: ['sun'], description: 'sun mon tue wed thu fri sat' }),
      at: z.string().openapi({ example: '02:00', description: 'local time HH:MM' }),
      timeZone: z.string().optional().openapi({ example: 'Europe/Berlin', description: 'IANA zone, default UTC' }),
    }),
  ])
  .openapi('MaintenanceSchedule', { description: 'a 5-field cron expression, or weekdays and a time; DST as in RFC 5545 (a start inside the spring-forward gap moves past it; one in the repeated hour happens once)' })

const Targets = z.array(z.strictObject({ component: z.string(), locations: z.array(z.string()).optional().openapi({ description: 'default every location' }) }))
const Duration = z.string().regex(/^(?:\d+(?:ms|s|m|h|d))+$/, 'a duration such as 90m or 2h').openapi({ example: '2h' })

const SeriesSchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable().openapi({ description: 'the config name of a config-declared series' }),
    title: z.string(),
    description: z.string().nullable(),
    components: z.array(z.object({ component: z.string(), locations: z.array(z.string()).nullable() })),
    duration: z.string(),
    schedule: z.record(z.string(), z.unknown()),
    managed: z.enum(['config', 'api']),
    status: z.enum(['active', 'cancelled']),
    next: z.string().nullable().openapi({ description: 'when the next window starts' }),
    cancelledAt: z.string().nullable(),
  })
  .openapi('MaintenanceSeries')
const WrittenSeries = SeriesSchema.extend({ warnings: z.array(z.string()) }).openapi('WrittenMaintenanceSeries')

const seriesFields = {
  title: z.string(),
  description: z.string().optional(),
  components: Targets,
  duration: Duration,
  schedule: Schedule,
  notify: z.boolean().optional().openapi({ description: 'tell subscribers of each new or cancelled window (default true)' }),
}
const NewSeriesBody = z.strictObject(seriesFields).openapi('NewMaintenanceSeries')
const SeriesPatchBody = z.strictObject({ ...seriesFields, description: z.string().nullable() }).partial().openapi('MaintenanceSeriesPatch')

const operator = needsScope('operator')
const idParam = z.object({ id: z.uuid() })
const tags = ['incidents']

const routes = {
  list: createRoute({ method: 'get', path: '/maintenance-series', tags, summary: 'Recurring maintenance series', ...operator, responses: { 200: jsonContent(z.object({ items: z.array(SeriesSchema) }), 'Every series not archived'), ...writeProblems } }),
  get: createRoute({ method: 'get', path: '/maintenance-series/{id}', tags, summary: 'One series', ...operator, request: { params: idParam }, responses: { 200: jsonContent(SeriesSchema, 'The series'), ...writeProblems } }),
  create: createRoute({
    method: 'post', path: '/maintenance-series', tags, summary: 'Create a recurring series', ...operator,
    request: { body: { content: { 'application/json': { schema: NewSeriesBody } }, required: true } },
    responses: { 201: jsonContent(WrittenSeries, 'The new series (its windows are materialized)'), ...writeProblems },
  }),
  update: createRoute({
    method: 'patch', path: '/maintenance-series/{id}', tags, summary: 'Edit a series and its windows that have not started', ...operator,
    request: { params: idParam, body: { content: { 'application/json': { schema: SeriesPatchBody } }, required: true } },
    responses: { 200: jsonContent(WrittenSeries, 'The edited series'), ...writeProblems },
  }),
  cancel: createRoute({
    method: 'post', path: '/maintenance-series/{id}/cancel', tags, summary: 'Cancel a series and its windows that have not started', ...operator,
    request: { params: idParam, query: z.object({ notify: z.enum(['true', 'false']).optional().openapi({ description: 'tell subscribers of each cancelled window (default true)' }) }) },
    responses: { 200: jsonContent(SeriesSchema, 'The cancelled series'), ...writeProblems },
  }),
}

/** A series as the API shows it. */
export function seriesToApi(series: SeriesView): z.infer<typeof SeriesSchema> {
  return {
    id: series.id, name: series.name, title: series.title, description: series.description, components: series.targets, duration: formatDuration(series.durationMs),
    schedule: series.schedule, managed: series.managed, status: series.status, next: series.next === null ? null : iso(series.next),
    cancelledAt: series.cancelledAt === null ? null : iso(series.cancelledAt),
  }
}

type Fields = Partial<Omit<z.infer<typeof SeriesPatchBody>, 'notify'>>

/** The service's input of a body: durations in ms, the schedule's zone defaulting to UTC; the service checks the rest. */
function toInput({ duration, schedule, components, ...texts }: Fields): SeriesPatch {
  return {
    ...texts,
    ...(duration === undefined ? {} : { durationMs: parseDuration(duration)! }),
    ...(schedule === undefined ? {} : { schedule: { timeZone: 'UTC', ...schedule } as SeriesPatch['schedule'] }),
    ...(components === undefined ? {} : { components: components.map((target) => (target.locations === undefined ? { component: target.component } : { component: target.component, locations: target.locations })) }),
  }
}

/** Registers the series routes (called by the maintenance write routes). */
export function registerMaintenanceSeriesRoutes(app: OpenAPIHono, service: IncidentService): void {
  app.openapi(routes.list, async (c) => c.json({ items: (await service.listSeries()).map(seriesToApi) }, 200))
  app.openapi(routes.get, async (c) => c.json(seriesToApi(await mapped(() => service.getSeries(c.req.valid('param').id))), 200))
  app.openapi(routes.create, async (c) => {
    const { notify, ...body } = c.req.valid('json')
    const created = await mapped(() => service.createSeries(toInput(body) as NewSeries, writerOf(c), notify === undefined ? {} : { notify }))
    c.header('location', `/api/v1/maintenance-series/${created.id}`)
    return c.json({ ...seriesToApi(created), warnings: created.warnings }, 201)
  })
  app.openapi(routes.update, async (c) => {
    const { notify, ...body } = c.req.valid('json')
    const edited = await mapped(() => service.updateSeries(c.req.valid('param').id, toInput(body), writerOf(c), notify === undefined ? {} : { notify }))
    return c.json({ ...seriesToApi(edited), warnings: edited.warnings }, 200)
  })
  app.openapi(routes.cancel, async (c) => {
    const cancelled = await mapped(() => service.cancelSeries(c.req.valid('param').id, writerOf(c), { notify: c.req.valid('query').notify !== 'false' }))
    return c.json(seriesToApi(cancelled), 200)
  })
}
