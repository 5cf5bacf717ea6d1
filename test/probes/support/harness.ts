/**
 * Shared pieces of the probe suites: a silent logger, check builders, free ports, servers
 * that close cleanly, and a tripwire that fails the suite on any unhandled rejection.
 *
 * @module
 */
import type { Server } from 'node:net'
import { after } from 'node:test'
import assert from 'node:assert/strict'
import { CheckSchema } from '../../../src/config/check-schema.js'
import type { Check } from '../../../src/config/check-schema.js'
import { systemClock } from '../../../src/core/clock.js'
import type { ProbeResult } from '../../../src/core/result.js'
import { ProbeResultSchema } from '../../../src/core/result.js'
import { runCheck } from '../../../src/probes/index.js'

/** A logger that drops everything. */
export const quietLog = { debug: () => {}, info: () => {}, warn: () => {} }

/** Builds a validated check from config-shaped input (durations as strings). */
export function makeCheck(input: Record<string, unknown>): Check {
  return CheckSchema.parse({ name: 'probe-test', timeout: '3s', ...input })
}

/** Runs a check with the real clock and asserts the result's shape and `ok` rule. */
export async function run(input: Record<string, unknown>, signal?: AbortSignal): Promise<ProbeResult> {
  const result = await runCheck(makeCheck(input), { clock: systemClock, log: quietLog, ...(signal ? { signal } : {}) })
  ProbeResultSchema.parse(result)
  assert.equal(result.ok, result.failure === null)
  return result
}

const cleanups: Array<() => void> = []

/** Starts listening on a free loopback port; {@link setupProbeSuite} closes it at the end. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => {
    ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
    server.close()
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/**
 * Call once at the top of a suite file: closes every server started with {@link listen} (and
 * any other registered cleanup) at the end, and fails the file if any promise rejection went
 * unhandled while it ran.
 */
export function setupProbeSuite(): void {
  const seen: unknown[] = []
  const onRejection = (reason: unknown): void => {
    seen.push(reason)
  }
  process.on('unhandledRejection', onRejection)
  after(() => {
    for (const cleanup of cleanups.splice(0)) cleanup()
    process.off('unhandledRejection', onRejection)
    assert.deepEqual(seen, [], 'unhandled promise rejections happened')
  })
}

/** Registers something to undo when the suite ends. */
export function onSuiteEnd(cleanup: () => void): void {
  cleanups.push(cleanup)
}

export { freePort as closedPort } from '../../support/ports.js'
