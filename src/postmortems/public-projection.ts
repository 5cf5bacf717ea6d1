/**
 * The redacted projection: what the public may see of a postmortem. Internal notes, internal
 * timeline entries and action items, and all evidence are left out; every remaining string (but
 * the ids that make the links) has each redaction phrase replaced by {@link REDACTED_MARK},
 * case-insensitively. Markdown stays source here; the pages sanitise it when they render.
 *
 * @module
 */
import { REDACTED_MARK, type Postmortem, type PostmortemRevision, type PublicPostmortem, type PublicRevision } from './types.js'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A function replacing each of `phrases` (case-insensitively, longest first) by the mark.
 * Phrases are validated on input (see `RedactionPhraseSchema`), so the mark never re-creates one.
 *
 * @example
 * redactor(['db7.internal'])('DB7.Internal is full') // '[redacted] is full'
 */
export function redactor(phrases: readonly string[]): (text: string) => string {
  const distinct = [...new Set(phrases.map((phrase) => phrase.trim()).filter((phrase) => phrase !== ''))].sort((a, b) => b.length - a.length)
  if (distinct.length === 0) return (text) => text
  const pattern = new RegExp(distinct.map(escapeRegExp).join('|'), 'giu')
  return (text) => text.replace(pattern, REDACTED_MARK)
}

function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, redact)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redact)])) as T
  }
  return value
}

/** The public revision history: every revision saved while published (the first is the publication). */
function publicRevisions(revisions: readonly PostmortemRevision[]): PublicRevision[] {
  return revisions
    .filter((revision) => revision.status === 'published')
    .sort((a, b) => a.revision - b.revision)
    .map((revision) => ({ revision: revision.revision, at: revision.at, changeNote: revision.changeNote }))
}

/**
 * Projects `postmortem` for the public. `revisions` are its stored revisions (the published
 * ones become the public history); `moreRedactions` are applied besides the postmortem's own —
 * pass the current phrases when projecting an old revision's snapshot, so a phrase redacted
 * later is redacted in old revisions too. For a draft (a preview), `publishedAt` is its last save.
 *
 * @example
 * const page = publicPostmortem(postmortem, await store.postmortems.revisions(postmortem.id))
 */
export function publicPostmortem(postmortem: Postmortem, revisions: readonly PostmortemRevision[] = [], moreRedactions: readonly string[] = []): PublicPostmortem {
  const redact = redactor([...postmortem.redactions, ...moreRedactions])
  const visible: Omit<PublicPostmortem, 'id' | 'incidentIds'> = {
    title: postmortem.title,
    tldr: postmortem.tldr,
    impactSummary: postmortem.impactSummary,
    impact: { ...postmortem.impact, series: postmortem.impact.series.map((series) => ({ ...series })) },
    rootCause: postmortem.rootCause,
    contributingFactors: postmortem.contributingFactors,
    wentWell: postmortem.wentWell,
    wentBadly: postmortem.wentBadly,
    actionItems: postmortem.actionItems
      .filter((item) => !item.internal)
      .map((item) => ({ id: item.id, title: item.title, ownerRole: item.ownerRole, dueDate: item.dueDate, status: item.status, url: item.url })),
    timeline: postmortem.timeline
      .filter((entry) => !entry.internal)
      .map((entry) => ({
        at: entry.at, kind: entry.kind, text: entry.text, annotation: entry.annotation,
        component: entry.evidence?.component ?? null, location: entry.evidence?.location ?? null,
      }))
      .sort((a, b) => a.at - b.at),
    handbookPages: [...postmortem.handbookPages],
    publishedAt: postmortem.publishedAt ?? postmortem.updatedAt,
    updatedAt: postmortem.updatedAt,
    revision: postmortem.revision,
    revisions: publicRevisions(revisions),
  }
  return { id: postmortem.id, incidentIds: [...postmortem.incidentIds], ...redactStrings(visible, redact) }
}
