/**
 * The public status derived from stored data.
 *
 * @module
 */
export {
  createStatusReader,
  worstState,
  type ComponentStatus,
  type StatusReader,
  type StatusSnapshot,
} from './current-status.js'
