/**
 * The SCS status API (SCS status-page-openapi 1.1.2) over the one status model, to be mounted
 * under the configured prefix (default `/scs`). Reads are public; writes need the writer the
 * app's `authorizeWrite` hook resolves (a Glasshouse `operator` token) and go through the one
 * service layer, audited. Errors are RFC 9457 problems with the reference server's `message`.
 *
 * @module
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { systemClock, type Clock } from '../../core/index.js'
import { catalogService, createIncidentService, incidentRevisionService } from '../../incidents/index.js'
import type { Store } from '../../store/index.js'
import { authenticate } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { operatorWriter } from './auth.js'
import { registerCatalogRoutes } from './catalog-routes.js'
import { registerComponentRoutes } from './component-routes.js'
import type { ScsContext } from './context.js'
import type { CurrentComponentsCache } from './current-components.js'
import { corsFor, type CorsOrigins } from './cors.js'
import { notFound, scsProblem } from './errors.js'
import { registerIncidentRoutes } from './incident-routes.js'
import { registerUpdateRoutes } from './update-routes.js'

/** What the SCS API needs. */
export interface ScsDeps {
  store: Store
  /** Default: the system clock. */
  clock?: Clock
  /**
   * Decides whether a write request may write and returns its actor (the token's name for the
   * audit trail); throws an `ApiError` 401/403 otherwise. Default: {@link operatorWriter} on the
   * bearer token the app identifies from `store.tokens`.
   */
  authorizeWrite?: (c: Context) => Promise<string>
  /** CORS origins (config `scs.cors`). Default: any origin reads, none writes. */
  cors?: CorsOrigins
  /** Where unexpected errors go (never to the client). */
  log?: { error(obj: object, msg?: string): void }
  /** Caches `GET /components` (without `at`) per status snapshot and offers it to the fast path. */
  currentComponents?: CurrentComponentsCache
}

/**
 * Builds the SCS app.
 *
 * @example
 * root.route(config.scs.prefix, createScsApp({ store, cors: config.scs.cors, authorizeWrite }))
 */
export function createScsApp(deps: ScsDeps): Hono {
  const clock = deps.clock ?? systemClock
  const knownComponents = async () => new Set((await deps.store.components.list()).map((component) => component.name))
  const authorize = deps.authorizeWrite ?? operatorWriter
  const scs: ScsContext = {
    store: deps.store,
    clock,
    incidents: createIncidentService({ store: deps.store, clock, knownComponents }),
    catalog: catalogService({ store: deps.store, clock }),
    revise: incidentRevisionService({ store: deps.store, clock, knownComponents }),
    writerOf: async (c) => ({ actor: await authorize(c), door: 'api' }),
    ...(deps.currentComponents === undefined ? {} : { currentComponents: deps.currentComponents }),
  }
  const app = new Hono()
  app.use('*', corsFor(deps.cors ?? { allowedOrigins: ['*'], writeOrigins: [] }))
  app.use('*', authenticate(deps.store.tokens, clock, scsProblem))
  registerCatalogRoutes(app, scs)
  registerComponentRoutes(app, scs)
  registerIncidentRoutes(app, scs)
  registerUpdateRoutes(app, scs)
  app.all('*', (c) => scsProblem(c, notFound(`nothing at ${c.req.path}`)))
  app.onError((error, c) => {
    if (error instanceof ApiError) return scsProblem(c, error)
    if (error instanceof HTTPException && error.status < 500) return scsProblem(c, new ApiError(error.status, 'bad-request', 'Bad request', error.message))
    deps.log?.error({ err: error, path: c.req.path }, 'SCS request failed')
    return scsProblem(c, new ApiError(500, 'internal', 'Internal error', 'the server failed; the error is logged'))
  })
  return app
}
