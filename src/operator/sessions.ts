/**
 * Operator sessions: an API token exchanged once for a random session id. The browser holds the
 * id in an `HttpOnly`, `SameSite=Strict` cookie scoped to `/operator` (`Secure` over TLS); the
 * store holds only its SHA-256. A session ends on logout, after the idle timeout, at its absolute
 * end, or as soon as its token is revoked or expires.
 *
 * @module
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { signInEntry, signOutEntry } from '../audit/index.js'
import type { Store, TokenRow, TokenScope } from '../store/index.js'
import { trustedProxies } from '../web/index.js'
import { cameOverTls } from './client.js'
import type { OperatorDeps } from './deps.js'

/** The session cookie's name. */
export const SESSION_COOKIE = 'gh_operator_session'

/** The path every operator cookie is scoped to. */
export const OPERATOR_PATH = '/operator'

/** Activity is written back at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000

/** A signed-in operator, as every route sees it. */
export interface OperatorSession {
  /** SHA-256 of the session id (the row's key). */
  idHash: string
  /** The synchronizer token every form of this session carries. */
  csrfToken: string
  tokenId: string
  /** The token's name: the actor of every write. */
  actor: string
  scope: TokenScope
  expiresAt: number
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The operator session of the request, when it carries a live one. */
    operatorSession: OperatorSession | undefined
  }
}

/** SHA-256 (hex) of a session id: the only form the store sees. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex')
}

/**
 * The CSRF token bound to a secret (a session id or a sign-in form's nonce): an HMAC, so it
 * needs no storage and reveals nothing about the secret.
 *
 * @example
 * csrfTokenFor(sessionId, 'session') === csrfTokenFor(sessionId, 'session') // true
 */
export function csrfTokenFor(secret: string, purpose: 'session' | 'sign-in'): string {
  return createHmac('sha256', secret).update(`glasshouse-operator-csrf:${purpose}`).digest('base64url')
}

/** A new random secret (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Why a token row cannot hold a session at `now`, or null when it can. */
export function tokenRefusal(row: TokenRow, now: number): string | null {
  if (row.revokedAt !== null && row.revokedAt <= now) return 'token revoked'
  if (row.expiresAt !== null && row.expiresAt <= now) return 'token expired'
  return null
}

/** Sets a cookie scoped to the operator UI with the flags every operator cookie has. */
export function setOperatorCookie(c: Context, deps: Pick<OperatorDeps, 'page'>, name: string, value: string, maxAgeSeconds?: number): void {
  setCookie(c, name, value, {
    path: OPERATOR_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: cameOverTls(c, trustedProxies(deps.page().trustedProxies)),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  })
}

/** Removes an operator cookie from the browser. */
export function clearOperatorCookie(c: Context, name: string): void {
  deleteCookie(c, name, { path: OPERATOR_PATH })
}

/**
 * Opens a session for `token` and sets its cookie; returns the session.
 *
 * @example
 * const session = await startSession(c, deps, tokenRow, '203.0.113.9')
 */
export async function startSession(c: Context, deps: OperatorDeps, token: TokenRow, client: string): Promise<OperatorSession> {
  const id = newSecret()
  const now = deps.clock.now()
  const expiresAt = now + deps.settings().sessionMaxLifetime
  const idHash = hashSessionId(id)
  await deps.store.operatorSessions.deleteExpired(now, now - deps.settings().sessionIdleTimeout)
  await deps.store.operatorSessions.insert({ idHash, tokenId: token.id, createdAt: now, lastSeenAt: now, expiresAt, client }, signInEntry(token, now, expiresAt))
  setOperatorCookie(c, deps, SESSION_COOKIE, id)
  return { idHash, csrfToken: csrfTokenFor(id, 'session'), tokenId: token.id, actor: token.name, scope: token.scope, expiresAt }
}

async function liveSession(deps: OperatorDeps, store: Store, id: string): Promise<OperatorSession | null> {
  const idHash = hashSessionId(id)
  const row = await store.operatorSessions.byHash(idHash)
  if (row === null) return null
  const now = deps.clock.now()
  const token = await store.tokens.find(row.tokenId)
  if (token === null || tokenRefusal(token, now) !== null) {
    await store.operatorSessions.deleteForToken(row.tokenId)
    return null
  }
  if (row.expiresAt <= now || row.lastSeenAt + deps.settings().sessionIdleTimeout <= now) {
    await store.operatorSessions.delete(idHash)
    return null
  }
  if (now - row.lastSeenAt >= TOUCH_EVERY_MS) await store.operatorSessions.touch(idHash, now)
  return { idHash, csrfToken: csrfTokenFor(id, 'session'), tokenId: token.id, actor: token.name, scope: token.scope, expiresAt: row.expiresAt }
}

/**
 * A middleware that finds the request's live session (or none) and sets `operatorSession`; a
 * cookie naming a dead session is cleared.
 */
export function loadSession(deps: OperatorDeps): MiddlewareHandler {
  return async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE)
    const session = id === undefined || id === '' ? null : await liveSession(deps, deps.store, id)
    if (session === null && id !== undefined) clearOperatorCookie(c, SESSION_COOKIE)
    c.set('operatorSession', session ?? undefined)
    await next()
  }
}

/** Ends the request's session: deletes its row (recording `session.sign-out`) and clears the cookie; returns whether one was live. */
export async function endSession(c: Context, deps: OperatorDeps): Promise<boolean> {
  const session = c.get('operatorSession')
  clearOperatorCookie(c, SESSION_COOKIE)
  if (session === undefined) return false
  const token = { id: session.tokenId, name: session.actor, scope: session.scope }
  return deps.store.operatorSessions.delete(session.idHash, signOutEntry(token, deps.clock.now()))
}
