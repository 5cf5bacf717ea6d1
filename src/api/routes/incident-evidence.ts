/**
 * Operator evidence of an incident (loopback only until tokens exist): what it pinned — the
 * evaluations of every affected (component, location) with their flags, values and windows, and
 * the raw results of the checks feeding them with their calls' request ids — in pages.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { MEASURED_STATES } from '../../core/index.js'
import type { EvidencePin, PinCursor, PinnedEvaluation, Store, StoredResult } from '../../store/index.js'
import { loopbackOnly } from '../access.js'
import { ApiError } from '../problem.js'
import { jsonContent, problemContent, StoredResultSchema } from '../schemas.js'

const isoTime = z.iso.datetime().openapi({ example: '2026-11-22T10:00:00.000Z' })
const iso = (ms: number) => new Date(ms).toISOString()
const KINDS = ['evaluations', 'results'] as const
type Kind = (typeof KINDS)[number]

const PinSchema = z
  .object({
    component: z.string(),
    location: z.string(),
    check: z.string().nullable().openapi({ description: 'the check whose results are pinned; null for the row pinning the series\u2019 evaluations' }),
    from: isoTime,
    to: isoTime.nullable().openapi({ description: 'null while the incident is open' }),
  })
  .openapi('EvidencePin')

const FlagSchema = z.object({
  flag: z.string(),
  kind: z.string(),
  raised: z.boolean(),
  value: z.number().nullable(),
  threshold: z.number(),
  unit: z.string(),
  window: z.object({ from: isoTime, to: isoTime }),
  samples: z.number().int(),
  votes: z.array(z.object({ vantage: z.string(), raised: z.boolean(), value: z.number().nullable(), samples: z.number().int() })),
})

const PinnedEvaluationSchema = z
  .object({
    id: z.string(),
    component: z.string(),
    location: z.string(),
    at: isoTime,
    ruleSet: z.string(),
    measured: z.enum(MEASURED_STATES),
    raw: z.enum(MEASURED_STATES),
    reason: z.string(),
    matched: z.object({ expression: z.string(), weight: z.number(), state: z.enum(MEASURED_STATES) }).nullable(),
    flags: z.array(FlagSchema),
    vantages: z.object({ k: z.number(), min: z.number(), reporting: z.array(z.string()), silent: z.array(z.string()) }),
  })
  .openapi('PinnedEvaluation')

const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).nullable()

const EvidenceSchema = z
  .object({
    incidentId: z.uuid(),
    pins: z.array(PinSchema),
    evaluations: pageOf(PinnedEvaluationSchema).openapi({ description: 'null when a results cursor was followed' }),
    results: pageOf(StoredResultSchema).openapi({ description: 'null when an evaluations cursor was followed' }),
  })
  .openapi('IncidentEvidence')

const getEvidence = createRoute({
  method: 'get',
  path: '/incidents/{id}/evidence',
  tags: ['incidents'],
  summary: 'Pinned evaluations and raw results of an incident, oldest first (loopback only)',
  description: 'Without a cursor: the first page of both lists. A `nextCursor` continues its own list only.',
  middleware: [loopbackOnly] as const,
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({
      cursor: z.string().max(500).optional().openapi({ description: 'a nextCursor of a previous answer' }),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: jsonContent(EvidenceSchema, 'The evidence'),
    403: problemContent('Not on loopback'),
    404: problemContent('No such incident'),
    422: problemContent('Not a cursor this API returned'),
  },
})

function encodeCursor(kind: Kind, at: number, id: string): string {
  return Buffer.from(JSON.stringify([kind, at, id])).toString('base64url')
}

function decodeCursor(cursor: string): { kind: Kind; after: PinCursor } {
  try {
    const [kind, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if ((KINDS as readonly unknown[]).includes(kind) && Number.isInteger(at) && typeof id === 'string') return { kind: kind as Kind, after: { at: at as number, id } }
  } catch {
    // refused below
  }
  throw new ApiError(422, 'invalid-input', 'Invalid input', 'cursor: not a cursor this API returned', [{ path: 'cursor', message: 'not a cursor this API returned' }])
}

function evaluationToApi(pinned: PinnedEvaluation): z.infer<typeof PinnedEvaluationSchema> {
  const { evaluation } = pinned
  return {
    id: pinned.id, component: pinned.component, location: pinned.location, at: iso(evaluation.at), ruleSet: evaluation.ruleSet,
    measured: evaluation.measured, raw: evaluation.raw, reason: evaluation.reason, matched: evaluation.matched, vantages: evaluation.vantages,
    flags: evaluation.flags.map((flag) => ({ ...flag, window: { from: iso(flag.window.from), to: iso(flag.window.to) } })),
  }
}

function pinToApi(pin: EvidencePin, checkNames: ReadonlyMap<string, string>): z.infer<typeof PinSchema> {
  return {
    component: pin.component, location: pin.location, check: pin.checkId === '' ? null : (checkNames.get(pin.checkId) ?? pin.checkId),
    from: iso(pin.from), to: pin.to === null ? null : iso(pin.to),
  }
}

async function evaluationsPage(store: Store, incidentId: string, after: PinCursor | null, limit: number) {
  const rows = await store.evidencePins.evaluations(incidentId, { after, limit: limit + 1 })
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items: items.map(evaluationToApi), nextCursor: rows.length > limit && last ? encodeCursor('evaluations', last.evaluation.at, last.id) : null }
}

async function resultsPage(store: Store, incidentId: string, after: PinCursor | null, limit: number) {
  const rows: StoredResult[] = await store.evidencePins.results(incidentId, { after, limit: limit + 1 })
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items: items.map((result) => ({ ...result, startedAt: iso(result.startedAt) })),
    nextCursor: rows.length > limit && last ? encodeCursor('results', last.startedAt, last.id) : null,
  }
}

/** Registers the loopback-only evidence read of incidents. */
export function registerIncidentEvidenceRoutes(app: OpenAPIHono, store: Store): void {
  app.openapi(getEvidence, async (c) => {
    const { id } = c.req.valid('param')
    const { cursor, limit } = c.req.valid('query')
    const continued = cursor === undefined ? null : decodeCursor(cursor)
    if ((await store.incidents.get(id)) === null) throw new ApiError(404, 'not-found', 'Not found', `no incident with id ${id}`)
    const checkNames = new Map((await store.checks.list({ includeArchived: true })).map((check) => [check.id, check.name]))
    const pins = (await store.evidencePins.forIncident(id)).map((pin) => pinToApi(pin, checkNames))
    const wants = (kind: Kind) => continued === null || continued.kind === kind
    const after = continued?.after ?? null
    const evaluations = wants('evaluations') ? await evaluationsPage(store, id, after, limit) : null
    const results = wants('results') ? await resultsPage(store, id, after, limit) : null
    return c.json({ incidentId: id, pins, evaluations, results }, 200)
  })
}
