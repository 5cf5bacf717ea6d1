/**
 * Token secrets: 256 random bits behind a visible `gh_` prefix (so a leaked token is easy to
 * recognise in a paste or a secret scanner), stored only as their SHA-256. A slow password hash
 * buys nothing for a secret of this entropy and would cost every request.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto'

/** The visible prefix of every token. */
export const TOKEN_PREFIX = 'gh_'

const TOKEN_SHAPE = /^gh_[A-Za-z0-9_-]{43}$/

/**
 * A new token: the prefix and 32 random bytes, base64url.
 *
 * @example
 * generateToken() // 'gh_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
 */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url')
}

/** Whether `text` has the shape of a token (checked before hashing, so junk never reaches the store). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_SHAPE.test(text)
}

/**
 * The stored form of a token: SHA-256, hex.
 *
 * @example
 * await store.tokens.byHash(hashToken(presented))
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
