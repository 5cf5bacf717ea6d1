/**
 * The inputs of every postmortem write, as Zod schemas: the one place their shape is checked.
 * Markdown fields are length-limited source (sanitised on render); tracker links http(s) only;
 * redaction phrases are checked so that the mark that replaces them can never re-create one.
 *
 * @module
 */
import { z } from 'zod'
import { ACTION_ITEM_STATUSES, POSTMORTEM_STATUSES, REDACTED_MARK } from './types.js'

/** Longest Markdown section, in characters. */
export const SECTION_MAX = 20_000
const markdown = z.string().max(SECTION_MAX)
const instant = z.number().int().min(0)
const id = z.string().trim().min(1).max(100)

function isCalendarDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * A redaction phrase: at least 3 characters, no brackets, quotes, backslashes or control
 * characters, and not part of {@link REDACTED_MARK} — so replacing phrases by the mark can never
 * make a phrase appear, in the text or in its JSON.
 */
export const RedactionPhraseSchema = z
  .string()
  .trim()
  .min(3, 'a redaction phrase needs at least 3 characters')
  .max(200)
  .refine((phrase) => !/[[\]"\\\u0000-\u001f\u007f]/.test(phrase), 'must not contain [ ] " \\ or control characters')
  .refine((phrase) => !REDACTED_MARK.toLowerCase().includes(phrase.toLowerCase()), `must not be part of ${REDACTED_MARK}`)

/** An action item as written; `id` is kept when given (an edit), generated otherwise. */
export const ActionItemInputSchema = z.strictObject({
  id: id.optional(),
  title: z.string().trim().min(1).max(300),
  ownerRole: z.string().trim().min(1, 'an owner role ("storage on-call"), never a person').max(100),
  dueDate: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD').nullable().default(null),
  status: z.enum(ACTION_ITEM_STATUSES).default('open'),
  url: z.string().trim().max(2000).refine(isHttpUrl, 'an http(s) URL').nullable().default(null),
  internal: z.boolean().default(false),
})
export type ActionItemInput = z.input<typeof ActionItemInputSchema>

/** The author-editable sections, each optional (a partial change). */
export const SectionsInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  tldr: markdown.optional(),
  impactSummary: markdown.optional(),
  rootCause: markdown.optional(),
  contributingFactors: markdown.optional(),
  wentWell: markdown.optional(),
  wentBadly: markdown.optional(),
  internalNotes: markdown.optional(),
  actionItems: z
    .array(ActionItemInputSchema)
    .max(100)
    .refine((items) => new Set(items.flatMap((item) => (item.id === undefined ? [] : [item.id]))).size === items.filter((item) => item.id !== undefined).length, 'an action item id is listed twice')
    .optional(),
  redactions: z.array(RedactionPhraseSchema).max(100).optional(),
  handbookPages: z.array(z.string().regex(/^[a-z0-9][a-z0-9/_-]{0,119}$/, 'a handbook page slug')).max(50).optional(),
})

const incidentIds = z.array(id).min(1, 'a postmortem covers at least one incident').max(50)

/** A new draft. */
export const NewPostmortemSchema = z.strictObject({
  incidentIds,
  sections: SectionsInputSchema.optional(),
})

/** An edit, starting from `revision`. */
export const PostmortemEditSchema = z.strictObject({
  revision: z.number().int().min(1),
  sections: SectionsInputSchema.optional(),
  incidentIds: incidentIds.optional(),
  timeline: z
    .strictObject({
      annotate: z.array(z.strictObject({ id, annotation: z.string().max(5_000).nullable(), internal: z.boolean().optional() })).max(500).optional(),
      addNotes: z.array(z.strictObject({ at: instant, text: z.string().trim().min(1).max(2_000), internal: z.boolean().optional() })).max(100).optional(),
      removeNotes: z.array(id).max(500).optional(),
    })
    .optional(),
  changeNote: z.string().trim().min(1).max(2_000).optional(),
})
export type ParsedEdit = z.output<typeof PostmortemEditSchema>
export type ParsedSections = z.output<typeof SectionsInputSchema>

/** A move in the workflow. */
export const TransitionSchema = z.strictObject({
  to: z.enum(POSTMORTEM_STATUSES),
  revision: z.number().int().min(1),
  notify: z.boolean().default(true),
})
