/**
 * Timeline entries of the incidents themselves: opened, each published update, resolved. Their
 * texts are the incident's own public texts.
 *
 * @module
 */
import { phaseName, type IncidentPhase } from '../../core/index.js'
import type { IncidentRow, UpdateRow } from '../../store/index.js'
import type { TimelineEntry } from '../types.js'
import { generatedEntry } from './entries.js'

/**
 * The entries of one incident and its published (not retracted) updates; updates are prefixed
 * with the phase's display name (configured `phases:` names, else the defaults).
 *
 * @example
 * incidentEntries(incident, await store.incidents.updates(incident.id), { identified: 'Cause found' })
 */
export function incidentEntries(incident: IncidentRow, updates: readonly UpdateRow[], phaseNames: Partial<Record<IncidentPhase, string>> = {}): TimelineEntry[] {
  const incidentId = incident.id
  const entries = [generatedEntry('incident-opened', incidentId, incident.beganAt, `Incident opened: ${incident.title}`, { incidentId })]
  for (const update of updates) {
    entries.push(
      generatedEntry('incident-update', `${incidentId}/${update.seq}`, update.at, `${phaseName(update.phase, phaseNames)}: ${update.text}`, {
        incidentId,
        detail: { seq: update.seq, phase: update.phase, recordedAt: update.recordedAt },
      }),
    )
  }
  if (incident.endedAt !== null) entries.push(generatedEntry('resolution', incidentId, incident.endedAt, `Incident resolved: ${incident.title}`, { incidentId }))
  return entries
}
