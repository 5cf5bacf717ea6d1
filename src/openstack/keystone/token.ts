/**
 * Issuing Keystone v3 tokens: the timed `identity.tokens.create` call, the token body parsed
 * with Zod, and reuse until shortly before expiry.
 *
 * @module
 */
import { z } from 'zod'
import type { ResolvedCloud } from '../clouds-config/types.js'
import { headerOf, performCall } from '../http/index.js'
import type { AcceptAnswer, CallEnv, CallOutcome } from '../http/index.js'
import { authRequestBody, identityV3Url } from './auth-body.js'
import { CatalogEntrySchema, selectServices } from './catalog.js'
import type { CatalogService } from './catalog.js'

const TokenBodySchema = z.object({
  token: z.object({
    expires_at: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date'),
    user: z.object({ id: z.string(), name: z.string().optional() }),
    project: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    catalog: z.array(CatalogEntrySchema).optional(),
  }),
})

/** A token and what came with it. The value is a secret: never log or return it. */
export interface Token {
  value: string
  /** Epoch milliseconds. */
  expiresAt: number
  userId: string
  projectId: string | null
  /** One entry per official service type, endpoints chosen for the cloud's interface and region. */
  services: CatalogService[]
}

/** A token's identity call went wrong; the outcome holds the classified failure. */
export type TokenOutcome = CallOutcome<Token>

/** Tokens are renewed this long before they expire (keystoneauth renews shortly before, too). */
export const TOKEN_RENEW_BEFORE_MS = 60_000

/**
 * Issues a token with a timed `POST /v3/auth/tokens` (`identity.tokens.create`).
 *
 * @example
 * const outcome = await issueToken(cloud, env, 22000)
 * if (outcome.ok) outcome.value.services
 */
export function issueToken(cloud: ResolvedCloud, env: CallEnv, timeoutMs: number): Promise<TokenOutcome> {
  const url = new URL(`${identityV3Url(cloud.auth.authUrl)}/auth/tokens`)
  return performCall(
    {
      service: 'identity',
      operation: 'identity.tokens.create',
      method: 'POST',
      url,
      urlTemplate: '/v3/auth/tokens',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(authRequestBody(cloud)),
      timeoutMs,
      // Issuing a token changes nothing, so a transient failure may be retried like a GET.
      idempotent: true,
      expect: [200, 201],
      accept: acceptToken(cloud),
    },
    env,
  )
}

function acceptToken(cloud: ResolvedCloud): AcceptAnswer<Token> {
  return (answer) => {
    const value = headerOf(answer.headers, 'x-subject-token')
    if (value === null || value === '') return { ok: false, failure: { code: 'malformed', message: 'Keystone answered without X-Subject-Token' } }
    const parsed = parseJson(answer.body, TokenBodySchema)
    if (!parsed.ok) return { ok: false, failure: { code: 'malformed', message: `token body: ${parsed.message}` } }
    const { token } = parsed.value
    const projectId = token.project?.id ?? null
    const services = selectServices(token.catalog ?? [], {
      interface: cloud.interface,
      region: cloud.region,
      overrides: cloud.endpointOverrides,
      projectId,
    })
    return { ok: true, value: { value, expiresAt: Date.parse(token.expires_at), userId: token.user.id, projectId, services } }
  }
}

/**
 * Parses JSON and validates it; the message names the first wrong field.
 *
 * @example
 * parseJson('{"a":1}', z.object({ a: z.number() })) // { ok: true, value: { a: 1 } }
 */
export function parseJson<T>(body: string | null, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; message: string } {
  let data: unknown
  try {
    data = body === null || body.trim() === '' ? undefined : JSON.parse(body)
  } catch {
    return { ok: false, message: 'not valid JSON' }
  }
  const result = schema.safeParse(data)
  if (result.success) return { ok: true, value: result.data }
  const issue = result.error.issues[0]
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)'
  return { ok: false, message: `${path}: ${issue?.message ?? 'invalid'}` }
}
