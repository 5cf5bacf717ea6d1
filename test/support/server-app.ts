/**
 * The server app as `glasshouse serve` builds it, over a test store: a status reader on the
 * system clock (or the one given), fresh metrics, a test title and version, errors dropped.
 * Any dependency can be replaced.
 *
 * @module
 */
import { systemClock } from '../../src/core/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { createServerApp, type ServerDeps } from '../../src/server/index.js'
import { createStatusReader } from '../../src/status/index.js'
import type { Store } from '../../src/store/index.js'

/**
 * Builds the app.
 *
 * @example
 * const app = testServerApp(store, { scs: ScsSchema.parse({ prefix: '/status-api' }) })
 */
export function testServerApp(store: Store, overrides: Partial<ServerDeps> = {}): ReturnType<typeof createServerApp> {
  return createServerApp({
    store,
    status: createStatusReader({ store, clock: systemClock }),
    metrics: createMetrics(),
    title: 'Test cloud',
    version: '0.0.0-test',
    log: { error: () => undefined },
    ...overrides,
  })
}
