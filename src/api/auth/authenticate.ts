/**
 * Bearer-token authentication (RFC 6750) for the API: one middleware that identifies the caller
 * from `Authorization: Bearer gh_…`, and one per route that demands a scope. Failures are RFC
 * 9457 problems with a `WWW-Authenticate: Bearer` challenge; no answer or log ever repeats the
 * presented token.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { Clock } from '../../core/index.js'
import type { TokenScope, TokensRepository } from '../../store/index.js'
import { ApiError, problemResponse } from '../problem.js'
import { scopeAllows } from './scopes.js'
import { hashToken, looksLikeToken } from './token-secret.js'

/** Who a request acts as: the token's id, name (the audit actor) and scope. */
export interface Principal {
  tokenId: string
  name: string
  scope: TokenScope
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The caller's token, when the request presented a valid one. */
    principal: Principal | undefined
  }
}

const REALM = 'realm="glasshouse"'

/** How a refusal is written: an RFC 9457 problem, possibly with an API's own extra fields. */
export type ProblemWriter = (c: Context, error: ApiError) => Response

function challenge(c: Context, status: 401 | 403, params: string, slug: string, title: string, detail: string, write: ProblemWriter = problemResponse): Response {
  c.header('WWW-Authenticate', `Bearer ${REALM}${params}`)
  return write(c, new ApiError(status, slug, title, detail))
}

/** Why a presented credential is refused, or the principal it names. */
async function identify(header: string, tokens: TokensRepository, now: number): Promise<Principal | string> {
  const match = /^Bearer +(\S+)\s*$/i.exec(header)
  if (match === null) return 'the Authorization header must be "Bearer <token>"'
  const token = match[1]!
  if (!looksLikeToken(token)) return 'not a Glasshouse token (gh_ followed by 43 characters)'
  const row = await tokens.byHash(hashToken(token))
  if (row === null) return 'unknown token'
  if (row.revokedAt !== null && row.revokedAt <= now) return `token "${row.name}" was revoked at ${new Date(row.revokedAt).toISOString()}`
  if (row.expiresAt !== null && row.expiresAt <= now) return `token "${row.name}" expired at ${new Date(row.expiresAt).toISOString()}`
  return { tokenId: row.id, name: row.name, scope: row.scope }
}

/**
 * Identifies the caller: no `Authorization` header → anonymous (`principal` undefined); a valid
 * token → its principal; anything else (unknown, revoked, expired, malformed) → 401, even on a
 * public read, so a client never mistakes a dead token for a working one.
 *
 * `write` formats the 401 (default: the native API's problem; the SCS API adds its `message`).
 *
 * @example
 * app.use(authenticate(store.tokens, systemClock))
 */
export function authenticate(tokens: TokensRepository, clock: Clock, write: ProblemWriter = problemResponse): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization')
    if (header === undefined) {
      c.set('principal', undefined)
      return next()
    }
    const found = await identify(header, tokens, clock.now())
    if (typeof found === 'string') return challenge(c, 401, ', error="invalid_token"', 'invalid-token', 'Unauthorized', found, write)
    c.set('principal', found)
    return next()
  }
}

/**
 * Demands a token of at least `scope`: none → 401 with a challenge, a weaker one → 403 with
 * `error="insufficient_scope"`. Runs after {@link authenticate}.
 *
 * @example
 * createRoute({ method: 'post', path: '/incidents', middleware: [requireScope('operator')] as const, … })
 */
export function requireScope(scope: TokenScope): MiddlewareHandler {
  return async (c, next) => {
    const principal = c.get('principal')
    if (principal === undefined) return challenge(c, 401, '', 'unauthenticated', 'Unauthorized', `this needs a bearer token of scope ${scope} or higher`)
    if (!scopeAllows(principal.scope, scope)) {
      return challenge(c, 403, `, error="insufficient_scope", scope="${scope}"`, 'insufficient-scope', 'Forbidden', `this needs scope ${scope}; token "${principal.name}" has ${principal.scope}`)
    }
    return next()
  }
}
