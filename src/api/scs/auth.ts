/**
 * The SCS writes' authorization on Glasshouse tokens: the caller identified by the token
 * middleware of `src/api/auth` (`authenticate`, mounted in front) must hold `operator` or more.
 *
 * @module
 */
import type { Context } from 'hono'
import { scopeAllows } from '../auth/index.js'
import { ApiError } from '../problem.js'

/**
 * The `authorizeWrite` hook of {@link createScsApp}: the token's name (the audit actor), or a
 * 401/403 with a `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * root.use(authenticate(store.tokens, clock))
 * root.route('/scs', createScsApp({ store, authorizeWrite: operatorWriter }))
 */
export async function operatorWriter(c: Context): Promise<string> {
  const principal = c.get('principal')
  if (principal === undefined) {
    c.header('WWW-Authenticate', 'Bearer realm="glasshouse"')
    throw new ApiError(401, 'unauthenticated', 'Unauthorized', 'SCS writes need a bearer token of scope operator or higher')
  }
  if (!scopeAllows(principal.scope, 'operator')) {
    c.header('WWW-Authenticate', 'Bearer realm="glasshouse", error="insufficient_scope", scope="operator"')
    throw new ApiError(403, 'insufficient-scope', 'Forbidden', `SCS writes need scope operator; token "${principal.name}" has ${principal.scope}`)
  }
  return principal.name
}
