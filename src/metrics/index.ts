/**
 * Prometheus metrics of a running Glasshouse.
 *
 * @module
 */
export { createMetrics, type GlasshouseMetrics } from './registry.js'
