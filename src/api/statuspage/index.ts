/**
 * The Statuspage-compatible public API (`/api/v2`) and the public cache headers it shares with
 * badges and embeds.
 *
 * @module
 */
export { registerStatuspageApi, STATUSPAGE_PATHS, type StatuspageApiDeps } from './routes.js'
export { createStatuspageReader, LIST_LENGTH, type StatuspageDocuments, type StatuspagePage, type StatuspageReader } from './documents.js'
export { isSimulated, visibleComponents, type StatuspageComponent, type StatuspageStatus } from './components.js'
export type { StatuspageIncident, StatuspageUpdate } from './incidents.js'
export { cachedResponse, PUBLIC_CACHE_CONTROL, publicCaching } from './public-cache.js'
export { requestBase, type BaseSettings } from './request-base.js'
