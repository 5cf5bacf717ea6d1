/**
 * The fixed lifecycle of an incident. The phases never change (automation, feeds and the SCS
 * projection rely on them); only their display names are configurable.
 *
 * @module
 */

/** The phases in lifecycle order; `resolved` is final. */
export const INCIDENT_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const
export type IncidentPhase = (typeof INCIDENT_PHASES)[number]

/** The display name of each phase unless config says otherwise. */
export const DEFAULT_PHASE_NAMES: Readonly<Record<IncidentPhase, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
}

/**
 * The display name of a phase, from configured names or the defaults.
 *
 * @example
 * phaseName('identified', { identified: 'Working on it' }) // 'Working on it'
 */
export function phaseName(phase: IncidentPhase, names: Partial<Record<IncidentPhase, string>> = {}): string {
  return names[phase] ?? DEFAULT_PHASE_NAMES[phase]
}
