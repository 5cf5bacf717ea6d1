/**
 * The one table mapping each component state to every vocabulary a surface needs.
 *
 * @module
 */
import type { ComponentState } from './state.js'

/** How one state is said on each surface. */
export interface StateWords {
  /** Human label on the page. */
  label: string
  /** A glyph shown beside the label, so colour is never the only signal. */
  icon: string
  /** CSS class suffix (`state-…`). */
  css: string
  /** Atlassian Statuspage component status. */
  statuspage: 'operational' | 'degraded_performance' | 'major_outage' | 'under_maintenance' | null
  /** Numeric value for `/metrics` (`glasshouse_component_state`): 0 ok … 2 outage, -1 no data. */
  metric: number
}

/** Each state in every vocabulary. */
export const STATE_WORDS: Readonly<Record<ComponentState, StateWords>> = {
  operational: { label: 'Operational', icon: '✓', css: 'operational', statuspage: 'operational', metric: 0 },
  degraded: { label: 'Degraded', icon: '!', css: 'degraded', statuspage: 'degraded_performance', metric: 1 },
  outage: { label: 'Outage', icon: '✕', css: 'outage', statuspage: 'major_outage', metric: 2 },
  no_data: { label: 'No data', icon: '?', css: 'no-data', statuspage: null, metric: -1 },
}
