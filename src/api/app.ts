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
import { registerStatusRoutes } from './routes/status.js'
import { registerIncidentRoutes } from './routes/incidents.js'
import { systemClock } from '../core/index.js'
import { createIncidentService } from '../incidents/index.js'

/** What the API reads from. */
export interface ApiDeps {
  store: Store
  status: StatusReader
  version: string
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
  registerStatusRoutes(app, deps.status)
  registerCheckRoutes(app, deps.store)
  registerIncidentRoutes(app, createIncidentService({ store: deps.store, clock: systemClock }))
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
