/**
 * Hysteresis: the published state moves to a worse one only after `down` evaluations in a row
 * were worse, and back to a better one only after `up` evaluations in a row were better.
 *
 * @module
 */
import type { MeasuredState } from '../core/series.js'
import type { HysteresisConfig, HysteresisState } from './types.js'

/**
 * The defaults: two bad evaluations in a row to go down (one failed run never flips the page),
 * two good ones to come back (one lucky run never closes an incident).
 */
export const DEFAULT_HYSTERESIS: Readonly<HysteresisConfig> = { down: 2, up: 2 }

const SEVERITY: Readonly<Record<Exclude<MeasuredState, 'no_data'>, number>> = {
  operational: 0,
  degraded: 1,
  partial_outage: 2,
  major_outage: 3,
}

function settled(state: MeasuredState): HysteresisState {
  return { published: state, candidate: null, streak: 0 }
}

/** -1 better than `than`, 0 equal, 1 worse; both are measured states other than `no_data`. */
function direction(state: MeasuredState, than: MeasuredState): -1 | 0 | 1 {
  const difference = SEVERITY[state as keyof typeof SEVERITY] - SEVERITY[than as keyof typeof SEVERITY]
  return difference > 0 ? 1 : difference < 0 ? -1 : 0
}

/**
 * Moves the hysteresis by one evaluation. Pure; the state is plain JSON so it can be stored.
 *
 * - The very first evaluation, and the first after `no_data`, is published directly.
 * - `no_data` is published directly: the noData window already waited, and a stale green is the
 *   lie this exists to prevent.
 * - An evaluation equal to the published state clears the candidate.
 * - Worse evaluations in a row count towards `down`, better ones towards `up`; a change of
 *   direction starts a new streak. When the streak reaches its count, the latest evaluation is
 *   published.
 *
 * @example
 * let h = step(null, 'operational')                 // published operational
 * h = step(h, 'major_outage')                         // still operational, candidate major_outage, streak 1
 * h = step(h, 'major_outage')                         // published major_outage (down: 2)
 */
export function step(
  previous: HysteresisState | null,
  evaluated: MeasuredState,
  config: HysteresisConfig = DEFAULT_HYSTERESIS,
): HysteresisState {
  if (previous === null || previous.published === 'no_data' || evaluated === 'no_data') return settled(evaluated)
  const way = direction(evaluated, previous.published)
  if (way === 0) return settled(previous.published)
  const continuing = previous.candidate !== null && previous.candidate !== 'no_data' && direction(previous.candidate, previous.published) === way
  const streak = continuing ? previous.streak + 1 : 1
  const needed = way > 0 ? config.down : config.up
  return streak >= needed ? settled(evaluated) : { published: previous.published, candidate: evaluated, streak }
}

const STATES: readonly string[] = ['operational', 'degraded', 'partial_outage', 'major_outage', 'no_data']

/**
 * Reads a stored hysteresis state back, or returns null when it is not one (then the next
 * evaluation publishes directly, as the very first one does).
 *
 * @example
 * parseHysteresisState(JSON.parse(row.hysteresis)) // { published: 'degraded', candidate: null, streak: 0 }
 */
export function parseHysteresisState(value: unknown): HysteresisState | null {
  if (typeof value !== 'object' || value === null) return null
  const { published, candidate, streak } = value as Record<string, unknown>
  if (typeof published !== 'string' || !STATES.includes(published)) return null
  if (candidate !== null && (typeof candidate !== 'string' || !STATES.includes(candidate))) return null
  if (typeof streak !== 'number' || !Number.isInteger(streak) || streak < 0) return null
  return { published, candidate, streak } as HysteresisState
}
