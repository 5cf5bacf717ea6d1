/**
 * The v1 API: routes declared once with Zod (validation, types and the OpenAPI document), errors
 * as problem+json.
 *
 * @module
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { StatusReader } from '../status/index.js'
import type { Store } from '../store/index.js'
import { problemResponse, validationProblem } from './problem.js'
import { registerCheckRoutes } from './routes/checks.js'
import { registerIncidentEvidenceRoutes } from './routes/incident-evidence.js'
import { registerStatusRoutes } from './routes/status.js'
import { registerIncidentRoutes, type PhaseNames } from './routes/incidents.js'
import { registerEvaluationRoutes } from './routes/evaluations.js'
import { registerRollupRoutes } from './routes/rollups.js'
import { registerAvailabilityRoutes } from './routes/availability.js'
import type { Clock } from '../core/clock.js'
import { systemClock } from '../core/index.js'
import { createIncidentService, type MaintenancePolicy } from '../incidents/index.js'
import { authenticate, registerBearerScheme } from './auth/index.js'
import { registerIncidentWriteRoutes } from './routes/incident-writes.js'
import { registerMaintenanceWriteRoutes } from './routes/maintenance-writes.js'
import { registerTokenRoutes } from './routes/tokens.js'
import { registerRetractionRoutes } from './routes/retraction-routes.js'
import { registerTemplateRoutes } from './routes/template-routes.js'
import { registerNoticeRoutes } from './routes/notice-routes.js'
import { registerComponentWriteRoutes } from './routes/component-writes.js'
import { registerIncomingRoutes, type IncomingSettings } from './routes/incoming.js'
import { registerAuditRoutes } from '../audit/routes.js'
import { registerSubscriptionRoutes } from '../subscriptions/api-routes.js'
import type { SubscriptionService } from '../subscriptions/service.js'
import { postmortemServiceOver, type PostmortemService } from '../postmortems/index.js'
import { registerPostmortemRoutes } from '../postmortems/api-routes.js'

/** What the API reads from. */
export interface ApiDeps {
  store: Store
  status: StatusReader
  version: string
  /** The records' time zone (config `records.timeZone`) at each request; default UTC. */
  recordsTimeZone?: () => string
  /** Configured display names of the incident phases (config `phases`) at each request. */
  phaseNames?: () => PhaseNames
  /** Default: the system clock. */
  clock?: Clock
  /** Rate limit and replay window of heartbeats and beacons (config `incoming:`) at each request; default 60 a minute per token (bursts of 20), ±5 min. */
  incoming?: () => IncomingSettings
  /** Minimum notice and series horizon of maintenance writes, read at each write; default 36 h and 30 days. */
  maintenance?: MaintenancePolicy
  /** The subscription service; given, `/subscriptions` (webhook subscriptions, operator scope) is served. */
  subscriptions?: SubscriptionService
  /** The postmortem service (`/postmortems`, `/public/postmortems`); default one over `store`. */
  postmortems?: PostmortemService
}

/**
 * Builds the v1 API app, to be mounted at `/api/v1`.
 *
 * @example
 * root.route('/api/v1', createApiApp({ store, status, version: '0.1.0' }))
 */
export function createApiApp(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return problemResponse(c, validationProblem(result.error.issues))
      return undefined
    },
  })
  app.use(authenticate(deps.store.tokens, deps.clock ?? systemClock))
  registerBearerScheme(app)
  const incidents = createIncidentService({ store: deps.store, clock: deps.clock ?? systemClock, ...(deps.maintenance === undefined ? {} : { maintenance: deps.maintenance }) })
  registerStatusRoutes(app, deps.status)
  registerCheckRoutes(app, deps.store)
  registerIncidentEvidenceRoutes(app, deps.store)
  registerIncidentRoutes(app, incidents, deps.phaseNames)
  registerIncidentWriteRoutes(app, incidents, deps.phaseNames)
  registerMaintenanceWriteRoutes(app, incidents)
  registerRetractionRoutes(app, incidents)
  registerTemplateRoutes(app, incidents)
  registerNoticeRoutes(app, incidents)
  registerComponentWriteRoutes(app, deps.store, deps.clock ?? systemClock)
  registerIncomingRoutes(app, deps.store, deps.clock ?? systemClock, deps.incoming)
  registerTokenRoutes(app, deps.store.tokens, deps.clock ?? systemClock)
  registerAuditRoutes(app, deps.store.audit)
  if (deps.subscriptions !== undefined) registerSubscriptionRoutes(app, { store: deps.store, service: deps.subscriptions })
  registerPostmortemRoutes(app, deps.postmortems ?? postmortemServiceOver(deps.store, deps.clock ?? systemClock, deps.recordsTimeZone))
  registerEvaluationRoutes(app, deps.store, deps.clock ?? systemClock, deps.recordsTimeZone ?? (() => 'UTC'))
  registerRollupRoutes(app, deps.store, deps.clock ?? systemClock, deps.recordsTimeZone ?? (() => 'UTC'))
  registerAvailabilityRoutes(app, deps.store, deps.clock ?? systemClock, deps.recordsTimeZone ?? (() => 'UTC'))
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Glasshouse API',
      version: deps.version,
      description: 'Public status of the measured components, and (on loopback) the checks and their results.',
    },
    servers: [{ url: '/api/v1' }],
  })
  return app
}
