/**
 * Retention: the daily job that deletes raw results, evaluations, rollups, the oldest audit
 * entries (behind an attested anchor), subscriber personal data and delivery logs older than
 * config `records.retention` allows, in small batches; never pinned evidence, never results a
 * postmortem names, never results the records job has not rolled up.
 *
 * @module
 */
export { createRetentionJob } from './job.js'
export type { RetentionJob, RetentionJobLog, RetentionJobOptions } from './job.js'
export { DEFAULT_RETENTION, retentionPolicy } from './policy.js'
export type { RetentionPolicy, RetentionSettings } from './policy.js'
export { sweep, ROWS_PER_BATCH, UNROLLED_MARGIN_MS, UNROLLED_NEIGHBOURS_MS } from './sweep.js'
export type { SweepCounts } from './sweep.js'
export { sweepAudit, sweepDeliveryLogs, sweepSubscriberData } from './records-sweep.js'
