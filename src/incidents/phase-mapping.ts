/**
 * How a named phase of an SCS phase list maps to the fixed native lifecycle, and back. A new
 * generation's names are matched by words first (so the SCS defaults "Scheduled, Investigation
 * ongoing, Working on it, Potential fix deployed, Done" map as a reader expects), then by
 * position: the last phase is `resolved`, the first `investigating`, any other `identified`.
 *
 * @module
 */
import { INCIDENT_PHASES, type IncidentPhase } from '../core/index.js'
import type { PhaseEntry } from '../store/index.js'

/** Words that name a native phase, tried in this order. */
const WORDS: readonly (readonly [IncidentPhase, RegExp])[] = [
  ['resolved', /\b(resolved|done|closed|completed?|finished|ended|over)\b/i],
  ['monitoring', /(monitor|deployed|verif|recover|observ)/i],
  ['identified', /(identif|working|in progress|mitigat|root cause|fixing)/i],
  ['investigating', /(investigat|scheduled|planned|triage|analys)/i],
]

/**
 * The native phase each name of a phase list stands for.
 *
 * @example
 * nativePhasesOf(['Scheduled', 'Investigation ongoing', 'Working on it', 'Potential fix deployed', 'Done'])
 * // [investigating, investigating, identified, monitoring, resolved] (as entries)
 */
export function nativePhasesOf(names: readonly string[]): PhaseEntry[] {
  return names.map((name, position) => {
    const matched = WORDS.find(([, words]) => words.test(name))?.[0]
    if (matched !== undefined) return { name, native: matched }
    if (position === names.length - 1) return { name, native: 'resolved' }
    return { name, native: position === 0 ? 'investigating' : 'identified' }
  })
}

/**
 * The position in `phases` that shows a native phase: the first phase mapped to it, else the last
 * one mapped to an earlier phase of the lifecycle (`resolved` falls back to the last position).
 *
 * @example
 * positionOfNative('identified', nativePhasesOf(['Open', 'Working on it', 'Done'])) // 1
 */
export function positionOfNative(phase: IncidentPhase, phases: readonly PhaseEntry[]): number {
  const exact = phases.findIndex((entry) => entry.native === phase)
  if (exact >= 0) return exact
  if (phase === 'resolved') return Math.max(phases.length - 1, 0)
  const rank = INCIDENT_PHASES.indexOf(phase)
  let best = 0
  phases.forEach((entry, position) => {
    if (INCIDENT_PHASES.indexOf(entry.native) <= rank) best = position
  })
  return best
}
