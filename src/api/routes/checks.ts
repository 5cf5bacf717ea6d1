/**
 * Private reads (loopback only until tokens exist): check definitions and their stored results.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { redactHeaders, redactUrl } from '../../core/redact.js'
import { parseStoredCheck, storedDefinition } from '../../config/index.js'
import type { Store } from '../../store/index.js'
import { loopbackOnly } from '../access.js'
import { ApiError } from '../problem.js'
import { CheckSchemaOut, StoredResultSchema, jsonContent, listOf, problemContent } from '../schemas.js'

type StoredCheck = Awaited<ReturnType<Store['checks']['list']>>[number]

/** A check's definition with every secret-bearing field replaced by `***`. */
export function redactedDefinition(definition: unknown): Record<string, unknown> {
  const check = parseStoredCheck(definition)
  if (check === null) return { unreadable: true }
  const stored = storedDefinition(check)
  if (check.kind !== 'http') return stored
  return {
    ...stored,
    url: redactUrl(check.url, check.redact),
    headers: redactHeaders(check.headers, check.redact),
    ...(check.body === undefined ? {} : { body: '***' }),
  }
}

function toApi(row: StoredCheck): z.infer<typeof CheckSchemaOut> {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    displayName: row.displayName,
    definition: redactedDefinition(row.definition),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  }
}

const nameParam = z.object({ name: z.string().min(1).max(100).openapi({ example: 'api' }) })

const listChecks = createRoute({
  method: 'get',
  path: '/checks',
  tags: ['checks'],
  summary: 'Configured checks, secrets redacted (loopback only)',
  middleware: [loopbackOnly] as const,
  responses: { 200: jsonContent(listOf(CheckSchemaOut), 'The checks'), 403: problemContent('Not on loopback') },
})

const listResults = createRoute({
  method: 'get',
  path: '/checks/{name}/results',
  tags: ['checks'],
  summary: 'Stored results of a check, newest first (loopback only)',
  middleware: [loopbackOnly] as const,
  request: {
    params: nameParam,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(50),
      before: z.iso.datetime().optional().openapi({ description: 'Only results that started before this instant' }),
    }),
  },
  responses: {
    200: jsonContent(listOf(StoredResultSchema), 'The results'),
    403: problemContent('Not on loopback'),
    404: problemContent('No such check'),
  },
})

/** Registers the loopback-only check routes. */
export function registerCheckRoutes(app: OpenAPIHono, store: Store): void {
  app.openapi(listChecks, async (c) => c.json({ items: (await store.checks.list()).map(toApi) }, 200))
  app.openapi(listResults, async (c) => {
    const { name } = c.req.valid('param')
    const { limit, before } = c.req.valid('query')
    const check = (await store.checks.list({ includeArchived: true })).find((row) => row.name === name)
    if (!check) throw new ApiError(404, 'not-found', 'Not found', `no check named "${name}"`)
    const results = await store.results.list(check.id, { limit, ...(before ? { before: Date.parse(before) } : {}) })
    const items = results.map((result) => ({ ...result, startedAt: new Date(result.startedAt).toISOString() }))
    return c.json({ items }, 200)
  })
}
