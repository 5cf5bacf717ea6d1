/**
 * Opaque cursors and bounded page sizes for the API's lists. A cursor is the position of the
 * last item served, encoded so clients treat it as a token; one a client forged or mangled is a
 * 422 problem, never a 500.
 *
 * @module
 */
import { z } from '@hono/zod-openapi'
import { ApiError } from './problem.js'

/** Default and largest page sizes of the records lists. */
export const RECORD_PAGE_LIMITS = { default: 100, max: 1000 } as const

/** The `cursor` and `limit` query parameters of a list. */
export const pageQueryFields = {
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page (opaque)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(RECORD_PAGE_LIMITS.max)
    .default(RECORD_PAGE_LIMITS.default)
    .openapi({ description: `items per page, 1–${RECORD_PAGE_LIMITS.max}` }),
}

/** A page body: the items and the cursor of the next page (null on the last). */
export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}

/**
 * Encodes a position (numbers and strings) as an opaque cursor bound to `kind`, so a cursor of
 * one list is refused by another.
 *
 * @example
 * encodeCursor('rollups', [1_763_800_000_000]) // 'WyJyb2xsdXBzIiwxNzYzODAwMDAwMDAwXQ'
 */
export function encodeCursor(kind: string, position: readonly (number | string)[]): string {
  return Buffer.from(JSON.stringify([kind, ...position])).toString('base64url')
}

function forged(): ApiError {
  return new ApiError(422, 'invalid-cursor', 'Invalid cursor', 'cursor: not a cursor this API returned for this list', [
    { path: 'cursor', message: 'not a cursor this API returned for this list' },
  ])
}

/**
 * Decodes a cursor made by {@link encodeCursor} for `kind`, checking each part against `shape`
 * (`'n'` an integer, `'s'` a string). Absent → null; anything else → a 422 {@link ApiError}.
 *
 * @example
 * decodeCursor(query.cursor, 'evaluations', ['n', 's']) // [at, id] or null
 */
export function decodeCursor(cursor: string | undefined, kind: string, shape: readonly ('n' | 's')[]): (number | string)[] | null {
  if (cursor === undefined) return null
  let parts: unknown
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw forged()
  }
  if (!Array.isArray(parts) || parts.length !== shape.length + 1 || parts[0] !== kind) throw forged()
  const position = parts.slice(1) as unknown[]
  const fits = position.every((part, i) => (shape[i] === 'n' ? Number.isSafeInteger(part) : typeof part === 'string' && part.length <= 200))
  if (!fits) throw forged()
  return position as (number | string)[]
}
