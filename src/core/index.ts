/**
 * Domain types and pure logic shared by every layer. Imports nothing from other folders.
 *
 * @module
 */
export * from './clock.js'
export * from './duration.js'
export * from './failure.js'
export * from './result.js'
export * from './state.js'
export * from './conditions/index.js'
export * from './redact.js'
export * from './ids.js'
export * from './series.js'
export * from './public-state.js'
export * from './state-table.js'
export * from './incident-phase.js'
