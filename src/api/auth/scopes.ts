/**
 * The three token scopes, each including the ones below it: `reporter` (machine updates and
 * heartbeats) < `operator` (incidents, maintenance, components) < `admin` (everything, tokens).
 *
 * @module
 */
import type { TokenScope } from '../../store/index.js'

/** The scopes, weakest first. */
export const TOKEN_SCOPES = ['reporter', 'operator', 'admin'] as const satisfies readonly TokenScope[]

/**
 * Whether a token of scope `held` may do what needs `needed`.
 *
 * @example
 * scopeAllows('admin', 'operator') // true
 * scopeAllows('reporter', 'operator') // false
 */
export function scopeAllows(held: TokenScope, needed: TokenScope): boolean {
  return TOKEN_SCOPES.indexOf(held) >= TOKEN_SCOPES.indexOf(needed)
}
