/**
 * What the postmortem service offers its doors (API, operator UI, CLI) and its readers (public
 * pages, feeds, static copy), and what it needs to build evidence.
 *
 * @module
 */
import type { Writer } from '../incidents/inputs.js'
import type { ActionItem, MeasuredImpact, Postmortem, PostmortemRevision, PostmortemSections, PostmortemStatus, PublicPostmortem, TimelineEntry } from './types.js'

/** The timeline and the measured impact of a set of incidents, built from stored evidence. */
export interface PostmortemEvidence {
  timeline: TimelineEntry[]
  impact: MeasuredImpact
}

/**
 * Builds {@link PostmortemEvidence} from the store (incidents, their updates and impacts, pinned
 * results and evaluations, rollups) at `now`. Generated entry ids are stable for the same evidence.
 */
export type EvidenceBuilder = (incidentIds: readonly string[], now: number) => Promise<PostmortemEvidence>

/** An action item as written: a new one needs no id; status defaults to open, visibility to public. */
export type ActionItemInput = Pick<ActionItem, 'title' | 'ownerRole'> & Partial<Omit<ActionItem, 'title' | 'ownerRole'>>

/** Sections to set (each optional); `actionItems` replaces the whole list. */
export type SectionsInput = Partial<Omit<PostmortemSections, 'actionItems'>> & { actionItems?: ActionItemInput[] }

/** A new draft: the incidents it covers, and optionally first sections. */
export interface NewPostmortem {
  incidentIds: string[]
  sections?: SectionsInput
}

/** An edit: the revision it starts from (a stale one is refused), and what changes. */
export interface PostmortemEdit {
  revision: number
  sections?: SectionsInput
  incidentIds?: string[]
  /** Annotations and visibility of timeline entries by id; `note` entries to add or remove. */
  timeline?: {
    annotate?: { id: string; annotation: string | null; internal?: boolean }[]
    addNotes?: { at: number; text: string; internal?: boolean }[]
    removeNotes?: string[]
  }
  /** Required when the postmortem is published. */
  changeNote?: string
}

/** Filters of the public list (matched against the redacted projection). */
export interface PublishedQuery {
  /** A component the measured impact names. */
  component?: string
  location?: string
  /** The measured period [impact.from, impact.to] overlaps [from, to). */
  from?: number
  to?: number
  limit?: number
  /** Cursor: publishedAt/id of the last item of the previous page. */
  before?: { publishedAt: number; id: string }
}

/** Every read and write of postmortems; each write records its audit event in its transaction. */
export interface PostmortemService {
  /** A draft with the timeline and impact built from evidence. */
  create(input: NewPostmortem, writer: Writer): Promise<Postmortem>
  update(id: string, edit: PostmortemEdit, writer: Writer): Promise<Postmortem>
  /** Rebuilds the generated timeline entries and the impact, keeping annotations and notes. */
  refreshEvidence(id: string, revision: number, writer: Writer): Promise<Postmortem>
  /** draft → in_review, in_review → draft, in_review → published (needs a TL;DR and ≥ 1 incident). */
  transition(id: string, to: PostmortemStatus, options: { revision: number; notify: boolean }, writer: Writer): Promise<Postmortem>
  get(id: string): Promise<Postmortem | null>
  list(query?: { status?: PostmortemStatus; incidentId?: string }): Promise<Postmortem[]>
  revisions(id: string): Promise<PostmortemRevision[]>
  /** The public projection of any postmortem (the preview of a draft), or null when unknown. */
  preview(id: string): Promise<PublicPostmortem | null>
  /** Published postmortems only. */
  published(id: string): Promise<PublicPostmortem | null>
  publishedList(query?: PublishedQuery): Promise<PublicPostmortem[]>
  /** Published postmortems linked to an incident (for its page), newest first. */
  publishedForIncident(incidentId: string): Promise<PublicPostmortem[]>
  /**
   * One published revision of a published postmortem as it read then, redacted with its own
   * phrases and today's (a phrase redacted later is redacted in old revisions too); null when
   * unknown or not a published revision.
   */
  publishedRevision(id: string, revision: number): Promise<PublicPostmortem | null>
}
