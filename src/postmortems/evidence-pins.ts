/**
 * What a published postmortem keeps from retention: for every linked incident, each series it
 * impacted — its evaluations and the results of every check feeding it, plus the checks its
 * timeline names — over the timeline's window (the measured period and every entry in it).
 *
 * @module
 */
import { seriesId } from '../core/index.js'
import { SERIES_PIN, type DeclaredTransaction, type PostmortemPin } from '../store/index.js'
import type { Postmortem } from './types.js'

/** The checks feeding each series (by series id; `checksBySeries` of the incident automation), read before the write transaction. */
export type ChecksBySeries = ReadonlyMap<string, readonly string[]>

/** [from, to] the published timeline covers. */
function timelineWindow(postmortem: Postmortem, now: number): { from: number; to: number } {
  const times = postmortem.timeline.map((entry) => entry.at)
  return { from: Math.min(postmortem.impact.from, ...times), to: Math.max(postmortem.impact.to ?? now, ...times) }
}

/**
 * The pins of a postmortem being published, read inside its transaction.
 *
 * @example
 * await tx.postmortems.pinEvidence(await publicationPins(tx, next, checks, now), now)
 */
export async function publicationPins(tx: DeclaredTransaction, postmortem: Postmortem, checks: ChecksBySeries, now: number): Promise<PostmortemPin[]> {
  const { from, to } = timelineWindow(postmortem, now)
  const pins = new Map<string, PostmortemPin>()
  const add = (pin: Omit<PostmortemPin, 'from' | 'to'>) => pins.set(JSON.stringify([pin.incidentId, pin.component, pin.location, pin.checkId]), { ...pin, from, to })
  for (const incidentId of postmortem.incidentIds) {
    const series = new Map((await tx.incidents.allImpacts(incidentId)).map((impact) => [seriesId(impact), impact]))
    for (const [id, impact] of series) {
      const named = postmortem.timeline.flatMap((entry) =>
        entry.evidence?.checkId != null && entry.evidence.component === impact.component && entry.evidence.location === impact.location ? [entry.evidence.checkId] : [],
      )
      for (const checkId of new Set([SERIES_PIN, ...(checks.get(id) ?? []), ...named])) add({ incidentId, component: impact.component, location: impact.location, checkId })
    }
  }
  return [...pins.values()]
}
