/**
 * The HTTP server of `glasshouse serve`.
 *
 * @module
 */
export { createServerApp, type ServerDeps } from './app.js'
export { createHotResponses, type HotResponse, type HotResponses, type VariantOf } from './hot-responses.js'
export { listenHttp, type Listening } from './listen.js'
