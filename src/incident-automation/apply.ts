/**
 * Carrying out a plan through the incident service, so every automatic write is validated and
 * audited like any other (actor `automation`, door `system`). Each service call is its own
 * transaction; the order is chosen so that a crash in between leaves a state the next pass
 * repairs (a new impact is set before the one it replaces ends).
 *
 * @module
 */
import { STATE_RANK, type MeasuredState } from '../core/index.js'
import type { IncidentService, Writer } from '../incidents/index.js'
import { impactOf, type IncidentPlan } from './plan.js'
import { automaticTitle, isAutomaticTitle, updateText, type SeriesChange } from './texts.js'

/** Who the automation writes as. */
export const AUTOMATION_WRITER: Writer = { actor: 'automation', door: 'system' }

/** What applying a plan needs. */
export interface ApplyContext {
  incidents: IncidentService
  /** The public name of a component. */
  displayOf(component: string): string
  quietPeriodMs: number
}

/** What applying one plan did. */
export type Applied = 'opened' | 'changed' | 'resolved'

function impactInput(component: string, location: string, state: MeasuredState) {
  const impact = impactOf(state)
  if (impact === null) throw new Error(`state ${state} carries no impact`)
  return { component, location, ...impact }
}

/** The title of the plan's component after the plan; null when none of its series is left. */
function titleOf(plan: IncidentPlan, display: string): string | null {
  const remaining = [...plan.remaining.values()].filter((item) => item.series.component === plan.component)
  if (remaining.length === 0) return null
  const locations = [...new Set(remaining.map((item) => item.series.location))].sort()
  return automaticTitle(display, locations, remaining.map((item) => item.state).reduce((a, b) => (STATE_RANK[b] > STATE_RANK[a] ? b : a)))
}

function changesOf(context: ApplyContext, plan: IncidentPlan): SeriesChange[] {
  const named = (component: string, location: string) => ({ display: context.displayOf(component), location })
  const phaseChanges = [...plan.remaining].flatMap(([id, item]): SeriesChange[] => {
    const series = named(item.series.component, item.series.location)
    if (plan.phase === 'monitoring' && plan.quiet.has(id)) return [{ kind: 'operational', series, quietMs: context.quietPeriodMs }]
    if (plan.phase === 'investigating' && !plan.quiet.has(id)) return [{ kind: 'relapsed', series, state: item.state }]
    return []
  })
  return [
    ...phaseChanges,
    ...plan.add.map((item): SeriesChange => ({ kind: plan.incidentId === null ? 'opened' : 'joined', series: named(plan.component, item.location), state: item.state })),
    ...plan.change.map((item): SeriesChange => ({ kind: item.direction, series: named(item.component, item.location), state: item.state })),
    ...plan.recover.map((item): SeriesChange => ({ kind: 'recovered', series: named(item.component, item.location), quietMs: context.quietPeriodMs })),
  ]
}

async function openIncident(context: ApplyContext, plan: IncidentPlan, display: string): Promise<void> {
  await context.incidents.createIncident(
    {
      title: titleOf(plan, display)!,
      origin: 'system',
      beganAt: plan.beganAt,
      impacts: plan.add.map((item) => impactInput(plan.component, item.location, item.state)),
      text: updateText(changesOf(context, plan), 'open'),
    },
    AUTOMATION_WRITER,
  )
}

async function changeImpacts(context: ApplyContext, id: string, plan: IncidentPlan): Promise<void> {
  const { incidents } = context
  for (const item of plan.add) await incidents.setImpact(id, impactInput(plan.component, item.location, item.state), AUTOMATION_WRITER)
  for (const item of plan.change) {
    const next = impactInput(item.component, item.location, item.state)
    await incidents.setImpact(id, next, AUTOMATION_WRITER)
    for (const old of item.replaces) {
      if (old.type !== next.type) await incidents.removeImpact(id, { component: old.component, location: old.location, type: old.type }, AUTOMATION_WRITER)
    }
  }
}

/**
 * Applies one plan and says what it did.
 *
 * @example
 * for (const plan of planAutomation(input)) await applyPlan(context, plan)
 */
export async function applyPlan(context: ApplyContext, plan: IncidentPlan): Promise<Applied> {
  const display = context.displayOf(plan.component)
  const { incidents } = context
  if (plan.incidentId === null) {
    await openIncident(context, plan, display)
    return 'opened'
  }
  const id = plan.incidentId
  const changes = changesOf(context, plan)
  if (plan.resolve) {
    const text = changes.length === 0 ? 'No affected component is left. Resolved automatically.' : updateText(changes, 'resolve')
    await incidents.addUpdate(id, { text, phase: 'resolved' }, AUTOMATION_WRITER)
    return 'resolved'
  }
  await changeImpacts(context, id, plan)
  for (const item of plan.recover) {
    for (const old of item.impacts) await incidents.removeImpact(id, { component: old.component, location: old.location, type: old.type }, AUTOMATION_WRITER)
  }
  const title = titleOf(plan, display)
  if (title !== null && plan.title !== null && plan.title !== title && isAutomaticTitle(plan.title, display)) await incidents.updateIncident(id, { title }, AUTOMATION_WRITER)
  const ending = plan.phase === 'monitoring' ? 'monitor' : plan.phase === 'investigating' ? 'open' : 'continue'
  await incidents.addUpdate(id, { text: updateText(changes, ending, context.quietPeriodMs), ...(plan.phase === null ? {} : { phase: plan.phase }) }, AUTOMATION_WRITER)
  return 'changed'
}
