/**
 * The fake's layer over the simulator: every request is recorded and may meet its operation's
 * fault (latency, an error status with Retry-After, a hang, garbage JSON, missing fields);
 * until `fakeServices` enables the stateful services only the fixture routes answer.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Context } from 'hono'
import type { Override } from '../../../src/openstack/simulator/index.js'
import { fixtureRoute } from './fixtures.js'
import { takeFault } from './state.js'
import type { FakeState } from './state.js'

/**
 * The simulator's request hook for `state`'s fake.
 *
 * @example
 * startSimulatedCloud({ hooks: { request: faultHook(() => state) } })
 */
export function faultHook(current: () => FakeState) {
  return async (operation: string, c: Context): Promise<Override | undefined> => {
    const state = current()
    const url = new URL(c.req.url)
    if (!state.servicesEnabled && !fixtureRoute(c.req.method, url.pathname)) return (answer) => answer.text('404 Not Found', 404)
    state.seen.push({ operation, method: c.req.method, path: url.pathname, microversion: c.req.header('openstack-api-version') ?? null, query: url.search })
    const fault = takeFault(state, operation)
    if (fault?.latencyMs) await sleep(fault.latencyMs)
    if (fault?.hang) await new Promise(() => {})
    const status = fault?.status
    if (status !== undefined) {
      return (answer) => {
        if (fault?.retryAfter !== undefined) answer.header('retry-after', fault.retryAfter)
        return answer.json({ error: { code: status, message: fault?.message ?? 'fake fault' } }, status as 500)
      }
    }
    if (fault?.garbage) return (answer) => answer.body('{"truncated": [', 200, { 'content-type': 'application/json' })
    if (fault?.missingFields) return (answer) => answer.json({}, 200)
    return undefined
  }
}
