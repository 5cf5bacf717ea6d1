/**
 * The fake's Keystone: `POST /v3/auth/tokens` for password, application-credential and token
 * auth, checked against the fake's one user; tokens expire after the configured TTL.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { fakeCatalog } from './catalog.js'
import type { FakeState } from './state.js'

type Json = Record<string, unknown>

/** A token answer, or the status to refuse with. */
export type TokenAnswer = { ok: true; token: string; body: Json } | { ok: false; status: number; message: string }

/**
 * Checks the auth request and issues a token with the catalog.
 *
 * @example
 * issueFakeToken(state, await c.req.json())
 */
export function issueFakeToken(state: FakeState, request: unknown): TokenAnswer {
  const identity = (request as { auth?: { identity?: Json } } | null)?.auth?.identity
  const methods = identity?.methods
  if (!identity || !Array.isArray(methods) || methods.length !== 1) return { ok: false, status: 400, message: 'Expecting to find identity in auth' }
  const method = String(methods[0])
  const accepted = method === 'password' ? passwordOk(state, identity.password) : method === 'application_credential' ? appCredentialOk(state, identity.application_credential) : method === 'token' ? tokenOk(state, identity.token) : false
  if (!accepted) return { ok: false, status: 401, message: 'The request you have made requires authentication.' }
  const token = `fake-token-${randomUUID()}`
  const expiresAt = Date.now() + state.tokenTtlMs
  state.tokens.set(token, { userId: state.userId, projectId: state.projectId, expiresAt })
  return {
    ok: true,
    token,
    body: {
      token: {
        methods: [method],
        expires_at: new Date(expiresAt).toISOString(),
        issued_at: new Date().toISOString(),
        user: { id: state.userId, name: state.username, domain: { id: 'default', name: 'Default' } },
        project: { id: state.projectId, name: 'demo', domain: { id: 'default', name: 'Default' } },
        roles: [{ id: 'r1', name: 'member' }],
        catalog: fakeCatalog(state.baseUrl, state.projectId),
      },
    },
  }
}

/**
 * Whether an `X-Auth-Token` is one the fake issued and has not expired or revoked.
 *
 * @example
 * validToken(state, c.req.header('x-auth-token'))
 */
export function validToken(state: FakeState, token: string | undefined): boolean {
  if (token === undefined) return false
  const found = state.tokens.get(token)
  return found !== undefined && found.expiresAt > Date.now()
}

function passwordOk(state: FakeState, password: unknown): boolean {
  const user = (password as { user?: Json } | undefined)?.user
  if (!user || user.password !== state.password) return false
  if (user.id !== undefined) return user.id === state.userId
  const domain = user.domain as Json | undefined
  return user.name === state.username && (domain?.name === 'Default' || domain?.id === 'default')
}

function appCredentialOk(state: FakeState, credential: unknown): boolean {
  const given = credential as Json | undefined
  const expected = state.applicationCredential
  if (!given || given.secret !== expected.secret) return false
  if (given.id !== undefined) return given.id === expected.id
  const user = given.user as Json | undefined
  return given.name === expected.name && (user?.id === state.userId || user?.name === state.username)
}

function tokenOk(state: FakeState, token: unknown): boolean {
  const id = (token as { id?: unknown } | undefined)?.id
  return typeof id === 'string' && validToken(state, id)
}
