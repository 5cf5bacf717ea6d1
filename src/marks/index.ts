/**
 * Measurement marks: an operator's public statement that the measured state of a (component,
 * location) is not representative, the one service that writes them with their audit events,
 * and what a mark does to the public state and to measured availability.
 *
 * @module
 */
export { createMarkService, type MarkService, type MarkServiceOptions } from './service.js'
export { MarkNotFoundError } from './errors.js'
export { MAX_REASON_LENGTH, type NewMark } from './inputs.js'
export { markCovers, markedSpans, markSpan, seriesMark, type MarkSpan } from './mark-effect.js'
