/**
 * Reports computed from stored data.
 *
 * @module
 */
export { availabilityReport, type ReportRequest } from './availability-report.js'
