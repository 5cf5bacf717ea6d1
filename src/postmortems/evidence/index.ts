/**
 * Builds a postmortem's timeline and measured impact from stored evidence: the incidents (opened,
 * updates, resolution), what their evidence pins keep (first failing probe result of each check,
 * changes of the measured state with the rule that fired) and the availability report of the
 * incidents' period. Rules: docs/postmortems-evidence.md.
 *
 * @module
 */
import { seriesId, type IncidentPhase, type SeriesKey } from '../../core/index.js'
import { InvalidInputError } from '../../incidents/index.js'
import { WHOLE_INCIDENT, type IncidentRow, type Store } from '../../store/index.js'
import type { EvidenceBuilder } from '../ports.js'
import type { MeasuredImpact, TimelineEntry } from '../types.js'
import { byTime } from './entries.js'
import { incidentEntries } from './incident-entries.js'
import { IMPACT_METHOD, measuredSeries } from './measured-impact.js'
import { firstFailures, pinnedEvaluations } from './pinned.js'
import { probeFailureEntries, stateChangeEntries } from './timeline-evidence.js'

export { IMPACT_METHOD } from './measured-impact.js'

/** What {@link createEvidenceBuilder} reads from. */
export interface EvidenceBuilderDeps {
  store: Store
  /** The zone of the stored day rollups (config `timeZone`; default UTC), so settled days are read from them. */
  timeZone?: string
  /** Display names of the incident phases (config `phases:`), for the update entries. */
  phaseNames?: Partial<Record<IncidentPhase, string>>
}

/** The incidents that exist and are not retracted; an unknown id is bad input. */
async function liveIncidents(store: Store, incidentIds: readonly string[]): Promise<IncidentRow[]> {
  const rows: IncidentRow[] = []
  for (const [i, id] of incidentIds.entries()) {
    const row = await store.incidents.get(id)
    if (row === null) throw new InvalidInputError([{ path: `incidentIds.${i}`, message: `no incident ${id}` }])
    const retracted = (await store.retractions.ofIncident(id)).some((retraction) => retraction.seq === WHOLE_INCIDENT)
    if (!retracted && !rows.some((known) => known.id === id)) rows.push(row)
  }
  return rows
}

/** Earliest start to latest resolution; `to` null while any incident is open (or none is left). */
function periodOf(incidents: readonly IncidentRow[], now: number): { from: number; to: number | null } {
  if (incidents.length === 0) return { from: now, to: null }
  const from = Math.min(...incidents.map((row) => row.beganAt))
  const open = incidents.some((row) => row.endedAt === null)
  return { from, to: open ? null : Math.max(...incidents.map((row) => row.endedAt!)) }
}

/**
 * The evidence builder over `deps.store`. Retracted incidents are left out; an unknown incident
 * id throws an `InvalidInputError`. Entry ids are stable for the same evidence.
 *
 * @example
 * const build = createEvidenceBuilder({ store, timeZone: config.timeZone })
 * const { timeline, impact } = await build([incidentId], clock.now())
 */
export function createEvidenceBuilder(deps: EvidenceBuilderDeps): EvidenceBuilder {
  const { store } = deps
  const timeZone = deps.timeZone ?? 'UTC'
  return async (incidentIds, now) => {
    const incidents = await liveIncidents(store, incidentIds)
    const ids = incidents.map((row) => row.id)
    const [components, impacts, evaluations, failures] = await Promise.all([
      store.components.list({ includeArchived: true }),
      store.incidents.impacts(ids),
      pinnedEvaluations(store, ids),
      firstFailures(store, ids),
    ])
    const names = new Map(components.map((row) => [row.name, row.displayName]))
    const series = new Map<string, SeriesKey>(impacts.map((impact) => [seriesId(impact), { component: impact.component, location: impact.location }]))
    const timeline: TimelineEntry[] = [
      ...(await Promise.all(incidents.map(async (row) => incidentEntries(row, await store.incidents.updates(row.id), deps.phaseNames)))).flat(),
      ...probeFailureEntries(failures, names),
      ...[...series].flatMap(([key, value]) => stateChangeEntries(value, evaluations.get(key) ?? [], names)),
    ].sort(byTime)
    const { from, to } = periodOf(incidents, now)
    const impact: MeasuredImpact = {
      from,
      to,
      durationMs: to === null ? null : to - from,
      series: await measuredSeries(store, [...series.values()], { from, to: to ?? now }, evaluations, { timeZone, now }),
      computedAt: now,
      method: IMPACT_METHOD,
    }
    return { timeline, impact }
  }
}
