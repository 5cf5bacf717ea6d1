/**
 * The `components:` section: what the public page shows, defined once, and which measurements
 * feed each (component, location) series.
 *
 * @module
 */
import { z } from 'zod'

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'names are 1–63 of a-z 0-9 . _ -, starting with a letter or digit')

const location = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a location is a region or AZ name: 1–63 of A-Z a-z 0-9 . _ -')

/** A pattern over call operations and step names: `*` matches any run of characters, dots included. */
export const OperationPatternSchema = z
  .string()
  .regex(/^[a-z0-9*][a-z0-9._*-]*$/, 'an operation pattern is a-z 0-9 . _ - and *, not starting with . _ or -, e.g. block-storage.*')
  .max(200)

/**
 * A check that feeds a component. The series it feeds is (component, `location`); without
 * `location` the check's `location` label decides, and without that the component is not split.
 * With `operations` only part of each result feeds it: the calls and steps matching a pattern.
 */
export const CheckFeedSchema = z.strictObject({
  check: name.describe('the name of a check in `checks:`'),
  location: location.optional().describe('the location this check measures; default: its `location` label'),
  operations: z
    .array(OperationPatternSchema)
    .min(1, 'operations needs at least one pattern; leave it out to feed the whole result')
    .max(20, 'at most 20 operation patterns per feed')
    .optional()
    .describe('only the calls and steps matching these patterns feed the component, e.g. [block-storage.*]'),
})

type FeedInput = { check: string; operations?: string[] | undefined }

/** A check feeds a component through parts at most once: its part is one derived check per component. */
function partsOnce(feeds: readonly FeedInput[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>()
  feeds.forEach((feed, index) => {
    if (feed.operations === undefined) return
    if (seen.has(feed.check)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'operations'],
        message: `check "${feed.check}" already feeds this component through a part; list all its patterns in one feed`,
      })
    }
    seen.add(feed.check)
  })
}

/** One component of the public page. */
export const ComponentSchema = z.strictObject({
  name,
  displayName: z.string().min(1).max(200).optional().describe('shown on the public page; default: the name'),
  description: z.string().max(2000).optional(),
  /** Any labels; `location` is not allowed here (it splits state and comes from the feeds). */
  labels: z
    .record(z.string(), z.string())
    .default({})
    .refine((labels) => !('location' in labels), { message: 'location splits a component into series; set it on the feeds or checks, not on the component' }),
  feeds: z.array(CheckFeedSchema).min(1, 'a component needs at least one feed').superRefine(partsOnce),
  /** The health rule set of its series; default `health.default`. */
  health: name.optional().describe('the rule set (from health.rules, or the built-in "standard") deciding its state'),
})

/** A validated component. */
export type ComponentConfig = z.infer<typeof ComponentSchema>
/** A validated feed. */
export type CheckFeed = z.infer<typeof CheckFeedSchema>
