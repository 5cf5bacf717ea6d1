/**
 * How postmortems look in the v1 API: the operator's whole postmortem, its revisions, and the
 * public (redacted) projection. Instants are ISO 8601 strings in UTC, as everywhere in the API.
 *
 * @module
 */
import { z } from '@hono/zod-openapi'
import type { MeasuredImpact, Postmortem, PostmortemRevision, PublicPostmortem } from './types.js'
import { ACTION_ITEM_STATUSES, POSTMORTEM_STATUSES, TIMELINE_KINDS } from './types.js'

const isoTime = z.iso.datetime().openapi({ example: '2026-11-22T10:00:00.000Z' })
const iso = (ms: number) => new Date(ms).toISOString()

const SeriesImpactSchema = z.object({
  component: z.string(), location: z.string(),
  availability: z.number().nullable().openapi({ description: 'measured availability in the period, 0–1' }),
  errorRate: z.number().nullable().openapi({ description: 'share of failed probe results, 0–1' }),
  results: z.number().int(), downMinutes: z.number(), noDataMinutes: z.number(),
})

const ImpactSchema = z
  .object({
    from: isoTime, to: isoTime.nullable(), durationMs: z.number().nullable(), series: z.array(SeriesImpactSchema),
    computedAt: isoTime, method: z.string().openapi({ description: 'how the numbers were computed' }),
  })
  .openapi('PostmortemImpact')

const ActionItemSchema = z.object({
  id: z.string(), title: z.string(), ownerRole: z.string().openapi({ example: 'storage on-call', description: 'a role, never a person' }),
  dueDate: z.string().nullable().openapi({ example: '2026-12-31' }), status: z.enum(ACTION_ITEM_STATUSES), url: z.string().nullable(),
})

const TimelineEntrySchema = z.object({
  id: z.string(), at: isoTime, kind: z.enum(TIMELINE_KINDS), text: z.string(), annotation: z.string().nullable(), internal: z.boolean(),
  evidence: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'the stored evidence behind a generated entry (never public)' }),
})

/** The whole postmortem, as operators see it. */
export const PostmortemSchema = z
  .object({
    id: z.uuid(), status: z.enum(POSTMORTEM_STATUSES), revision: z.number().int().openapi({ description: 'send it back with every edit; a stale one is a 409' }),
    incidentIds: z.array(z.string()), title: z.string(), tldr: z.string(), impactSummary: z.string(), rootCause: z.string(),
    contributingFactors: z.string(), wentWell: z.string(), wentBadly: z.string(), internalNotes: z.string(),
    actionItems: z.array(ActionItemSchema.extend({ internal: z.boolean() })), redactions: z.array(z.string()), handbookPages: z.array(z.string()),
    timeline: z.array(TimelineEntrySchema), impact: ImpactSchema, createdAt: isoTime, updatedAt: isoTime, publishedAt: isoTime.nullable(),
  })
  .openapi('Postmortem')

/** One stored revision (a whole snapshot). */
export const RevisionSchema = z
  .object({ revision: z.number().int(), at: isoTime, actor: z.string(), status: z.enum(POSTMORTEM_STATUSES), changeNote: z.string().nullable(), snapshot: PostmortemSchema })
  .openapi('PostmortemRevision')

/** The public projection: redacted, no internal notes, entries or evidence. */
export const PublicPostmortemSchema = z
  .object({
    id: z.uuid(), title: z.string(), tldr: z.string(), impactSummary: z.string(), impact: ImpactSchema, rootCause: z.string(),
    contributingFactors: z.string(), wentWell: z.string(), wentBadly: z.string(), actionItems: z.array(ActionItemSchema),
    timeline: z.array(z.object({ at: isoTime, kind: z.enum(TIMELINE_KINDS), text: z.string(), annotation: z.string().nullable(), component: z.string().nullable(), location: z.string().nullable() })),
    incidentIds: z.array(z.string()), handbookPages: z.array(z.string()), publishedAt: isoTime, updatedAt: isoTime, revision: z.number().int(),
    revisions: z.array(z.object({ revision: z.number().int(), at: isoTime, changeNote: z.string().nullable() })).openapi({ description: 'changes after publication, oldest first' }),
  })
  .openapi('PublicPostmortem')

function impactToApi(impact: MeasuredImpact): z.infer<typeof ImpactSchema> {
  return { ...impact, from: iso(impact.from), to: impact.to === null ? null : iso(impact.to), computedAt: iso(impact.computedAt), series: impact.series.map((one) => ({ ...one })) }
}

/** A postmortem as the API shows it to operators. */
export function postmortemToApi(postmortem: Postmortem): z.infer<typeof PostmortemSchema> {
  return {
    ...postmortem,
    timeline: postmortem.timeline.map((entry) => ({ ...entry, at: iso(entry.at), evidence: entry.evidence === null ? null : { ...entry.evidence } })),
    impact: impactToApi(postmortem.impact),
    createdAt: iso(postmortem.createdAt), updatedAt: iso(postmortem.updatedAt), publishedAt: postmortem.publishedAt === null ? null : iso(postmortem.publishedAt),
  }
}

/** A stored revision as the API shows it. */
export function revisionToApi(revision: PostmortemRevision): z.infer<typeof RevisionSchema> {
  return { revision: revision.revision, at: iso(revision.at), actor: revision.actor, status: revision.status, changeNote: revision.changeNote, snapshot: postmortemToApi(revision.snapshot) }
}

/** The public projection as the API shows it. */
export function publicToApi(view: PublicPostmortem): z.infer<typeof PublicPostmortemSchema> {
  return {
    ...view,
    impact: impactToApi(view.impact),
    timeline: view.timeline.map((entry) => ({ ...entry, at: iso(entry.at) })),
    publishedAt: iso(view.publishedAt), updatedAt: iso(view.updatedAt),
    revisions: view.revisions.map((revision) => ({ ...revision, at: iso(revision.at) })),
  }
}
