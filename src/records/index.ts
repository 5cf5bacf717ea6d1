/**
 * Records: rollups, latency histograms, time-weighted and declared availability, calendar
 * buckets and the SLA report. Pure logic; storage and jobs build on it.
 *
 * @module
 */
export * from './histogram.js'
export * from './histogram-json.js'
export * from './calendar.js'
export * from './coverage.js'
export * from './availability.js'
export * from './rollup.js'
export * from './severity.js'
export * from './declared.js'
export * from './report.js'
export * from './report-format.js'
