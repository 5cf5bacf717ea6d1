/**
 * What the automation should do now, decided from stored facts only — the series' published
 * states (and since when), the open incidents with their open impacts, and the maintenance in
 * progress — so a restarted or second reconciler decides the same. Pure: no clock, no store.
 *
 * @module
 */
import { seriesId, STATE_TABLE, worseState, type MeasuredState, type SeriesKey } from '../core/index.js'
import { windowCovers } from '../incidents/index.js'
import type { ImpactRow, IncidentRow, MaintenanceRow } from '../store/index.js'

/** A series' published state and since when it holds. */
export interface SeriesNow {
  series: SeriesKey
  state: MeasuredState
  since: number
}

/** An open incident with its open impacts. */
export interface OpenIncident {
  row: IncidentRow
  impacts: readonly ImpactRow[]
}

/** The settings the plan depends on. */
export interface PlanSettings {
  /** States that open (or join) an incident. */
  openOn: ReadonlySet<MeasuredState>
  /** How long a series must be operational before its impact ends. */
  quietPeriodMs: number
}

/** Everything the plan reads. */
export interface PlanInput {
  now: number
  settings: PlanSettings
  series: readonly SeriesNow[]
  /** Every open incident (human and system), with its open impacts. */
  incidents: readonly OpenIncident[]
  /** Windows in progress now. */
  maintenance: readonly MaintenanceRow[]
}

/** A change of one series' impact in an existing incident. */
export interface ImpactChange {
  component: string
  location: string
  state: MeasuredState
  direction: 'escalated' | 'lowered'
  /** The open impacts of the series this replaces. */
  replaces: readonly ImpactRow[]
}

/** What to do with one automatic incident (existing, or new when `incidentId` is null). */
export interface IncidentPlan {
  incidentId: string | null
  component: string
  /** The incident's title now (null for a new one). */
  title: string | null
  /** For a new incident: when its first series left operational. */
  beganAt: number
  add: { location: string; state: MeasuredState }[]
  change: ImpactChange[]
  /** Series operational for the quiet period: their impacts end. */
  recover: { component: string; location: string; impacts: readonly ImpactRow[] }[]
  /** No impact is left: resolve the incident. */
  resolve: boolean
  /**
   * A phase change without other changes: `monitoring` once every affected series is measured
   * operational again (its impact is held for the quiet period), back to `investigating` when one
   * fails again inside it.
   */
  phase: 'monitoring' | 'investigating' | null
  /** Affected series measured operational but still inside their quiet period, by `seriesId`. */
  quiet: Set<string>
  /** The state of each series still affected after the plan, by `seriesId`, for the title. */
  remaining: Map<string, { series: SeriesKey; state: MeasuredState }>
}

/**
 * The impact a state carries: SCS impact type and severity from the one state table.
 *
 * @example
 * impactOf('partial_outage') // { type: 'Partial Outage', severity: 66 }
 */
export function impactOf(state: MeasuredState): { type: string; severity: number } | null {
  const scs = STATE_TABLE[state].scs
  return scs.severity === null || scs.impactType === null ? null : { type: scs.impactType, severity: scs.severity }
}

/**
 * The state an impact stands for (its type in the state table; by severity otherwise), for titles.
 *
 * @example
 * stateOfImpact({ type: 'Major Outage', severity: 100 }) // 'major_outage'
 */
export function stateOfImpact(impact: Pick<ImpactRow, 'type' | 'severity'>): MeasuredState {
  const states = ['degraded', 'no_data', 'partial_outage', 'major_outage'] as const
  const byType = states.find((state) => STATE_TABLE[state].scs.impactType === impact.type)
  if (byType !== undefined) return byType
  return impact.severity > 66 ? 'major_outage' : impact.severity > 33 ? 'partial_outage' : 'degraded'
}

/**
 * Whether an incident is one the automation owns: opened by the system, managed through the API.
 *
 * @example
 * isAutomatic({ ...row, origin: 'human' }) // false
 */
export function isAutomatic(row: IncidentRow): boolean {
  return row.origin === 'system' && row.managed === 'api'
}

function groupBySeries(impacts: readonly ImpactRow[]): Map<string, ImpactRow[]> {
  const groups = new Map<string, ImpactRow[]>()
  for (const impact of impacts) groups.set(seriesId(impact), [...(groups.get(seriesId(impact)) ?? []), impact])
  return groups
}

function emptyPlan(incidentId: string | null, title: string | null, component: string, beganAt: number): IncidentPlan {
  return { incidentId, title, component, beganAt, add: [], change: [], recover: [], resolve: false, phase: null, quiet: new Set(), remaining: new Map() }
}

/** Decides one series' impacts in an existing automatic incident. */
function planSeries(plan: IncidentPlan, impacts: readonly ImpactRow[], current: SeriesNow | undefined, input: PlanInput, covered: boolean): void {
  const { component, location } = impacts[0]!
  const remain = (state: MeasuredState): void => void plan.remaining.set(seriesId({ component, location }), { series: { component, location }, state })
  const held = (): void => remain(impacts.map(stateOfImpact).reduce((a, b) => worseState(a, b)))
  if (current === undefined) return held()
  if (current.state === 'operational') {
    if (input.now - current.since >= input.settings.quietPeriodMs) plan.recover.push({ component, location, impacts })
    else {
      held()
      plan.quiet.add(seriesId({ component, location }))
    }
    return
  }
  const wanted = impactOf(current.state)
  const tracked = current.state !== 'no_data' || input.settings.openOn.has('no_data')
  if (wanted === null || !tracked) return held()
  const highest = Math.max(...impacts.map((impact) => impact.severity))
  const same = impacts.length === 1 && impacts[0]!.type === wanted.type && impacts[0]!.severity === wanted.severity
  if (same || (covered && wanted.severity > highest)) return held()
  plan.change.push({ component, location, state: current.state, direction: wanted.severity > highest ? 'escalated' : 'lowered', replaces: impacts })
  remain(current.state)
}

/**
 * Plans the automatic incidents. Human incidents are never planned for; a series with an open
 * human impact opens nothing; maintenance suppresses opening and escalation.
 *
 * @example
 * const plans = planAutomation({ now, settings, series, incidents, maintenance })
 */
export function planAutomation(input: PlanInput): IncidentPlan[] {
  const states = new Map(input.series.map((item) => [seriesId(item.series), item]))
  const covered = (key: SeriesKey) => input.maintenance.some((window) => window.cancelledAt === null && windowCovers(window, key))
  const humanSeries = new Set(
    input.incidents.filter((incident) => !isAutomatic(incident.row)).flatMap((incident) => incident.impacts.map(seriesId)),
  )
  const automatic = input.incidents.filter((incident) => isAutomatic(incident.row))
  const tracked = new Set(automatic.flatMap((incident) => incident.impacts.map(seriesId)))
  const plans: IncidentPlan[] = []
  const target = new Map<string, IncidentPlan>()
  for (const incident of automatic) {
    const plan = emptyPlan(incident.row.id, incident.row.title, incident.impacts[0]?.component ?? '', incident.row.beganAt)
    for (const [id, impacts] of groupBySeries(incident.impacts)) planSeries(plan, impacts, states.get(id), input, covered(impacts[0]!))
    plans.push(plan)
    if (!target.has(plan.component)) target.set(plan.component, plan)
  }
  for (const item of input.series) {
    const id = seriesId(item.series)
    if (!input.settings.openOn.has(item.state) || tracked.has(id) || humanSeries.has(id) || covered(item.series)) continue
    let plan = target.get(item.series.component)
    if (plan === undefined) {
      plan = emptyPlan(null, null, item.series.component, item.since)
      target.set(item.series.component, plan)
      plans.push(plan)
    }
    if (plan.incidentId === null) plan.beganAt = Math.min(plan.beganAt, item.since)
    plan.add.push({ location: item.series.location, state: item.state })
    plan.remaining.set(id, { series: item.series, state: item.state })
  }
  const phases = new Map(automatic.map((incident) => [incident.row.id, incident.row.phase]))
  for (const plan of plans) {
    plan.resolve = plan.incidentId !== null && plan.remaining.size === 0
    if (plan.incidentId !== null && !plan.resolve) plan.phase = phaseChange(plan, phases.get(plan.incidentId))
  }
  return plans.filter((plan) => plan.add.length + plan.change.length + plan.recover.length > 0 || plan.resolve || plan.phase !== null)
}

/** Monitoring while every affected series is quiet; investigating again when one is not. */
function phaseChange(plan: IncidentPlan, phase: string | undefined): IncidentPlan['phase'] {
  const allQuiet = [...plan.remaining.keys()].every((id) => plan.quiet.has(id))
  if (allQuiet && phase !== 'monitoring') return 'monitoring'
  if (!allQuiet && phase === 'monitoring') return 'investigating'
  return null
}
