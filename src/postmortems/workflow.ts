/**
 * The workflow's rules: which moves exist (draft → in_review → published, in_review → draft),
 * what publishing needs (a TL;DR and linked incidents that exist, are resolved and not
 * retracted), and the linked-incident checks every write makes.
 *
 * @module
 */
import { InvalidInputError, StateConflictError, type InputIssue } from '../incidents/index.js'
import { WHOLE_INCIDENT, type DeclaredTransaction } from '../store/index.js'
import type { Postmortem, PostmortemStatus } from './types.js'

const MOVES: Readonly<Record<PostmortemStatus, readonly PostmortemStatus[]>> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: [],
}

/** The audit action of each move. */
export const MOVE_ACTIONS: Readonly<Record<PostmortemStatus, string>> = {
  draft: 'postmortem.send-back',
  in_review: 'postmortem.submit',
  published: 'postmortem.publish',
}

/**
 * Throws a {@link StateConflictError} (409) when `from → to` is not a move of the workflow.
 *
 * @example
 * checkMove('draft', 'published') // throws: a draft is reviewed before it is published
 */
export function checkMove(from: PostmortemStatus, to: PostmortemStatus): void {
  if (MOVES[from].includes(to)) return
  if (from === 'published') throw new StateConflictError('a published postmortem stays published; edit it with a change note instead')
  if (from === to) throw new StateConflictError(`the postmortem is already ${to}`)
  throw new StateConflictError(`a postmortem moves ${from} → ${MOVES[from].join(' or ')}, not → ${to}${to === 'published' ? ' (it is reviewed first)' : ''}`)
}

type IncidentState = 'missing' | 'retracted' | 'open' | 'resolved'

async function incidentState(tx: DeclaredTransaction, id: string): Promise<IncidentState> {
  const row = await tx.incidents.get(id)
  if (row === null) return 'missing'
  if ((await tx.retractions.ofIncident(id)).some((retraction) => retraction.seq === WHOLE_INCIDENT)) return 'retracted'
  return row.phase === 'resolved' ? 'resolved' : 'open'
}

/**
 * Throws a 422 listing every linked incident that does not exist or was retracted — and, when
 * `published`, every one that is not resolved yet.
 *
 * @example
 * await checkIncidents(tx, input.incidentIds, { published: false })
 */
export async function checkIncidents(tx: DeclaredTransaction, incidentIds: readonly string[], options: { published: boolean }): Promise<void> {
  const issues: InputIssue[] = []
  if (new Set(incidentIds).size !== incidentIds.length) issues.push({ path: 'incidentIds', message: 'an incident is listed twice' })
  for (const [index, id] of incidentIds.entries()) {
    const state = await incidentState(tx, id)
    const path = `incidentIds.${index}`
    if (state === 'missing') issues.push({ path, message: `no incident with id ${id}` })
    else if (state === 'retracted') issues.push({ path, message: `incident ${id} was retracted` })
    else if (state === 'open' && options.published) issues.push({ path, message: `incident ${id} is not resolved yet; publish once it is` })
  }
  if (issues.length > 0) throw new InvalidInputError(issues)
}

/**
 * Throws a 422 when `postmortem` may not be public: it needs a TL;DR and at least one linked
 * incident, each resolved and not retracted.
 *
 * @example
 * await checkPublishable(tx, next)
 */
export async function checkPublishable(tx: DeclaredTransaction, postmortem: Postmortem): Promise<void> {
  const issues: InputIssue[] = []
  if (postmortem.tldr.trim() === '') issues.push({ path: 'tldr', message: 'a TL;DR for non-technical readers is required to publish' })
  if (postmortem.incidentIds.length === 0) issues.push({ path: 'incidentIds', message: 'at least one linked incident is required to publish' })
  if (issues.length > 0) throw new InvalidInputError(issues)
  await checkIncidents(tx, postmortem.incidentIds, { published: true })
}
