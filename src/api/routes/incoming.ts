/**
 * Incoming machine reports (scope `reporter`): heartbeats and health beacons, sharing one
 * per-token rate limit.
 *
 * @module
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Clock } from '../../core/index.js'
import type { Store } from '../../store/index.js'
import { registerBeaconRoutes } from './beacons.js'
import { registerHeartbeatRoutes } from './heartbeats.js'
import { DEFAULT_INCOMING_RATE_LIMIT, incomingRateLimit, type IncomingRateLimit } from './incoming-limit.js'

/** The settings of incoming reports, read at each request (config `incoming:`). */
export interface IncomingSettings {
  rateLimit: IncomingRateLimit
  /** How far a beacon's `at` may lie from the server clock, either way. */
  replayWindowMs: number
}

/** The defaults: 60 reports a minute per token (bursts of 20), a ±5 min replay window. */
export const DEFAULT_INCOMING: IncomingSettings = { rateLimit: DEFAULT_INCOMING_RATE_LIMIT, replayWindowMs: 5 * 60_000 }

/**
 * Registers `POST /heartbeats/{check}` and `POST /beacons`.
 *
 * @example
 * registerIncomingRoutes(app, store, systemClock, () => DEFAULT_INCOMING)
 */
export function registerIncomingRoutes(app: OpenAPIHono, store: Store, clock: Clock, settings: () => IncomingSettings = () => DEFAULT_INCOMING): void {
  const limit = incomingRateLimit(() => settings().rateLimit, clock)
  registerHeartbeatRoutes(app, store, clock, limit)
  registerBeaconRoutes(app, store, clock, limit, () => settings().replayWindowMs)
}
