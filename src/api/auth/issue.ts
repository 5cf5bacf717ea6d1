/**
 * Issuing a token: the one place a token secret is made, hashed and stored. The secret is
 * returned once to the caller and exists nowhere else afterwards.
 *
 * @module
 */
import { z } from 'zod'
import { newId } from '../../core/index.js'
import { InvalidInputError } from '../../incidents/index.js'
import type { AuditDoor, TokenRow, TokensRepository } from '../../store/index.js'
import { TOKEN_SCOPES } from './scopes.js'
import { generateToken, hashToken } from './token-secret.js'

/** What a new token needs; `expiresAt` null never expires. */
export const NewTokenSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$/, 'a token name: 1–63 of A-Z a-z 0-9 . _ @ -'),
  scope: z.enum(TOKEN_SCOPES),
  expiresAt: z.number().int().nullable().default(null),
})
export type NewToken = z.input<typeof NewTokenSchema>

/** A freshly issued token: the secret (shown once) and its stored row. */
export interface IssuedToken {
  token: string
  row: TokenRow
}

/**
 * Creates a token and records `token.create` in the audit trail (actor `createdBy`, door `door`,
 * default `api`) in the same transaction. Throws {@link InvalidInputError} for a bad name or scope or an expiry not in
 * the future, and `TokenNameTakenError` when the name was ever used.
 *
 * @example
 * const { token } = await issueToken(store.tokens, { name: 'ci', scope: 'operator' }, { now: Date.now(), createdBy: 'alice' })
 */
export async function issueToken(tokens: TokensRepository, raw: NewToken, by: { now: number; createdBy: string; door?: AuditDoor }): Promise<IssuedToken> {
  const parsed = NewTokenSchema.safeParse(raw)
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message })))
  const input = parsed.data
  if (input.expiresAt !== null && input.expiresAt <= by.now) throw new InvalidInputError([{ path: 'expiresAt', message: 'must be in the future' }])
  const token = generateToken()
  const row = await tokens.insert({ id: newId(), name: input.name, scope: input.scope, hash: hashToken(token), createdAt: by.now, createdBy: by.createdBy, expiresAt: input.expiresAt }, { actor: by.createdBy, door: by.door ?? 'api' })
  return { token, row }
}
