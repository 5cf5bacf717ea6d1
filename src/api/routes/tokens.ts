/**
 * Token administration through `/api/v1` (scope `admin`): list, issue (the token is in the
 * answer once and nowhere else), revoke. The CLI (`glasshouse token …`) does the same through
 * the same `issueToken`.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../core/index.js'
import { InvalidInputError } from '../../incidents/index.js'
import { TokenNameTakenError, type TokenRow, type TokensRepository } from '../../store/index.js'
import { issueToken, needsScope, TOKEN_SCOPES } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { jsonContent, problemContent } from '../schemas.js'
import { isoInstant, toMs, writeProblems } from './write-common.js'

const isoTime = z.iso.datetime()
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

const TokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: 'ci-deploy' }),
    scope: z.enum(TOKEN_SCOPES),
    createdAt: isoTime,
    createdBy: z.string(),
    expiresAt: isoTime.nullable(),
    revokedAt: isoTime.nullable(),
  })
  .openapi('ApiToken')

const IssuedTokenSchema = TokenSchema.extend({ token: z.string().openapi({ description: 'the secret: shown only in this answer, stored only as its hash' }) }).openapi('IssuedApiToken')

const NewTokenBody = z
  .strictObject({ name: z.string(), scope: z.enum(TOKEN_SCOPES), expiresAt: isoInstant.optional().openapi({ description: 'default: never' }) })
  .openapi('NewApiToken')

const admin = needsScope('admin')

const listTokens = createRoute({
  method: 'get', path: '/tokens', tags: ['tokens'], summary: 'API tokens (never their values)', ...admin,
  request: { query: z.object({ all: z.enum(['true', 'false']).optional().openapi({ description: 'revoked tokens too' }) }) },
  responses: { 200: jsonContent(z.object({ items: z.array(TokenSchema) }), 'The tokens, oldest first'), 401: writeProblems[401], 403: writeProblems[403] },
})

const createToken = createRoute({
  method: 'post', path: '/tokens', tags: ['tokens'], summary: 'Issue a token; its value is in this answer only', ...admin,
  request: { body: { content: { 'application/json': { schema: NewTokenBody } }, required: true } },
  responses: { 201: jsonContent(IssuedTokenSchema, 'The token, with its value'), ...writeProblems, 409: problemContent('A token of that name exists or existed') },
})

const revokeToken = createRoute({
  method: 'post', path: '/tokens/{id}/revoke', tags: ['tokens'], summary: 'Revoke a token from the next request on', ...admin,
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonContent(TokenSchema, 'The revoked token'), ...writeProblems },
})

function tokenToApi(row: TokenRow): z.infer<typeof TokenSchema> {
  return { ...row, createdAt: iso(row.createdAt)!, expiresAt: iso(row.expiresAt), revokedAt: iso(row.revokedAt) }
}

/** Registers the token administration routes. */
export function registerTokenRoutes(app: OpenAPIHono, tokens: TokensRepository, clock: Clock): void {
  app.openapi(listTokens, async (c) => c.json({ items: (await tokens.list({ includeRevoked: c.req.valid('query').all === 'true' })).map(tokenToApi) }, 200))
  app.openapi(createToken, async (c) => {
    const body = c.req.valid('json')
    try {
      const issued = await issueToken(tokens, { name: body.name, scope: body.scope, expiresAt: toMs(body.expiresAt) ?? null }, { now: clock.now(), createdBy: c.get('principal')!.name })
      c.header('cache-control', 'no-store')
      return c.json({ ...tokenToApi(issued.row), token: issued.token }, 201)
    } catch (error) {
      if (error instanceof InvalidInputError) throw new ApiError(422, 'invalid-input', 'Invalid input', error.message, [...error.issues])
      if (error instanceof TokenNameTakenError) throw new ApiError(409, 'token-name-taken', 'Conflict', error.message)
      throw error
    }
  })
  app.openapi(revokeToken, async (c) => {
    const { id } = c.req.valid('param')
    const revoked = await tokens.revoke(id, clock.now(), { actor: c.get('principal')!.name, door: 'api' })
    if (revoked === null) throw new ApiError(404, 'not-found', 'Not found', `no token with id ${id}`)
    return c.json(tokenToApi(revoked), 200)
  })
}
