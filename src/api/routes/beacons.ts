/**
 * Health beacons (issue 8, scope `reporter`): `POST /beacons` — a machine-generated status of a
 * (component, location) from a site that cannot be probed (air-gapped). A beacon is stored as a
 * result of the heartbeat check that feeds that series, started at its `at`, and judged by the
 * rules like any result. `at` must lie within the replay window of the server's clock, and its
 * `id` is applied once: a replay inside the window answers 409 and stores nothing.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { formatDuration } from '../../core/duration.js'
import type { Clock } from '../../core/index.js'
import { NO_LOCATION } from '../../core/series.js'
import { pushedResult } from '../../probes/heartbeat/index.js'
import type { Store } from '../../store/index.js'
import { needsScope } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { jsonContent, problemContent } from '../schemas.js'
import { answeringProblems } from './incoming-problems.js'
import { isoInstant, writeProblems } from './write-common.js'

/** The states a beacon may report; anything but operational fails the result. */
export const BEACON_STATES = ['operational', 'degraded', 'partial_outage', 'major_outage'] as const

/** A beacon as sent. */
export const BeaconSchema = z
  .strictObject({
    id: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').openapi({ example: 'site-7/2026-12-06T10:00:00Z', description: 'idempotency key: a beacon with an id already applied is refused (409)' }),
    component: z.string().min(1).max(63).openapi({ example: 'compute' }),
    location: z.string().min(1).max(63).optional().openapi({ example: 'R1', description: `default ${NO_LOCATION}` }),
    state: z.enum(BEACON_STATES),
    message: z.string().max(1000).optional().openapi({ example: 'hypervisor pool 2 of 3 down' }),
    at: isoInstant.openapi({ description: 'when the site measured it; must lie within the replay window (default ±5 min) of the server clock' }),
  })
  .openapi('Beacon')

const BeaconReceiptSchema = z
  .object({ id: z.string(), check: z.string(), component: z.string(), location: z.string(), state: z.enum(BEACON_STATES), at: z.iso.datetime() })
  .openapi('BeaconReceipt')

function beaconRoute(limit: MiddlewareHandler) {
  const reporter = needsScope('reporter')
  return createRoute({
    method: 'post', path: '/beacons', tags: ['incoming'],
    summary: 'Report the state of a (component, location) from a site that cannot be probed',
    middleware: [...reporter.middleware, limit], security: reporter.security,
    request: { body: { content: { 'application/json': { schema: BeaconSchema } }, required: true } },
    responses: {
      200: jsonContent(BeaconReceiptSchema, 'Stored as a result of the heartbeat check feeding the series'),
      ...writeProblems,
      400: problemContent('Not the documented shape, or `at` outside the replay window'),
      404: problemContent('No heartbeat check feeds that (component, location)'),
      409: problemContent('A beacon with this id was already applied'),
      429: problemContent('This token sent too many reports; Retry-After says when to try again'),
    },
  })
}

async function feedingHeartbeat(store: Store, component: string, location: string): Promise<{ id: string; name: string }> {
  const [components, feeds, checks] = await Promise.all([store.components.list(), store.components.feeds(), store.checks.list()])
  const target = components.find((entry) => entry.name === component)
  if (target === undefined) throw new ApiError(404, 'not-found', 'Not found', `no component named "${component}"`)
  const fed = new Set(feeds.filter((feed) => feed.componentId === target.id && feed.location === location).map((feed) => feed.checkId))
  const check = checks.find((row) => row.kind === 'heartbeat' && fed.has(row.id))
  if (check === undefined) throw new ApiError(404, 'no-heartbeat-check', 'Not found', `no heartbeat check feeds (${component}, ${location}); declare a kind: heartbeat check and feed it to the component`)
  return check
}

/** Whether a result of `checkId` started in [from, to) carries `key` (newest first, page by page). */
async function alreadyApplied(store: Store, checkId: string, key: string, from: number, to: number): Promise<boolean> {
  const PAGE = 1_000
  let before = to
  for (;;) {
    const page = await store.results.list(checkId, { before, limit: PAGE })
    for (const result of page) {
      if (result.startedAt < from) return false
      if (result.calls.some((call) => call.requestId === key)) return true
    }
    const oldest = page.at(-1)?.startedAt
    if (page.length < PAGE || oldest === undefined || oldest === before) return false
    before = oldest
  }
}

/**
 * Registers the beacon route. `replayWindowMs` (at each request) bounds `at` on both sides;
 * beacons are applied one at a time so that two copies of one beacon cannot both pass the
 * idempotency check.
 */
export function registerBeaconRoutes(app: OpenAPIHono, store: Store, clock: Clock, limit: MiddlewareHandler, replayWindowMs: () => number): void {
  let queue: Promise<unknown> = Promise.resolve()
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }
  app.openapi(beaconRoute(limit), (c) =>
    answeringProblems(c, async () => {
      const beacon = c.req.valid('json')
      const location = beacon.location ?? NO_LOCATION
      const at = Date.parse(beacon.at)
      const now = clock.now()
      const window = replayWindowMs()
      if (Math.abs(at - now) > window) {
        const side = at < now ? 'older' : 'newer'
        throw new ApiError(400, 'outside-replay-window', 'Bad request', `at: ${beacon.at} is ${formatDuration(Math.abs(at - now))} ${side} than the server clock; beacons must lie within ±${formatDuration(window)}`, [{ path: 'at', message: 'outside the replay window' }])
      }
      const check = await feedingHeartbeat(store, beacon.component, location)
      const key = `beacon ${beacon.id}`
      await oneAtATime(async () => {
        if (await alreadyApplied(store, check.id, key, now - window, now + window + 1)) {
          throw new ApiError(409, 'beacon-replayed', 'Conflict', `beacon "${beacon.id}" was already applied; it is not applied twice`)
        }
        const message = beacon.state === 'operational' ? beacon.message : `reported ${beacon.state}${beacon.message === undefined ? '' : `: ${beacon.message}`}`
        await store.results.insertBatch([{ checkId: check.id, result: pushedResult({ status: beacon.state === 'operational' ? 'up' : 'down', message, step: 'beacon', requestId: key }, at) }])
      })
      return c.json({ id: beacon.id, check: check.name, component: beacon.component, location, state: beacon.state, at: new Date(at).toISOString() }, 200)
    }),
  )
}
