/**
 * How a route declares that it needs a token: one helper that adds both the scope check and the
 * OpenAPI security requirement, so the document and the behaviour cannot drift apart (the
 * auth-matrix test reads the scope from the document and checks the behaviour).
 *
 * @module
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { TokenScope } from '../../store/index.js'
import { requireScope } from './authenticate.js'

/** The name of the bearer security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearer'

/**
 * The route fields of a route that needs `scope`: spread into `createRoute`. The security
 * requirement lists the scope as its role (OpenAPI 3.1 allows roles for any scheme).
 *
 * @example
 * createRoute({ method: 'post', path: '/incidents', ...needsScope('operator'), … })
 */
export function needsScope(scope: TokenScope) {
  return { middleware: [requireScope(scope)], security: [{ [BEARER_SCHEME]: [scope] }] }
}

/** Adds the bearer scheme to the app's OpenAPI document (once per app). */
export function registerBearerScheme(app: OpenAPIHono): void {
  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'A Glasshouse API token (`gh_…`, from `glasshouse token create`). Scopes: reporter < operator < admin; the role listed on an operation is the least it needs.',
  })
}
