/**
 * Public evidence history of a (component, location) series: each stored evaluation of the
 * health rules with its rule set, flags, values, windows and measured state, newest first.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../core/clock.js'
import type { Store } from '../../store/index.js'
import { EvidenceSchema, publicEvidence } from '../evidence.js'
import { decodeCursor, encodeCursor, pageQueryFields, pageSchema } from '../pagination.js'
import { knownSeries, rangeQueryFields, timeRange } from '../record-params.js'
import { jsonContent, problemContent } from '../schemas.js'
import { METHOD_LINKS, seriesParams } from './records-common.js'

const DAY_MS = 86_400_000

const EvaluationItemSchema = EvidenceSchema.extend({ id: z.string().openapi({ description: 'the stored evaluation' }) }).openapi('StoredEvidence')

const EvaluationPageSchema = pageSchema(EvaluationItemSchema)
  .extend({ method: z.string().openapi({ example: METHOD_LINKS.evidence }) })
  .openapi('EvidencePage')

const listEvaluations = createRoute({
  method: 'get',
  path: '/components/{name}/locations/{location}/evaluations',
  tags: ['records'],
  summary: 'Stored evaluations of the health rules for one (component, location), newest first, with their public evidence',
  description:
    'An evaluation is stored when what it shows changed (state, candidate, rule, raised flags, vantage points) and otherwise every few minutes. ' +
    '`from` defaults to 24 hours before `to`, `to` to now; the range may span at most 400 days.',
  request: { params: seriesParams, query: z.object({ ...rangeQueryFields, ...pageQueryFields }) },
  responses: {
    200: jsonContent(EvaluationPageSchema, 'A page of evaluations'),
    400: problemContent('A malformed parameter or range'),
    404: problemContent('No such component or location'),
    422: problemContent('Not a cursor this API returned'),
  },
})

/** Registers `GET /components/{name}/locations/{location}/evaluations` (calendar dates in `from`/`to` are local to `recordsZone`). */
export function registerEvaluationRoutes(app: OpenAPIHono, store: Store, clock: Clock, recordsZone: () => string): void {
  app.openapi(listEvaluations, async (c) => {
    const { name, location } = c.req.valid('param')
    const query = c.req.valid('query')
    const range = timeRange(query, { now: clock.now(), defaultSpanMs: DAY_MS, maxSpanMs: 400 * DAY_MS, timeZone: recordsZone() })
    const cursor = decodeCursor(query.cursor, 'evaluations', ['n', 's'])
    const series = await knownSeries(store, name, location)
    const after = cursor === null ? null : { at: cursor[0] as number, id: cursor[1] as string }
    const rows = await store.recordReads.evaluations(series, { ...range, after, limit: query.limit + 1 })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor('evaluations', [last.evaluation.at, last.id]) : null
    const items = page.map((row) => ({ id: row.id, ...publicEvidence(row.evaluation) }))
    return c.json({ items, nextCursor, method: METHOD_LINKS.evidence }, 200)
  })
}
