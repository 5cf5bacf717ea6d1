/**
 * Shared pieces of the OpenStack client suites: a client with short retry pauses and a logger
 * that keeps every line it was given.
 *
 * @module
 */
import { systemClock } from '../../src/core/clock.js'
import { OpenStackClient } from '../../src/openstack/index.js'
import type { OpenStackClientOptions, ResolvedCloud } from '../../src/openstack/index.js'
import type { ProbeLogger } from '../../src/probes/index.js'

/** A logger that records every line as JSON text. */
export interface CapturingLogger extends ProbeLogger {
  lines: string[]
}

/**
 * A logger for tests that keeps what it was asked to log.
 *
 * @example
 * const log = capturingLogger(); …; assert.ok(!log.lines.join('\n').includes(secret))
 */
export function capturingLogger(): CapturingLogger {
  const lines: string[] = []
  const keep = (level: string) => (obj: object, msg?: string) => void lines.push(JSON.stringify({ level, ...obj, msg }))
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn') }
}

/**
 * A client whose retries pause only milliseconds, so fault tests stay fast.
 *
 * @example
 * const client = fastClient(fake.cloud())
 */
export function fastClient(cloud: ResolvedCloud, options: Partial<OpenStackClientOptions> = {}): OpenStackClient {
  return new OpenStackClient({
    cloud,
    clock: systemClock,
    retry: { backoffMs: [10, 20], conflictDelayMs: 10, maxRetryAfterMs: 2_000 },
    ...options,
  })
}

export { freePort as closedPort } from '../support/ports.js'
