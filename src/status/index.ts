/**
 * The public status derived from stored data.
 *
 * @module
 */
export {
  createStatusReader,
  SERVE_STATUS_MIN_AGE_MS,
  type ComponentStatus,
  type LocationStatus,
  type StatusReader,
  type StatusSnapshot,
} from './current-status.js'
export { worstState } from './worst-state.js'
export { openIncidents, type OpenIncident } from './open-incidents.js'
