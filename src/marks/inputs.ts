/**
 * The inputs of mark writes as Zod schemas: the one place their shape is checked. Instants are
 * epoch milliseconds; the CLI and API convert their ISO 8601 strings first.
 *
 * @module
 */
import { z } from 'zod'
import { InvalidInputError } from '../incidents/index.js'

/** The longest public reason: a sentence or two beside a state, not an incident report. */
export const MAX_REASON_LENGTH = 500

const instant = z.number().int().min(0)

/** A new mark; `from` defaults to now, `to` to "until cleared", no `location` to every location. */
export const NewMarkSchema = z
  .strictObject({
    component: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a component name: 1–63 of a-z 0-9 . _ -'),
    location: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a location: 1–63 of A-Z a-z 0-9 . _ -').optional(),
    reason: z
      .string({ error: 'a public reason is required' })
      .trim()
      .min(1, 'a public reason is required: it is shown beside the state')
      .max(MAX_REASON_LENGTH, `at most ${MAX_REASON_LENGTH} characters`)
      .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'one line of text without control characters'),
    from: instant.optional(),
    to: instant.nullable().optional(),
  })
  .refine((mark) => mark.to == null || mark.from === undefined || mark.to > mark.from, { path: ['to'], message: 'must be after from' })
export type NewMark = z.input<typeof NewMarkSchema>

/** Who writes, and through which door (the same doors as incidents). */
export const MarkWriterSchema = z.strictObject({
  actor: z.string().trim().min(1).max(200),
  door: z.enum(['api', 'cli', 'config']),
})

/**
 * Parses `value` with `schema`, or throws an `InvalidInputError` listing every issue.
 *
 * @example
 * const mark = parseMarkInput(NewMarkSchema, { component: 'compute', reason: 'probe host lost its uplink' })
 */
export function parseMarkInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new InvalidInputError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message })))
}
