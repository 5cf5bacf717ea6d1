/**
 * Ranking states: what a group of series shows as one.
 *
 * @module
 */
import { worseState, type PublicState } from '../core/public-state.js'

/**
 * The worst state of a list by the public ranking (major outage > partial outage > no data >
 * degraded > operational); maintenance shows only when every member is in maintenance. An empty
 * list has no data.
 *
 * @example
 * worstState(['operational', 'no_data']) // 'no_data'
 * worstState(['maintenance', 'operational']) // 'operational'
 */
export function worstState(states: readonly PublicState[]): PublicState {
  const measured = states.filter((state) => state !== 'maintenance')
  if (measured.length === 0) return states.length === 0 ? 'no_data' : 'maintenance'
  return measured.reduce((worst, state) => worseState(worst, state))
}
