/**
 * The SCS status API: the exact API of SCS status-page-openapi 1.1.2 over the one status model,
 * and the CORS middleware every public read API shares.
 *
 * @module
 */
export { createScsApp, type ScsDeps } from './app.js'
export { corsFor, type CorsOrigins } from './cors.js'
export { operatorWriter } from './auth.js'
export type { ScsProblem } from './errors.js'
