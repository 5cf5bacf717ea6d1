/**
 * The audit entries of operator sign-ins and sign-outs. They name the token (the actor) and its
 * scope; never the token, the session id or its hash, and never the client's address (that stays
 * in `operator_sign_ins`, for the sign-in rate limit, under its own retention).
 *
 * @module
 */
import type { AuditEvent } from '../store/index.js'

/** An entry to record, without its id. */
export type NewAuditEntry = Omit<AuditEvent, 'id'>

/** The token a session belongs to, as far as an entry names it. */
export interface SessionTokenRef {
  id: string
  name: string
  scope: string
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * `session.sign-in`: a token was exchanged for a session ending at `expiresAt`.
 *
 * @example
 * await store.operatorSessions.insert(row, signInEntry({ id, name: 'alice', scope: 'admin' }, now, now + 8 * 3_600_000))
 */
export function signInEntry(token: SessionTokenRef, at: number, expiresAt: number): NewAuditEntry {
  return {
    at, actor: token.name, door: 'api', action: 'session.sign-in', objectType: 'session', objectId: token.id,
    before: null, after: { token: token.name, scope: token.scope, sessionEndsAt: iso(expiresAt) },
  }
}

/**
 * `session.sign-out`: the operator ended a live session (signing out, or signing in again).
 *
 * @example
 * await store.operatorSessions.delete(idHash, signOutEntry({ id: tokenId, name: 'alice', scope: 'admin' }, now))
 */
export function signOutEntry(token: SessionTokenRef, at: number): NewAuditEntry {
  return {
    at, actor: token.name, door: 'api', action: 'session.sign-out', objectType: 'session', objectId: token.id,
    before: { token: token.name, scope: token.scope }, after: null,
  }
}

/**
 * `session.sign-in-failed`: a KNOWN token was refused (revoked, expired, scope too low). Attempts
 * with unknown tokens name no one and stay in `operator_sign_ins` only, so guessing cannot flood
 * the trail.
 *
 * @example
 * signInFailedEntry({ id, name: 'ci', scope: 'reporter' }, now, 'scope reporter may not sign in')
 */
export function signInFailedEntry(token: SessionTokenRef, at: number, reason: string): NewAuditEntry {
  return {
    at, actor: token.name, door: 'api', action: 'session.sign-in-failed', objectType: 'session', objectId: token.id,
    before: null, after: { token: token.name, scope: token.scope, reason },
  }
}
