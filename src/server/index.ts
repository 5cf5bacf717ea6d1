/**
 * The HTTP server of `glasshouse serve`.
 *
 * @module
 */
export { createServerApp, type ServerDeps } from './app.js'
