/**
 * Heartbeat URLs (issue 8, scope `reporter`): `POST /heartbeats/{check}` stores one result of a
 * `kind: heartbeat` check. Missing beats are judged by the health rules' noData flag (its window
 * in intervals of `expectEvery`), so a heartbeat gets the hysteresis, evidence, incidents and
 * availability of any check.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { parseStoredCheckRow } from '../../config/index.js'
import type { Clock } from '../../core/index.js'
import { pushedResult } from '../../probes/heartbeat/index.js'
import type { CheckRow, Store } from '../../store/index.js'
import { needsScope } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { jsonContent, problemContent } from '../schemas.js'
import { answeringProblems } from './incoming-problems.js'
import { writeProblems } from './write-common.js'

/** The optional body of a beat; an empty body is `{ status: 'up' }`. */
export const BeatSchema = z
  .strictObject({
    status: z.enum(['up', 'down']).default('up').openapi({ description: 'up passes; down fails the run (counts against availability)' }),
    message: z.string().max(1000).optional().openapi({ example: 'nightly backup finished', description: 'shown to operators in the evidence' }),
    durationMs: z.number().nonnegative().max(86_400_000).optional().openapi({ example: 5400, description: 'how long the reported job took' }),
  })
  .openapi('Beat')

const BeatReceiptSchema = z
  .object({
    check: z.string().openapi({ example: 'nightly-backup' }),
    status: z.enum(['up', 'down']),
    receivedAt: z.iso.datetime().openapi({ example: '2026-12-06T10:00:00.000Z' }),
  })
  .openapi('BeatReceipt')

function beatRoute(limit: MiddlewareHandler) {
  const reporter = needsScope('reporter')
  return createRoute({
    method: 'post', path: '/heartbeats/{check}', tags: ['incoming'],
    summary: 'Send a beat of a heartbeat check (no body: up); missing beats turn its series no data',
    middleware: [...reporter.middleware, limit], security: reporter.security,
    request: {
      params: z.object({ check: z.string().min(1).max(63).openapi({ example: 'nightly-backup' }) }),
      body: { content: { 'application/json': { schema: BeatSchema } }, required: false },
    },
    responses: {
      200: jsonContent(BeatReceiptSchema, 'Stored as a result of the check'),
      ...writeProblems,
      404: problemContent('No active check of that name'),
      409: problemContent('The check is not a heartbeat check, or it is disabled'),
      429: problemContent('This token sent too many reports; Retry-After says when to try again'),
    },
  })
}

/**
 * The active heartbeat check named `name`, or the problem a report to it answers: 404 for an
 * unknown name, 409 for another kind or a disabled check.
 *
 * @example
 * const row = await heartbeatCheck(store, 'nightly-backup')
 */
export async function heartbeatCheck(store: Store, name: string): Promise<CheckRow> {
  const row = (await store.checks.list()).find((check) => check.name === name)
  if (row === undefined) throw new ApiError(404, 'not-found', 'Not found', `no active check named "${name}"`)
  if (row.kind !== 'heartbeat') throw new ApiError(409, 'not-a-heartbeat', 'Conflict', `check "${name}" is a ${row.kind} check, measured by its probe; only kind: heartbeat checks take beats`)
  if (parseStoredCheckRow(row)?.enabled === false) throw new ApiError(409, 'check-disabled', 'Conflict', `check "${name}" is disabled (enabled: false)`)
  return row
}

/** Registers the heartbeat route; `limit` is the shared per-token rate limit of incoming reports. */
export function registerHeartbeatRoutes(app: OpenAPIHono, store: Store, clock: Clock, limit: MiddlewareHandler): void {
  app.openapi(beatRoute(limit), (c) =>
    answeringProblems(c, async () => {
      const name = c.req.valid('param').check
      const beat = BeatSchema.parse(c.req.valid('json') ?? {})
      const row = await heartbeatCheck(store, name)
      const now = clock.now()
      const principal = c.get('principal')!
      await store.results.insertBatch([{ checkId: row.id, result: pushedResult({ ...beat, step: 'beat', requestId: `beat by ${principal.name}` }, now) }])
      return c.json({ check: name, status: beat.status, receivedAt: new Date(now).toISOString() }, 200)
    }),
  )
}
