/**
 * The records job: keeps minute, hour and day rollups per check and per (component, location)
 * series up to date with the stored results, incrementally and idempotently. Also the shared
 * reading of series and samples from the store.
 *
 * @module
 */
export { createFeedsReader, feedSampleOf, FALLBACK_CHECK_INTERVAL_MS } from './series-feeds.js'
export type { FeedsSnapshot, SeriesFeeds } from './series-feeds.js'
export { createRecordsJob, RESULTS_WATERMARK } from './job.js'
export type { RecordsJob, RecordsJobLog, RecordsJobOptions, RecordsPass } from './job.js'
