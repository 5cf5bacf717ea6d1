/**
 * The measuring loop: scheduler → probes → metrics and store.
 *
 * @module
 */
export { createMonitor, type ApplyReport, type Monitor, type MonitorDeps, type MonitoredConfig } from './monitor.js'
export { createResultWriter, type ResultWriter, type ResultWriterOptions } from './result-writer.js'
