/**
 * The one mapping table: every public state in every vocabulary a surface needs — SCS severity
 * and impact type, Statuspage component status and page indicator, badge colour, icon, text —
 * and its effect on measured and declared availability. Every surface reads it; none invents its
 * own words. `no_data` is operational or green nowhere.
 *
 * @module
 */
import type { DeclaredState, PublicState } from './public-state.js'

/** Atlassian Statuspage component statuses. */
export type StatuspageComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance'
/** Atlassian Statuspage page indicators (`status.indicator`). */
export type StatuspageIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance'

/** How time in a state counts in measured availability. */
export type MeasuredEffect = 'counted' | 'excluded_no_data' | 'excluded_maintenance'
/** How time in a state counts in declared availability. */
export type DeclaredEffect = 'up' | 'level_weight' | 'not_counted' | 'excluded_maintenance'

/** One row of the table. */
export interface StateEntry {
  state: PublicState
  /** Text label on pages, badges and feeds. */
  label: string
  /** A glyph beside the label, so colour is never the only signal. */
  icon: string
  /** Badge and bar colour (hex). */
  colour: string
  /** CSS class suffix (`state-…`). */
  css: string
  /** The SCS projection: the impact a series in this state carries; null severity means none. */
  scs: { severity: number | null; impactType: string | null }
  statuspage: { component: StatuspageComponentStatus; indicator: StatuspageIndicator; description: string }
  availability: { measured: MeasuredEffect; declared: DeclaredEffect }
}

/** The default severity of the SCS "No data" impact: 34, the bottom of SCS's "limited" range. */
export const DEFAULT_NO_DATA_SEVERITY = 34
/** The top of SCS's lowest ("operational") severity range; no data must lie above it. */
const SCS_OPERATIONAL_TOP = 33

/** Options of {@link stateTable}. */
export interface StateTableOptions {
  /** Severity of the "No data" impact in the SCS projection: 34–100 (default 34). */
  noDataSeverity?: number
}

/** Words of the availability effects, for docs and tooltips. */
export const AVAILABILITY_EFFECT_TEXT: Readonly<Record<MeasuredEffect | DeclaredEffect, string>> = {
  counted: 'counted from the results (passed up, failed down)',
  excluded_no_data: 'no-data time: outside the denominator, printed beside it',
  excluded_maintenance: 'maintenance time: outside the denominator, printed beside it',
  up: 'up (no impact)',
  level_weight: "the impact's time × the weight of its severity level (default 1 for the top level, 0 below)",
  not_counted: 'never declared downtime (not an incident)',
}

/**
 * Builds the table; `noDataSeverity` outside 34–100 throws a `RangeError` (below 34 SCS clients
 * would show "operational").
 *
 * @example
 * stateTable({ noDataSeverity: 50 }).no_data.scs // { severity: 50, impactType: 'No data' }
 */
export function stateTable(options: StateTableOptions = {}): Readonly<Record<PublicState, StateEntry>> {
  const noDataSeverity = options.noDataSeverity ?? DEFAULT_NO_DATA_SEVERITY
  if (!Number.isInteger(noDataSeverity) || noDataSeverity <= SCS_OPERATIONAL_TOP || noDataSeverity > 100) {
    throw new RangeError(`noDataSeverity must be an integer in ${SCS_OPERATIONAL_TOP + 1}–100: ${noDataSeverity}`)
  }
  const counted = { measured: 'counted', declared: 'level_weight' } as const
  return {
    operational: {
      state: 'operational', label: 'Operational', icon: '✓', colour: '#2e7d32', css: 'operational',
      scs: { severity: null, impactType: null },
      statuspage: { component: 'operational', indicator: 'none', description: 'All Systems Operational' },
      availability: { measured: 'counted', declared: 'up' },
    },
    degraded: {
      state: 'degraded', label: 'Degraded performance', icon: '!', colour: '#b26a00', css: 'degraded',
      scs: { severity: 33, impactType: 'Performance Degradation' },
      statuspage: { component: 'degraded_performance', indicator: 'minor', description: 'Minor Service Outage' },
      availability: counted,
    },
    no_data: {
      state: 'no_data', label: 'No data', icon: '?', colour: '#6b6b6b', css: 'no-data',
      scs: { severity: noDataSeverity, impactType: 'No data' },
      statuspage: { component: 'degraded_performance', indicator: 'minor', description: 'no measurement since {since}' },
      availability: { measured: 'excluded_no_data', declared: 'not_counted' },
    },
    partial_outage: {
      state: 'partial_outage', label: 'Partial outage', icon: '◐', colour: '#d84315', css: 'partial-outage',
      scs: { severity: 66, impactType: 'Partial Outage' },
      statuspage: { component: 'partial_outage', indicator: 'major', description: 'Partial System Outage' },
      availability: counted,
    },
    major_outage: {
      state: 'major_outage', label: 'Major outage', icon: '✕', colour: '#b71c1c', css: 'major-outage',
      scs: { severity: 100, impactType: 'Major Outage' },
      statuspage: { component: 'major_outage', indicator: 'critical', description: 'Major System Outage' },
      availability: counted,
    },
    maintenance: {
      state: 'maintenance', label: 'Under maintenance', icon: '⚙', colour: '#1565c0', css: 'maintenance',
      scs: { severity: 0, impactType: 'Maintenance' },
      statuspage: { component: 'under_maintenance', indicator: 'maintenance', description: 'Service Under Maintenance' },
      availability: { measured: 'excluded_maintenance', declared: 'excluded_maintenance' },
    },
  }
}

/** The table with the defaults; what every surface uses unless config sets `noDataSeverity`. */
export const STATE_TABLE: Readonly<Record<PublicState, StateEntry>> = stateTable()

/**
 * The Statuspage description of a state; for `no_data` "no measurement since <time>" (ISO 8601,
 * or "no measurement yet" when there never was one).
 *
 * @example
 * statuspageDescription('no_data', Date.UTC(2026, 10, 22, 10)) // 'no measurement since 2026-11-22T10:00:00.000Z'
 */
export function statuspageDescription(state: PublicState, lastMeasuredAt: number | null, table = STATE_TABLE): string {
  if (state !== 'no_data') return table[state].statuspage.description
  if (lastMeasuredAt === null) return 'no measurement yet'
  return table.no_data.statuspage.description.replace('{since}', new Date(lastMeasuredAt).toISOString())
}

/**
 * The declared state of an impact severity under the given severity levels (SCS semantics: each
 * level's `value` is the top of its range, the last is 100): 0 is maintenance, the top level a
 * major outage, the lowest level (when there are several) degraded performance, any level in
 * between a partial outage. With the SCS defaults: 1–33 degraded, 34–66 partial, 67–100 major.
 *
 * @example
 * declaredStateOf(50, [{ name: 'operational', value: 33 }, { name: 'limited', value: 66 }, { name: 'broken', value: 100 }]) // 'partial_outage'
 */
export function declaredStateOf(severity: number, levels: readonly { value: number }[]): DeclaredState | 'maintenance' {
  if (!Number.isInteger(severity) || severity < 0 || severity > 100) throw new RangeError(`not a severity (0–100): ${severity}`)
  if (severity === 0) return 'maintenance'
  const index = levels.findIndex((level) => severity <= level.value)
  if (index < 0) throw new RangeError('severity levels must end at 100')
  if (index === levels.length - 1) return 'major_outage'
  return index === 0 ? 'degraded' : 'partial_outage'
}
