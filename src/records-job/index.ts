/**
 * The records job: keeps minute, hour and day rollups per check and per (component, location)
 * series up to date with the stored results and maintenance windows, incrementally and
 * idempotently; `catchUp` runs it to the end once. Also the shared reading of series and
 * samples from the store.
 *
 * @module
 */
export { createFeedsReader, feedSampleOf, FALLBACK_CHECK_INTERVAL_MS } from './series-feeds.js'
export type { FeedsSnapshot, SeriesFeeds } from './series-feeds.js'
export { createRecordsJob, passSettings, RECORDS_DEFAULTS } from './job.js'
export type { RecordsJob, RecordsJobLog, RecordsJobOptions } from './job.js'
export { MAINTENANCE_WATERMARK, RAW_HORIZON, RESULTS_WATERMARK } from './pass.js'
export type { PassSettings, RecordsPass, RollupRetention } from './pass.js'
export { catchUp } from './catch-up.js'
export type { CatchUpOptions } from './catch-up.js'
export { maintenanceIntervals, windowsBetween } from './maintenance.js'
