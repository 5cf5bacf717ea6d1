/**
 * The static copy of the public pages that survives our own outage (issue 8 item 6): pre-render
 * through the app's own routes, atomic generations, the publish command, the staleness banner.
 *
 * @module
 */
export { StaticCopySchema, type StaticCopyConfig } from './config-schema.js'
export { CURRENT_LINK, currentGeneration, pruneGenerations, switchCurrent, writeGeneration } from './generations.js'
export { staticCopyMetrics, type StaticCopyMetrics } from './metrics.js'
export { staticTarget, type StaticTarget } from './paths.js'
export { redact, runPublish, type PublishOutcome, type PublishRequest } from './publish.js'
export { renderSite, type RenderedSite, type RenderOptions, type RequestableApp } from './render.js'
export { createStaticCopy, staticRoot, type RenderOutcome, type StaticCopy, type StaticCopyDeps } from './service.js'
export { STALENESS_SCRIPT, STALENESS_SCRIPT_HASH } from './stamp.js'
