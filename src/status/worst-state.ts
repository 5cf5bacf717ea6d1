/**
 * Ranking states: what a group of series shows as one.
 *
 * @module
 */
import type { ComponentState } from '../core/state.js'

const SEVERITY: Record<ComponentState, number> = { operational: 0, no_data: 1, degraded: 2, outage: 3 }

/**
 * The worst state of a list (outage > degraded > no data > operational); an empty list has no data.
 *
 * @example
 * worstState(['operational', 'no_data']) // 'no_data'
 */
export function worstState(states: readonly ComponentState[]): ComponentState {
  if (states.length === 0) return 'no_data'
  return states.reduce((worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst))
}
