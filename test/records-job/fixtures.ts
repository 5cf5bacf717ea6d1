/**
 * Fixtures for the runner and records-job suites: a fake clock, a quiet logger, checks and
 * components in the store, and results at chosen instants.
 *
 * @module
 */
import type { Clock } from '../../src/core/index.js'
import type { ProbeResult } from '../../src/core/index.js'
import type { Store } from '../../src/store/index.js'
import { sampleResult } from '../store/harness.js'

/** A clock the test moves by hand. */
export interface FakeClock extends Clock {
  set(now: number): void
}

/**
 * A fake clock starting at `start`.
 *
 * @example
 * const clock = fakeClock(T0); clock.set(T0 + 1_000)
 */
export function fakeClock(start: number): FakeClock {
  let now = start
  return { now: () => now, monotonic: () => now, set: (next) => void (now = next) }
}

/** A logger that keeps what it was told, so a test can look. */
export function memoryLog(): { lines: { level: string; object: object; message?: string }[]; info: Log; warn: Log; error: Log } {
  const lines: { level: string; object: object; message?: string }[] = []
  const at = (level: string): Log => (object, message) => void lines.push({ level, object, ...(message === undefined ? {} : { message }) })
  return { lines, info: at('info'), warn: at('warn'), error: at('error') }
}
type Log = (object: object, message?: string) => void

/** One check of a component's location, as the fixtures declare it. */
export interface FixtureFeed {
  check: string
  intervalSeconds: number
  component: string
  location: string
}

/**
 * Syncs HTTP checks and components with their feeds; returns check ids by name.
 *
 * @example
 * const ids = await seed(store, [{ check: 'api', intervalSeconds: 10, component: 'compute', location: 'R1' }])
 */
export async function seed(store: Store, feeds: readonly FixtureFeed[], now = 0): Promise<Map<string, string>> {
  const checks = new Map(feeds.map((feed) => [feed.check, feed.intervalSeconds]))
  const rows = await store.checks.sync(
    [...checks].map(([name, seconds]) => ({
      name,
      kind: 'http',
      displayName: name,
      definition: { name, kind: 'http', url: 'http://127.0.0.1:9/', interval: `${seconds}s` },
    })),
    now,
  )
  const ids = new Map(rows.map((row) => [row.name, row.id]))
  const components = [...new Set(feeds.map((feed) => feed.component))]
  await store.components.sync(
    components.map((name) => ({
      name,
      displayName: name,
      feeds: feeds.filter((feed) => feed.component === name).map((feed) => ({ checkId: ids.get(feed.check)!, location: feed.location })),
    })),
    now,
  )
  return ids
}

/**
 * A passed (`ok`) or failed (connect refused) result starting at `at`, taking `durationMs`.
 *
 * @example
 * await store.results.insertBatch([{ checkId, result: outcome(T0, false) }])
 */
export function outcome(at: number, ok: boolean, durationMs = 20): ProbeResult {
  return sampleResult(at, {
    ok,
    durationMs,
    ...(ok ? {} : { failure: { code: 'connect', message: 'connection refused' } }),
  })
}
