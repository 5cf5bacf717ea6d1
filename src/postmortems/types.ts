/**
 * The postmortem model: a blameless report attached to one or more incidents, written as a draft,
 * reviewed, published at a permalink that never expires, and revised in the open. Everything a
 * public output shows comes from {@link PublicPostmortem} — the redacted projection — never from
 * {@link Postmortem} itself.
 *
 * @module
 */

/** Where a postmortem is in its workflow: draft → in_review → published (in_review → draft sends it back). */
export type PostmortemStatus = 'draft' | 'in_review' | 'published'

/** Every {@link PostmortemStatus}. */
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const

/** What a timeline entry records. */
export type TimelineKind =
  /** The first failing probe result of a check feeding an affected (component, location). */
  | 'probe-failure'
  /** The measured state of a (component, location) changed; `evidence.rule` names the rule that fired. */
  | 'state-change'
  /** An incident was opened. */
  | 'incident-opened'
  /** An incident update (phase and text as published). */
  | 'incident-update'
  /** An incident was resolved. */
  | 'resolution'
  /** An entry the author wrote by hand. */
  | 'note'

/** Every {@link TimelineKind}. */
export const TIMELINE_KINDS = ['probe-failure', 'state-change', 'incident-opened', 'incident-update', 'resolution', 'note'] as const

/** The stored evidence behind a generated timeline entry (operators only; never public). */
export interface TimelineEvidence {
  component: string | null
  location: string | null
  incidentId: string | null
  /** Check id of a probe result. */
  checkId: string | null
  /** Stored result id of a probe result (pinned, so retention keeps it). */
  resultId: string | null
  /** Request ids of the failing calls, when the result recorded them. */
  requestIds: string[]
  /** The health rule (flag expression) that set the state, for a state change. */
  rule: string | null
  /** Flag values, error text, status codes: what the stored row said, verbatim. */
  detail: Record<string, unknown>
}

/**
 * One line of the timeline. Generated entries carry a generic public `text` and their
 * `evidence`; the author may annotate any entry, hide it from the public (`internal`), or add
 * `note` entries.
 */
export interface TimelineEntry {
  /** Stable across refreshes: derived from kind and evidence, so annotations survive a rebuild. */
  id: string
  at: number
  kind: TimelineKind
  /** Generic public text (no host names, no raw errors). */
  text: string
  /** The author's Markdown annotation (public unless the entry is internal). */
  annotation: string | null
  /** Kept out of every public output when true. */
  internal: boolean
  /** Null for `note` entries. */
  evidence: TimelineEvidence | null
}

/** Measured numbers of one affected (component, location) over the postmortem's period. */
export interface SeriesImpact {
  component: string
  location: string
  /** Measured availability in the period (0–1), null when there were no measurements. */
  availability: number | null
  /** Share of failed probe results in the period (0–1), null without results. */
  errorRate: number | null
  /** Probe results the numbers rest on. */
  results: number
  /** Minutes the measured state was not operational (no_data excluded and counted apart). */
  downMinutes: number
  noDataMinutes: number
}

/** The measured impact, computed from stored records when the draft is made or refreshed. */
export interface MeasuredImpact {
  /** Earliest incident start to latest resolution (ms); null while an incident is open. */
  from: number
  to: number | null
  durationMs: number | null
  series: SeriesImpact[]
  /** When the numbers were computed, and how (shown beside them: honesty). */
  computedAt: number
  method: string
}

/** What an action item's owner is: a role, never a person (blameless). */
export type ActionItemStatus = 'open' | 'in_progress' | 'done' | 'wont_do'

/** Every {@link ActionItemStatus}. */
export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const

/** One action item. */
export interface ActionItem {
  id: string
  title: string
  /** A role ("storage on-call", "network team"), not a name. */
  ownerRole: string
  /** ISO date (YYYY-MM-DD) or null. */
  dueDate: string | null
  status: ActionItemStatus
  /** Tracker link, shown publicly only when `internal` is false. */
  url: string | null
  internal: boolean
}

/** The author-editable sections (Markdown, sanitised on render as on the status page). */
export interface PostmortemSections {
  title: string
  /** For non-technical readers; required to publish. */
  tldr: string
  /** The author's words on impact, shown beside the measured numbers. */
  impactSummary: string
  rootCause: string
  contributingFactors: string
  wentWell: string
  wentBadly: string
  /** Never public. */
  internalNotes: string
  actionItems: ActionItem[]
  /**
   * Phrases replaced by {@link REDACTED_MARK} in every public output (case-insensitive): host
   * names, customer names, addresses. Explicit, and shown in the preview.
   */
  redactions: string[]
  /** Handbook page slugs this postmortem refers to (linked on the public page). */
  handbookPages: string[]
}

/** What stands in for a redacted phrase in public outputs. */
export const REDACTED_MARK = '[redacted]'

/** A postmortem as stored (operators see all of it). */
export interface Postmortem extends PostmortemSections {
  id: string
  status: PostmortemStatus
  /** Linked incidents (≥ 1 to publish), oldest first. */
  incidentIds: string[]
  timeline: TimelineEntry[]
  impact: MeasuredImpact
  /** Increases by one with every saved change; edits name the revision they start from. */
  revision: number
  createdAt: number
  updatedAt: number
  /** First publication; null before. */
  publishedAt: number | null
}

/** One stored revision: the whole postmortem as it was saved, who saved it and why. */
export interface PostmortemRevision {
  postmortemId: string
  revision: number
  at: number
  actor: string
  status: PostmortemStatus
  /** Required for changes after publication ("corrected the root cause"); shown publicly then. */
  changeNote: string | null
  snapshot: Postmortem
}

/** A timeline entry as the public sees it. */
export interface PublicTimelineEntry {
  at: number
  kind: TimelineKind
  text: string
  annotation: string | null
  /** Affected (component, location) of a generated entry, when it has one. */
  component: string | null
  location: string | null
}

/** A revision after publication, as the public sees it. */
export interface PublicRevision {
  revision: number
  at: number
  changeNote: string | null
}

/**
 * The redacted projection every public output uses (page, feed, API, pre-rendered files, mails):
 * no internal notes, no internal timeline entries or action items, no evidence, redactions
 * applied to every string.
 */
export interface PublicPostmortem {
  id: string
  title: string
  tldr: string
  impactSummary: string
  impact: MeasuredImpact
  rootCause: string
  contributingFactors: string
  wentWell: string
  wentBadly: string
  actionItems: Omit<ActionItem, 'internal'>[]
  timeline: PublicTimelineEntry[]
  incidentIds: string[]
  handbookPages: string[]
  publishedAt: number
  updatedAt: number
  revision: number
  /** Published revisions, oldest first (the first is the publication). */
  revisions: PublicRevision[]
}
