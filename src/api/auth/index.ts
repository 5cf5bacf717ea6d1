/**
 * API tokens: secrets stored hashed, bearer authentication, scope checks and their OpenAPI
 * declaration.
 *
 * @module
 */
export { authenticate, requireScope, type Principal } from './authenticate.js'
export { issueToken, NewTokenSchema, type IssuedToken, type NewToken } from './issue.js'
export { BEARER_SCHEME, needsScope, registerBearerScheme } from './openapi.js'
export { scopeAllows, TOKEN_SCOPES } from './scopes.js'
export { generateToken, hashToken, looksLikeToken, TOKEN_PREFIX } from './token-secret.js'
