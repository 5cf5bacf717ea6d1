/**
 * Generated timeline entries: their stable ids and their shape.
 *
 * @module
 */
import { derivedUuid } from '../../store/index.js'
import { TIMELINE_KINDS, type TimelineEntry, type TimelineEvidence, type TimelineKind } from '../types.js'

/**
 * The id of a generated entry: derived from its kind and the key of its evidence (incident id
 * and update number, result id, evaluation id), so a rebuild gives the same id and the author's
 * annotations stay attached.
 *
 * @example
 * entryId('resolution', incidentId) === entryId('resolution', incidentId) // true
 */
export function entryId(kind: TimelineKind, evidenceKey: string): string {
  return derivedUuid(`glasshouse:postmortem-entry:${kind}:`, evidenceKey)
}

/** Evidence with every field empty, to fill in. */
export function emptyEvidence(): TimelineEvidence {
  return { component: null, location: null, incidentId: null, checkId: null, resultId: null, requestIds: [], rule: null, detail: {} }
}

/** A generated entry: public, not annotated. */
export function generatedEntry(kind: TimelineKind, evidenceKey: string, at: number, text: string, evidence: Partial<TimelineEvidence>): TimelineEntry {
  return { id: entryId(kind, evidenceKey), at, kind, text, annotation: null, internal: false, evidence: { ...emptyEvidence(), ...evidence } }
}

/**
 * Orders entries by time; entries at the same instant in lifecycle order (probe failure, state
 * change, opened, update, resolution), then by id, so the order never depends on read order.
 */
export function byTime(a: TimelineEntry, b: TimelineEntry): number {
  return a.at - b.at || TIMELINE_KINDS.indexOf(a.kind) - TIMELINE_KINDS.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
