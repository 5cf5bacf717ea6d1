/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The root HTTP app: probes of our own health, metrics, the API and the public page, with one
 * error mapping for all of them.
 *
 * @module
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ApiError, createApiApp, problemResponse, type PhaseNames } from '../api/index.js'
import { corsFor, createScsApp } from '../api/scs/index.js'
import { PageSchema, ScsSchema, type PageConfig, type ScsConfig } from '../config/index.js'
import { systemClock, type Clock } from '../core/clock.js'
import { newId } from '../core/ids.js'
import type { GlasshouseMetrics } from '../metrics/index.js'
import type { StatusReader } from '../status/index.js'
import type { Store } from '../store/index.js'
import { registerFeeds } from '../feeds/index.js'
import { publicCaching, registerStatuspageApi } from '../api/statuspage/index.js'
import { registerEmbeds } from '../embeds/index.js'
import { OperatorSchema, registerOperatorUi, type OperatorConfig } from '../operator/index.js'
import { createIncidentService, type MaintenancePolicy } from '../incidents/index.js'
import { postmortemServiceOver } from '../postmortems/index.js'
import { createPageDataReader, registerMethodologyPage, registerPublicPages } from '../web/index.js'
import type { HotResponses } from './hot-responses.js'
import type { SubscriptionService } from '../subscriptions/service.js'

/** Everything the server reads from. */
export interface ServerDeps {
  store: Store
  status: StatusReader
  metrics: GlasshouseMetrics
  title: string
  version: string
  /** Configured display names of the incident phases (config `phases`), read at each use. */
  phaseNames?: () => PhaseNames
  /** Config `incoming:` (heartbeat and beacon limits) at each request; default its defaults. */
  incoming?: () => { rateLimit: { perMinute: number; burst: number }; replayWindow: number }
  /** The records' time zone (days and months of rollups and availability), read at each use. */
  recordsTimeZone?: () => string
  /** The SCS status API's prefix and browser origins (config `scs`); default `/scs`, any origin reads. */
  scs?: ScsConfig
  /** The public page's theme, texts, links and proxies (config `page`), read at each use. */
  page?: () => PageConfig
  /** `server.publicUrl`, read at each use. */
  publicUrl?: () => string | undefined
  /** The clock of the public pages (history ranges, maintenance preview); default the system clock. */
  clock?: Clock
  /** Where unexpected errors go (never to the client). */
  log: { error(obj: object, msg?: string): void }
  /** The fast path the busiest public reads offer their encoded answers to (src/server/hot-responses.ts). */
  hot?: HotResponses
  /** Config `operator:` (sessions, sign-in limit) at each request; default its defaults. */
  operator?: () => OperatorConfig
  /** Config `maintenanceSeries.horizon` (ms) at each write; default 30 days. */
  maintenanceHorizon?: () => number
  /** Subscriptions (src/subscriptions): registers the public subscribe pages; its service serves /api/v1/subscriptions. */
  subscriptions?: { register(app: Hono): void; service: SubscriptionService }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Public pages whose answers get the public cache policy and an ETag (feeds, badges and JSON set their own). */
const PUBLIC_PAGE_PATHS = ['/', '/history', '/availability', '/methodology', '/handbook', '/handbook/*', '/postmortems', '/postmortems/*', '/components/*', '/incidents/*', '/api/v1/status']

function wantsOpenMetrics(accept: string | undefined): boolean {
  return accept?.includes('application/openmetrics-text') ?? false
}

/**
 * Builds the app served by `glasshouse serve`.
 *
 * @example
 * const res = await createServerApp(deps).request('/healthz')
 */
export function createServerApp(deps: ServerDeps): Hono {
  const app = new Hono()

  app.use(async (c, next) => {
    const requestId = newId()
    c.set('requestId', requestId)
    c.header('x-request-id', requestId)
    await next()
    if (!READ_METHODS.has(c.req.method) && c.res.status < 400) deps.status.changed()
  })

  for (const path of PUBLIC_PAGE_PATHS) app.use(path, publicCaching())

  app.get('/healthz', (c) => c.json({ status: 'ok' }))

  app.get('/readyz', async (c) => {
    const status = await deps.store.status().catch(() => ({ reachable: false, migrationsPending: -1 }))
    const ready = status.reachable && status.migrationsPending === 0
    if (ready) return c.json({ status: 'ready', database: 'reachable', migrationsPending: 0 })
    const detail = status.reachable ? `${status.migrationsPending} migration(s) pending` : 'database unreachable'
    return problemResponse(c, new ApiError(503, 'not-ready', 'Not ready', detail))
  })

  app.get('/metrics', async (c) => {
    const snapshot = await deps.status.current()
    for (const component of snapshot.components) {
      for (const location of component.locations) deps.metrics.setComponentState(component.name, location.location, location.state)
    }
    const { contentType, body } = await deps.metrics.render(wantsOpenMetrics(c.req.header('accept')))
    return c.body(body, 200, { 'content-type': contentType })
  })

  const scs = deps.scs ?? ScsSchema.parse({})
  const recordsTimeZone = () => deps.recordsTimeZone?.() ?? 'UTC'
  const postmortems = postmortemServiceOver(deps.store, deps.clock ?? systemClock, recordsTimeZone)
  const defaultOperator = OperatorSchema.parse({})
  const maintenancePolicy: MaintenancePolicy = { minimumNoticeMs: () => (deps.operator?.() ?? defaultOperator).minimumNotice, ...(deps.maintenanceHorizon === undefined ? {} : { seriesHorizonMs: deps.maintenanceHorizon }) }
  const currentComponents = { status: deps.status, hot: deps.hot, path: `${scs.prefix}/components` }
  app.route(scs.prefix, createScsApp({ store: deps.store, cors: scs.cors, log: deps.log, currentComponents }))
  app.use('/api/v1/*', corsFor({ allowedOrigins: scs.cors.allowedOrigins, writeOrigins: [] }))
  app.route(
    '/api/v1',
    createApiApp({
      store: deps.store,
      status: deps.status,
      version: deps.version,
      ...(deps.phaseNames === undefined ? {} : { phaseNames: deps.phaseNames }),
      ...(deps.incoming === undefined ? {} : { incoming: () => ({ rateLimit: deps.incoming!().rateLimit, replayWindowMs: deps.incoming!().replayWindow }) }),
      ...(deps.recordsTimeZone === undefined ? {} : { recordsTimeZone: deps.recordsTimeZone }),
      maintenance: maintenancePolicy,
      ...(deps.subscriptions === undefined ? {} : { subscriptions: deps.subscriptions.service }),
      postmortems,
    }),
  )

  registerMethodologyPage(app, { title: deps.title, log: deps.log, notFound: () => new ApiError(404, 'not-found', 'Not found', 'the methodology page is not installed') })

  const defaultPage = PageSchema.parse({})
  const pageData = createPageDataReader({ store: deps.store, clock: deps.clock ?? systemClock, timeZone: recordsTimeZone, writes: () => deps.status.writes() })
  registerPublicPages(app, {
    store: deps.store,
    status: deps.status,
    clock: deps.clock ?? systemClock,
    title: deps.title,
    page: deps.page ?? (() => defaultPage),
    ...(deps.publicUrl === undefined ? {} : { serverPublicUrl: deps.publicUrl }),
    phaseNames: () => deps.phaseNames?.() ?? {},
    recordsTimeZone,
    pageData,
    ...(deps.hot === undefined ? {} : { hot: deps.hot }),
    postmortems,
  })

  registerFeeds(app, { store: deps.store, clock: deps.clock ?? systemClock, title: deps.title, page: deps.page ?? (() => defaultPage), ...(deps.publicUrl === undefined ? {} : { serverPublicUrl: deps.publicUrl }), phaseNames: () => deps.phaseNames?.() ?? {} })
  const embedDeps = { store: deps.store, status: deps.status, clock: deps.clock ?? systemClock, name: () => (deps.page?.() ?? defaultPage).name ?? deps.title, timeZone: recordsTimeZone, page: deps.page ?? (() => defaultPage), ...(deps.publicUrl === undefined ? {} : { serverPublicUrl: deps.publicUrl }) }
  registerStatuspageApi(app, { ...embedDeps, allowedOrigins: scs.cors.allowedOrigins })
  registerEmbeds(app, { ...embedDeps, pageData })
  deps.subscriptions?.register(app)
  registerOperatorUi(app, { store: deps.store, incidents: createIncidentService({ store: deps.store, clock: deps.clock ?? systemClock, maintenance: maintenancePolicy }), postmortems, status: deps.status, clock: deps.clock ?? systemClock, title: deps.title, settings: deps.operator ?? (() => defaultOperator), page: deps.page ?? (() => defaultPage), log: deps.log })

  app.notFound((c) => problemResponse(c, new ApiError(404, 'not-found', 'Not found', `nothing at ${c.req.path}`)))

  app.onError((error, c) => {
    if (error instanceof ApiError) return problemResponse(c, error)
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, new ApiError(error.status, 'bad-request', 'Bad request', error.message))
    }
    deps.log.error({ err: error, path: c.req.path }, 'request failed')
    return problemResponse(c, new ApiError(500, 'internal', 'Internal error', 'the server failed; the error is logged'))
  })

  return app
}
