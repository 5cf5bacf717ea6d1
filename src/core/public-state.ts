/**
 * The one public state function: what a (component, location) shows, from its measured state,
 * its declared state (the worst active impact of open incidents) and maintenance.
 *
 * Ranking, worst first: major_outage > partial_outage > no_data > degraded > operational.
 * `no_data` is never better than operational (the page must not claim what it cannot see) and is
 * worse than a known degradation (an unseen service may be down), but better than a known
 * partial or major outage (positive knowledge of harm says more than none). The same order holds
 * in the SCS projection (degraded 33 < no data 34 < partial 66 < major 100), so every surface
 * sorts alike. See docs/methodology.md, "Public state".
 *
 * @module
 */
import type { MeasuredState } from './series.js'

/** Every state a (component, location) can show on a public surface. */
export const PUBLIC_STATES = ['operational', 'degraded', 'no_data', 'partial_outage', 'major_outage', 'maintenance'] as const
export type PublicState = (typeof PUBLIC_STATES)[number]

/** What incidents can declare about a series (an operator never declares "no data"). */
export type DeclaredState = Exclude<MeasuredState, 'no_data'>

/** Which input decided the shown state. */
export type StateSource = 'maintenance' | 'measured' | 'declared' | 'both'

/** Rank of each non-maintenance state: higher is worse. */
export const STATE_RANK: Readonly<Record<MeasuredState, number>> = {
  operational: 0,
  degraded: 1,
  no_data: 2,
  partial_outage: 3,
  major_outage: 4,
}

/**
 * The worse of two states by {@link STATE_RANK}.
 *
 * @example
 * worseState('no_data', 'degraded') // 'no_data'
 */
export function worseState<T extends MeasuredState>(a: T, b: T): T {
  return STATE_RANK[b] > STATE_RANK[a] ? b : a
}

/** The inputs of {@link publicState}. */
export interface PublicStateInput {
  measured: MeasuredState
  /**
   * The worst active declared impact mapped to a state through the CSP's severity ranges
   * (`severityRanges` in records, then `declaredStateOf`); null when no open incident affects the series.
   */
  declared: DeclaredState | null
  /** True when a maintenance window (or a severity-0 impact) covers the series now. */
  maintenance: boolean
  /** An operator's mark that the measured state is not representative; needs a public reason. */
  notRepresentative?: { reason: string } | null
}

/** The label every surface shows beside a state whose measurements are marked not representative. */
export const NOT_REPRESENTATIVE_LABEL = 'measurement not representative' as const

/** What a surface shows beside the state of a marked series: the fixed label and the operator's public reason. */
export interface NotRepresentativeNote {
  label: typeof NOT_REPRESENTATIVE_LABEL
  reason: string
}

/** The shown state, what decided it, and a sentence for the public. */
export interface PublicStateOutcome {
  state: PublicState
  source: StateSource
  reason: string
  /** Set whenever the measurements are marked not representative (also under maintenance); never drop it. */
  notRepresentative: NotRepresentativeNote | null
}

const WORDS: Readonly<Record<MeasuredState, string>> = {
  operational: 'operational',
  degraded: 'degraded performance',
  no_data: 'no data',
  partial_outage: 'partial outage',
  major_outage: 'major outage',
}

function fromDeclaredOnly(declared: DeclaredState | null, note: NotRepresentativeNote): PublicStateOutcome {
  const state = declared ?? 'operational'
  return { state, source: 'declared', reason: `${note.label}: ${note.reason}; declared: ${WORDS[state]}`, notRepresentative: note }
}

/**
 * Decides what a series shows: `maintenance` when a window covers it, else the worse of the
 * measured and the declared state. When an operator marks the measured state not representative
 * (with a non-empty public reason, else a `RangeError`), the declared state alone decides and the
 * reason is part of the returned one; `notRepresentative` carries the label and the reason for
 * every surface to show beside the state (a marked series is never plain green).
 *
 * @example
 * publicState({ measured: 'no_data', declared: null, maintenance: false })
 * // { state: 'no_data', source: 'measured', reason: 'measured: no data' }
 * publicState({ measured: 'degraded', declared: 'major_outage', maintenance: false }).state // 'major_outage'
 */
export function publicState(input: PublicStateInput): PublicStateOutcome {
  const mark = input.notRepresentative ?? null
  if (mark !== null && mark.reason.trim() === '') throw new RangeError('marking measurements not representative needs a public reason')
  const note: NotRepresentativeNote | null = mark === null ? null : { label: NOT_REPRESENTATIVE_LABEL, reason: mark.reason.trim() }
  if (input.maintenance) return { state: 'maintenance', source: 'maintenance', reason: 'a maintenance window is in progress', notRepresentative: note }
  if (note !== null) return fromDeclaredOnly(input.declared, note)
  const { measured, declared } = input
  if (declared === null || STATE_RANK[measured] > STATE_RANK[declared]) {
    return { state: measured, source: 'measured', reason: `measured: ${WORDS[measured]}`, notRepresentative: null }
  }
  if (STATE_RANK[declared] > STATE_RANK[measured]) {
    return { state: declared, source: 'declared', reason: `declared by an incident: ${WORDS[declared]}`, notRepresentative: null }
  }
  return { state: measured, source: 'both', reason: `measured and declared: ${WORDS[measured]}`, notRepresentative: null }
}
