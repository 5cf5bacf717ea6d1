/**
 * The author's hand on the timeline: rebuilt evidence keeps what the author did (annotations and
 * internal flags by entry id, and every `note` entry), and edits annotate, hide, add and remove.
 *
 * @module
 */
import { newId } from '../core/index.js'
import { InvalidInputError, type InputIssue } from '../incidents/index.js'
import type { ParsedEdit } from './inputs.js'
import type { TimelineEntry } from './types.js'

function inTimeOrder(entries: TimelineEntry[]): TimelineEntry[] {
  return entries.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * The freshly generated entries with the author's annotations and flags carried over by id, plus
 * the author's notes. Generated entries gone from the evidence are dropped, with their annotation.
 *
 * @example
 * const timeline = mergeTimeline(current.timeline, (await evidence(ids, now)).timeline)
 */
export function mergeTimeline(previous: readonly TimelineEntry[], generated: readonly TimelineEntry[]): TimelineEntry[] {
  const byId = new Map(previous.map((entry) => [entry.id, entry]))
  const kept = generated
    .filter((entry) => entry.kind !== 'note')
    .map((entry) => {
      const old = byId.get(entry.id)
      return old === undefined ? { ...entry } : { ...entry, annotation: old.annotation, internal: old.internal }
    })
  return inTimeOrder([...kept, ...previous.filter((entry) => entry.kind === 'note').map((entry) => ({ ...entry }))])
}

/**
 * Applies a timeline edit; an unknown entry id (or removing a generated entry) is a 422 naming it.
 *
 * @example
 * editTimeline(timeline, { addNotes: [{ at, text: 'Paged storage on-call' }] })
 */
export function editTimeline(timeline: readonly TimelineEntry[], edit: NonNullable<ParsedEdit['timeline']>): TimelineEntry[] {
  const issues: InputIssue[] = []
  const entries = new Map(timeline.map((entry) => [entry.id, { ...entry }]))
  for (const [index, change] of (edit.annotate ?? []).entries()) {
    const entry = entries.get(change.id)
    if (entry === undefined) {
      issues.push({ path: `timeline.annotate.${index}.id`, message: `no timeline entry ${change.id}` })
      continue
    }
    entry.annotation = change.annotation === null || change.annotation.trim() === '' ? null : change.annotation
    if (change.internal !== undefined) entry.internal = change.internal
  }
  for (const [index, id] of (edit.removeNotes ?? []).entries()) {
    const entry = entries.get(id)
    if (entry?.kind !== 'note') issues.push({ path: `timeline.removeNotes.${index}`, message: entry === undefined ? `no timeline entry ${id}` : `${id} is generated from evidence; mark it internal instead` })
    else entries.delete(id)
  }
  if (issues.length > 0) throw new InvalidInputError(issues)
  const notes = (edit.addNotes ?? []).map((note): TimelineEntry => ({
    id: newId(), at: note.at, kind: 'note', text: note.text, annotation: null, internal: note.internal ?? false, evidence: null,
  }))
  return inTimeOrder([...entries.values(), ...notes])
}
