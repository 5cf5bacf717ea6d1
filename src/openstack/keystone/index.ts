/**
 * Keystone v3: auth request bodies, tokens, and the service catalog.
 *
 * @module
 */
export { AuthConfigError, authRequestBody, identityV3Url } from './auth-body.js'
export { CatalogEntrySchema, selectServices } from './catalog.js'
export type { CatalogEntry, CatalogService, EndpointSelection } from './catalog.js'
export { issueToken, parseJson, TOKEN_RENEW_BEFORE_MS } from './token.js'
export type { Token, TokenOutcome } from './token.js'
