/**
 * The request bodies and parameters of the SCS API as Zod schemas, shaped after the SCS spec
 * (status-page-openapi 1.1.2): objects are lenient about read-only fields a client echoes back
 * (`id`, `updates`, `activelyAffectedBy` are ignored), strict about the types of what they use.
 *
 * @module
 */
import { z } from 'zod'
import type { Context } from 'hono'
import { badRequest } from './errors.js'

const date = z.iso.datetime({ offset: true, error: 'expected an RFC 3339 date-time such as 2026-12-06T10:00:00Z' })
const severity = z.number({ error: 'expected an integer 0–100' }).int('expected an integer 0–100').min(0, 'must be 0–100').max(100, 'must be 0–100')

/** `Impact` in an incident body: an impact type id, a component id and a severity. */
export const ImpactBody = z.object({ type: z.uuid().optional(), reference: z.uuid(), severity })

/** `PhaseReference`. */
export const PhaseReferenceBody = z.object({ generation: z.number().int().min(0), order: z.number().int().min(0) })

/** `Incident` (create and partial update). */
export const IncidentBody = z.object({
  displayName: z.string().optional(),
  description: z.string().optional(),
  beganAt: date.nullable().optional(),
  endedAt: date.nullable().optional(),
  phase: PhaseReferenceBody.optional(),
  affects: z.array(ImpactBody).max(500).optional(),
})
export type IncidentBodyInput = z.infer<typeof IncidentBody>

/** `IncidentUpdate`. */
export const IncidentUpdateBody = z.object({ displayName: z.string().optional(), description: z.string().optional(), createdAt: date.nullable().optional() })

/** `Component`. */
export const ComponentBody = z.object({ displayName: z.string().optional(), labels: z.record(z.string(), z.string()).optional() })

/** `ImpactType`. */
export const ImpactTypeBody = z.object({ displayName: z.string().optional(), description: z.string().optional() })

/** `Severity`. */
export const SeverityBody = z.object({ displayName: z.string().optional(), value: severity.optional() })

/** `PhaseList`. */
export const PhaseListBody = z.object({ phases: z.array(z.string()) })

/** Path ids (`Id`: a UUID). */
export const IdParam = z.uuid({ error: 'expected a UUID' })

/** `Incremental`: an integer ≥ 0 in a path or query. */
export const IncrementalParam = z.string().regex(/^\d{1,9}$/, 'expected an integer ≥ 0').transform(Number)

/** A date-time in a query. */
export const DateParam = date

/** Parses `value` with `schema` or throws a 400 listing every issue under `where`. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const errors = parsed.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }))
  throw badRequest(errors.map((error) => `${error.path}: ${error.message}`).join('; '), errors)
}

/** The JSON body of `c`, or a 400 when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw badRequest('the body is not JSON')
  }
}

/** Epoch ms of an RFC 3339 date-time. */
export const toMs = (text: string): number => Date.parse(text)
