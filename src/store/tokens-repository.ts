/**
 * The `api_tokens` table: scoped API tokens, kept as the SHA-256 of the token only. The token
 * itself never reaches the store; rows never leave it with their hash (reads return
 * {@link TokenRow}, which has none).
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { appendAuditEvent, type AuditActor } from './audit-repository.js'
import type { ApiTokensTable, Database } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** What a token may do: `reporter` < `operator` < `admin`. */
export type TokenScope = ApiTokensTable['scope']

/** A token as listed: everything but its hash. */
export interface TokenRow {
  id: string
  /** Unique for all time; the actor of every write made with the token. */
  name: string
  scope: TokenScope
  createdAt: number
  /** Who created it (a CLI user or an admin token's name). */
  createdBy: string
  expiresAt: number | null
  revokedAt: number | null
}

/** A new token's row, with the hash of its secret. */
export type NewTokenRow = Omit<TokenRow, 'revokedAt'> & { hash: string }

/** A token name already in use (names are never reused: the audit trail names actors by them). */
export class TokenNameTakenError extends Error {
  readonly code = 'TOKEN_NAME_TAKEN'
  constructor(readonly tokenName: string) {
    super(`a token named "${tokenName}" exists or existed; token names are never reused`)
    this.name = 'TokenNameTakenError'
  }
}

/** Reads and writes API tokens. */
export interface TokensRepository {
  /**
   * Stores a new token; throws {@link TokenNameTakenError} when its name was ever used. With `by`,
   * a `token.create` audit entry (the row without its hash) commits with it.
   */
  insert(row: NewTokenRow, by?: AuditActor): Promise<TokenRow>
  /** The token whose secret hashes to `hash`, revoked and expired ones included (the caller decides). */
  byHash(hash: string): Promise<TokenRow | null>
  /** The token with this id or, failing that, this name. */
  find(idOrName: string): Promise<TokenRow | null>
  /** Tokens, oldest first; revoked ones only when asked. */
  list(options?: { includeRevoked?: boolean }): Promise<TokenRow[]>
  /**
   * Revokes a token at `at` (a revoked token stays revoked at its first time); returns it, or null
   * when unknown. With `by`, a `token.revoke` audit entry commits with an actual revocation.
   */
  revoke(id: string, at: number, by?: AuditActor): Promise<TokenRow | null>
}

function toToken(row: Omit<Selectable<ApiTokensTable>, 'hash'>): TokenRow {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  }
}

const COLUMNS = ['id', 'name', 'scope', 'created_at', 'created_by', 'expires_at', 'revoked_at'] as const

async function selectBy(db: Kysely<Database>, column: 'id' | 'name' | 'hash', value: string): Promise<TokenRow | null> {
  const row = await db.selectFrom('api_tokens').select(COLUMNS).where(column, '=', value).executeTakeFirst()
  return row === undefined ? null : toToken(row)
}

/**
 * Builds the tokens repository over `db`, writing through `write`.
 *
 * @example
 * const tokens = tokensRepository(db, write)
 * const row = await tokens.byHash(sha256Hex(presented))
 */
export function tokensRepository(db: Kysely<Database>, write: WriteTransaction): TokensRepository {
  return {
    insert: (row, by) =>
      write(async (trx) => {
        if ((await selectBy(trx, 'name', row.name)) !== null) throw new TokenNameTakenError(row.name)
        await trx
          .insertInto('api_tokens')
          .values({
            id: row.id, name: row.name, scope: row.scope, hash: row.hash, created_at: row.createdAt, created_by: row.createdBy,
            expires_at: row.expiresAt, revoked_at: null,
          })
          .execute()
        const stored = (await selectBy(trx, 'id', row.id))!
        if (by !== undefined) await appendAuditEvent(trx, { ...by, at: row.createdAt, action: 'token.create', objectType: 'token', objectId: row.id, before: null, after: stored })
        return stored
      }),
    byHash: (hash) => selectBy(db, 'hash', hash),
    async find(idOrName) {
      return (await selectBy(db, 'id', idOrName)) ?? selectBy(db, 'name', idOrName)
    },
    async list(options = {}) {
      let select = db.selectFrom('api_tokens').select(COLUMNS).orderBy('created_at').orderBy('id')
      if (options.includeRevoked !== true) select = select.where('revoked_at', 'is', null)
      return (await select.execute()).map(toToken)
    },
    revoke: (id, at, by) =>
      write(async (trx) => {
        const before = await selectBy(trx, 'id', id)
        await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute()
        const after = await selectBy(trx, 'id', id)
        if (by !== undefined && before !== null && before.revokedAt === null) {
          await appendAuditEvent(trx, { ...by, at, action: 'token.revoke', objectType: 'token', objectId: id, before, after })
        }
        return after
      }),
  }
}
