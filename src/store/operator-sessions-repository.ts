/**
 * The operator UI's sessions and sign-in audit (`operator_sessions`, `operator_sign_ins`). A
 * session is found by the hash of its id only; the id never reaches the store.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { appendAuditEvent, type AuditEvent } from './audit-repository.js'
import type { Database, OperatorSessionsTable, OperatorSignInsTable } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** A stored operator session. */
export interface OperatorSessionRow {
  /** SHA-256 (hex) of the session id. */
  idHash: string
  /** The API token the session was exchanged for. */
  tokenId: string
  createdAt: number
  lastSeenAt: number
  /** The absolute end, whatever the activity. */
  expiresAt: number
  /** The client address at sign-in. */
  client: string
}

/** One sign-in attempt or sign-out. */
export interface OperatorSignInRow {
  id: string
  at: number
  outcome: OperatorSignInsTable['outcome']
  tokenId: string | null
  tokenName: string | null
  client: string
  reason: string
}

/** An audit entry a session write records in its transaction. */
export type SessionAuditEntry = Omit<AuditEvent, 'id'>

/** Reads and writes operator sessions and the sign-in audit. */
export interface OperatorSessionsRepository {
  /** Stores a new session (and `audit`, the `session.sign-in` entry, in the same transaction). */
  insert(row: OperatorSessionRow, audit?: SessionAuditEntry): Promise<void>
  /** The session whose id hashes to `idHash`, expired or not (the caller decides); null when unknown. */
  byHash(idHash: string): Promise<OperatorSessionRow | null>
  /** Moves `last_seen_at` forward to `at`. */
  touch(idHash: string, at: number): Promise<void>
  /** Deletes one session; returns whether it existed. `audit` (a sign-out) is recorded only when it did. */
  delete(idHash: string, audit?: SessionAuditEntry): Promise<boolean>
  /** Deletes every session of a token (revoked, expired); returns how many. */
  deleteForToken(tokenId: string): Promise<number>
  /** Deletes sessions idle since before `idleBefore` or past their absolute end at `now`. */
  deleteExpired(now: number, idleBefore: number): Promise<number>
  /** Records a sign-in attempt or a sign-out (and `audit`, when given, in the same transaction). */
  recordSignIn(row: OperatorSignInRow, audit?: SessionAuditEntry): Promise<void>
  /** Sign-in records, newest first. */
  signIns(limit: number): Promise<OperatorSignInRow[]>
}

function toSession(row: Selectable<OperatorSessionsTable>): OperatorSessionRow {
  return {
    idHash: row.id_hash,
    tokenId: row.token_id,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    client: row.client,
  }
}

function toSignIn(row: Selectable<OperatorSignInsTable>): OperatorSignInRow {
  return { id: row.id, at: Number(row.at), outcome: row.outcome, tokenId: row.token_id, tokenName: row.token_name, client: row.client, reason: row.reason }
}

/**
 * Builds the repository over `db`, writing through `write`.
 *
 * @example
 * const sessions = operatorSessionsRepository(db, write)
 * const row = await sessions.byHash(sha256Hex(cookieValue))
 */
export function operatorSessionsRepository(db: Kysely<Database>, write: WriteTransaction): OperatorSessionsRepository {
  return {
    insert: (row, audit) =>
      write(async (trx) => {
        await trx
          .insertInto('operator_sessions')
          .values({ id_hash: row.idHash, token_id: row.tokenId, created_at: row.createdAt, last_seen_at: row.lastSeenAt, expires_at: row.expiresAt, client: row.client })
          .execute()
        if (audit !== undefined) await appendAuditEvent(trx, audit)
      }),
    async byHash(idHash) {
      const row = await db.selectFrom('operator_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst()
      return row === undefined ? null : toSession(row)
    },
    touch: (idHash, at) =>
      write(async (trx) => {
        await trx.updateTable('operator_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).where('last_seen_at', '<', at).execute()
      }),
    delete: (idHash, audit) =>
      write(async (trx) => {
        const result = await trx.deleteFrom('operator_sessions').where('id_hash', '=', idHash).executeTakeFirst()
        const existed = Number(result.numDeletedRows) > 0
        if (existed && audit !== undefined) await appendAuditEvent(trx, audit)
        return existed
      }),
    deleteForToken: (tokenId) =>
      write(async (trx) => Number((await trx.deleteFrom('operator_sessions').where('token_id', '=', tokenId).executeTakeFirst()).numDeletedRows)),
    deleteExpired: (now, idleBefore) =>
      write(async (trx) => {
        const result = await trx
          .deleteFrom('operator_sessions')
          .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
          .executeTakeFirst()
        return Number(result.numDeletedRows)
      }),
    recordSignIn: (row, audit) =>
      write(async (trx) => {
        await trx
          .insertInto('operator_sign_ins')
          .values({ id: row.id, at: row.at, outcome: row.outcome, token_id: row.tokenId, token_name: row.tokenName, client: row.client, reason: row.reason })
          .execute()
        if (audit !== undefined) await appendAuditEvent(trx, audit)
      }),
    async signIns(limit) {
      return (await db.selectFrom('operator_sign_ins').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toSignIn)
    },
  }
}
