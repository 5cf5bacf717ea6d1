/**
 * The postmortem service: every write validates, applies, stores one revision and records its
 * audit event in one declared transaction; publishing also pins the evidence its timeline rests
 * on and, with `notify`, queues one subscriber event in the same transaction.
 *
 * @module
 */
import type { Clock } from '../core/index.js'
import { newId } from '../core/index.js'
import { InvalidInputError } from '../incidents/index.js'
import { parseInput, WriterSchema, type Writer } from '../incidents/inputs.js'
import type { DeclaredTransaction, Store } from '../store/index.js'
import { eventId, queueEvent, targetsOfImpacts } from '../subscriptions/events.js'
import { PostmortemNotFoundError, RevisionConflictError } from './errors.js'
import { checksBySeries } from '../incident-automation/index.js'
import { publicationPins, type ChecksBySeries } from './evidence-pins.js'
import { NewPostmortemSchema, PostmortemEditSchema, TransitionSchema } from './inputs.js'
import type { EvidenceBuilder, PostmortemService } from './ports.js'
import { publicPostmortem } from './public-projection.js'
import { postmortemReads } from './reads.js'
import { applySections, emptySections } from './sections.js'
import { editTimeline, mergeTimeline } from './timeline.js'
import type { Postmortem } from './types.js'
import { checkIncidents, checkMove, checkPublishable, MOVE_ACTIONS } from './workflow.js'

/** What {@link createPostmortemService} needs. */
export interface PostmortemServiceOptions {
  store: Store
  clock: Clock
  /** Builds the timeline and measured impact from stored evidence (h35's `createEvidenceBuilder`). */
  evidence: EvidenceBuilder
}

/** The change note stored when a published postmortem's evidence is rebuilt. */
export const REFRESH_NOTE = 'Timeline and measured impact rebuilt from the stored evidence'

/** What one save changes, decided inside the transaction. */
interface Change {
  next: Postmortem
  action: string
  changeNote: string | null
  /** More writes of the same transaction, after the save (pins, the subscriber event). */
  also?: (tx: DeclaredTransaction, now: number) => Promise<void>
}

/** Whether a save would store nothing new: the same postmortem apart from its revision and time. */
function unchanged(current: Postmortem, next: Postmortem): boolean {
  const content = ({ revision: _revision, updatedAt: _updatedAt, ...rest }: Postmortem) => JSON.stringify(rest)
  return content(current) === content(next)
}

async function record(tx: DeclaredTransaction, before: Postmortem | null, change: Change, writer: Writer, now: number): Promise<void> {
  const { next } = change
  if (before === null) await tx.postmortems.insert(next)
  else if (!(await tx.postmortems.save(next, before.revision))) {
    // another transaction saved between our read and our write (PostgreSQL read committed)
    throw new RevisionConflictError(next.id, before.revision, (await tx.postmortems.get(next.id))?.revision ?? before.revision + 1)
  }
  await tx.postmortems.insertRevision({ postmortemId: next.id, revision: next.revision, at: now, actor: writer.actor, status: next.status, changeNote: change.changeNote, snapshot: next })
  await change.also?.(tx, now)
  await tx.audit.append({ at: now, actor: writer.actor, action: change.action, objectType: 'postmortem', objectId: next.id, before, after: next, door: writer.door })
}

/**
 * Builds the service.
 *
 * @example
 * const postmortems = createPostmortemService({ store, clock, evidence: createEvidenceBuilder({ store }) })
 * const draft = await postmortems.create({ incidentIds: [incidentId] }, { actor: 'alice', door: 'api' })
 */
export function createPostmortemService(options: PostmortemServiceOptions): PostmortemService {
  const { store, clock, evidence } = options
  const reads = postmortemReads(store)

  /**
   * Loads `id` at `revision` inside a transaction, applies `decide` and saves the result as the
   * next revision — unless it changes nothing, which stores no revision and no audit entry.
   */
  const change = async (id: string, revision: number, writer: Writer, decide: (tx: DeclaredTransaction, current: Postmortem, now: number) => Promise<Change>) => {
    return store.writeDeclared(async (tx) => {
      const current = await tx.postmortems.get(id)
      if (current === null) throw new PostmortemNotFoundError(id)
      if (current.revision !== revision) throw new RevisionConflictError(id, revision, current.revision)
      const now = clock.now()
      const decided = await decide(tx, current, now)
      if (decided.also === undefined && unchanged(current, decided.next)) return current
      const result = { ...decided, next: { ...decided.next, revision: current.revision + 1, updatedAt: now } }
      await record(tx, current, result, writer, now)
      return result.next
    })
  }

  return {
    ...reads,
    async create(raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const input = parseInput(NewPostmortemSchema, raw)
      const built = await evidence(input.incidentIds, clock.now())
      return store.writeDeclared(async (tx) => {
        await checkIncidents(tx, input.incidentIds, { published: false })
        const now = clock.now()
        const first = (await tx.incidents.get(input.incidentIds[0]!))!
        const sections = applySections(emptySections(`Postmortem: ${first.title}`.slice(0, 200)), input.sections)
        const next: Postmortem = {
          ...sections, id: newId(), status: 'draft', incidentIds: input.incidentIds, timeline: mergeTimeline([], built.timeline), impact: built.impact,
          revision: 1, createdAt: now, updatedAt: now, publishedAt: null,
        }
        await record(tx, null, { next, action: 'postmortem.create', changeNote: null }, writer, now)
        return next
      })
    },
    async update(id, raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const edit = parseInput(PostmortemEditSchema, raw)
      const linked = edit.incidentIds
      const rebuilt = linked === undefined ? null : await evidence(linked, clock.now())
      return change(id, edit.revision, writer, async (tx, current) => {
        const published = current.status === 'published'
        if (published && edit.changeNote === undefined) throw new InvalidInputError([{ path: 'changeNote', message: 'a published postmortem changes only with a change note (shown in its public history)' }])
        if (linked !== undefined) await checkIncidents(tx, linked, { published })
        let timeline = rebuilt === null ? current.timeline : mergeTimeline(current.timeline, rebuilt.timeline)
        if (edit.timeline !== undefined) timeline = editTimeline(timeline, edit.timeline)
        const next: Postmortem = {
          ...current, ...applySections(current, edit.sections), timeline,
          ...(linked === undefined ? {} : { incidentIds: linked }), ...(rebuilt === null ? {} : { impact: rebuilt.impact }),
        }
        if (published) await checkPublishable(tx, next)
        return { next, action: 'postmortem.update', changeNote: edit.changeNote ?? null }
      })
    },
    async refreshEvidence(id, revision, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const current = await store.postmortems.get(id)
      if (current === null) throw new PostmortemNotFoundError(id)
      const rebuilt = await evidence(current.incidentIds, clock.now())
      return change(id, revision, writer, async (_tx, latest) => ({
        next: { ...latest, timeline: mergeTimeline(latest.timeline, rebuilt.timeline), impact: rebuilt.impact },
        action: 'postmortem.refresh',
        changeNote: latest.status === 'published' ? REFRESH_NOTE : null,
      }))
    },
    async transition(id, to, rawOptions, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const move = parseInput(TransitionSchema, { to, ...rawOptions })
      const checks: ChecksBySeries = move.to === 'published' ? await checksBySeries(store) : new Map()
      return change(id, move.revision, writer, async (tx, current, now) => {
        checkMove(current.status, move.to)
        const next: Postmortem = { ...current, status: move.to, publishedAt: move.to === 'published' ? (current.publishedAt ?? now) : current.publishedAt }
        if (move.to !== 'published') return { next, action: MOVE_ACTIONS[move.to], changeNote: null }
        await checkPublishable(tx, next)
        return {
          next, action: MOVE_ACTIONS.published, changeNote: null,
          also: async (inner, at) => {
            await inner.postmortems.pinEvidence(await publicationPins(inner, next, checks, at), at)
            if (move.notify) await queuePublished(inner, { ...next, updatedAt: at }, at)
          },
        }
      })
    },
  }
}

/** Queues the one subscriber event of a publication: public (redacted) words only. */
async function queuePublished(tx: DeclaredTransaction, postmortem: Postmortem, now: number): Promise<void> {
  const view = publicPostmortem(postmortem)
  await queueEvent(tx, {
    id: eventId('postmortem', postmortem.id, 'published'), kind: 'postmortem.published', at: now, subject: { type: 'postmortem', id: postmortem.id },
    title: view.title, text: view.tldr, phase: null, window: null, targets: targetsOfImpacts(view.impact.series),
  }, now)
}
