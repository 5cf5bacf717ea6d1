/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * A postmortem's public revision history: every revision after publication with its time and
 * change note, and a line diff between consecutive published revisions of the PUBLIC projection
 * (never of the stored postmortem: a diff must not reveal what redaction hid). The diff is the
 * handbook's (src/handbook/diff.ts) over a plain-text form of the projection.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { DiffHunksView, diffHunks, diffLines, type DiffHunk } from '../../handbook/index.js'
import { When } from '../../web/incidents-section.js'
import type { PublicPostmortem } from '../types.js'
import type { PostmortemWords } from './words.js'

/** The diff between two published revisions. */
export interface RevisionDiff {
  from: number
  to: number
  hunks: DiffHunk[]
}

const iso = (at: number) => new Date(at).toISOString()

/**
 * The plain text a reader compares between revisions: every public field, one per block, in
 * page order (English labels: the diff shows what changed, not how a language names it).
 *
 * @example
 * publicText(postmortem).startsWith('# ') // true
 */
export function publicText(postmortem: PublicPostmortem): string {
  const block = (title: string, body: string) => (body.trim() === '' ? [] : [`## ${title}`, body.trim(), ''])
  return [
    `# ${postmortem.title}`,
    '',
    ...block('TL;DR', postmortem.tldr),
    ...block('Impact', postmortem.impactSummary),
    ...postmortem.impact.series.map((s) => `- ${s.component} (${s.location}): availability ${s.availability ?? 'none'}, error rate ${s.errorRate ?? 'none'}, ${s.results} checks, ${s.downMinutes} min down, ${s.noDataMinutes} min without data`),
    ...block('Timeline', postmortem.timeline.map((e) => `- ${iso(e.at)} ${e.kind}: ${e.text}${e.annotation === null ? '' : ` — ${e.annotation}`}`).join('\n')),
    ...block('Root cause', postmortem.rootCause),
    ...block('Contributing factors', postmortem.contributingFactors),
    ...block('What went well', postmortem.wentWell),
    ...block('What went badly', postmortem.wentBadly),
    ...block('Action items', postmortem.actionItems.map((a) => `- ${a.title} (${a.ownerRole}; due ${a.dueDate ?? 'none'}; ${a.status})`).join('\n')),
    ...block('Incidents', postmortem.incidentIds.map((id) => `- ${id}`).join('\n')),
    ...block('Handbook pages', postmortem.handbookPages.map((slug) => `- ${slug}`).join('\n')),
  ].join('\n')
}

/**
 * The diffs between consecutive projections, oldest first; pairs without a change are left out.
 *
 * @example
 * revisionDiffs([first, corrected])[0]?.hunks.length // > 0 when the text changed
 */
export function revisionDiffs(projections: readonly PublicPostmortem[]): RevisionDiff[] {
  const sorted = [...projections].sort((a, b) => a.revision - b.revision)
  return sorted.slice(1).flatMap((after, i) => {
    const before = sorted[i]!
    const hunks = diffHunks(diffLines(publicText(before), publicText(after)))
    return hunks.length === 0 ? [] : [{ from: before.revision, to: after.revision, hunks }]
  })
}

const Diff: FC<{ diff: RevisionDiff; w: PostmortemWords }> = ({ diff, w }) => (
  <details>
    <summary>{w.changes(diff.from, diff.to)}</summary>
    <DiffHunksView hunks={diff.hunks} className="pm-diff" unchangedLines={w.unchangedLines} />
  </details>
)

/**
 * The revision history section, newest first.
 *
 * @example
 * <RevisionsSection postmortem={postmortem} diffs={revisionDiffs(projections)} w={words} />
 */
export const RevisionsSection: FC<{ postmortem: PublicPostmortem; diffs: readonly RevisionDiff[]; w: PostmortemWords }> = ({ postmortem, diffs, w }) => {
  const revisions = [...postmortem.revisions].sort((a, b) => b.revision - a.revision)
  const first = Math.min(...revisions.map((r) => r.revision))
  return (
    <section aria-labelledby="revisions">
      <h2 id="revisions">{w.revisions}</h2>
      <ol reversed>
        {revisions.map((revision) => {
          const diff = diffs.find((candidate) => candidate.to === revision.revision)
          return (
            <li id={`revision-${revision.revision}`}>
              <When at={revision.at} /> · {w.revision(revision.revision)} · {revision.revision === first ? w.firstPublished : (revision.changeNote ?? w.noChangeNote)}
              {diff === undefined ? '' : <Diff diff={diff} w={w} />}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
