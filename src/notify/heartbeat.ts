/**
 * The dead-man's switch: a GET to an external URL every minute from a tiny loop of its own (not
 * the outbox: a backlog must not delay it, and a missed beat is never worth a retry later). When
 * Glasshouse stops, the beats stop, and the external service pages someone.
 *
 * @module
 */
import { request } from 'undici'
import type { Clock } from '../core/index.js'
import { createPeriodicJob } from '../scheduler/index.js'
import { redactSecrets, urlSecretsOf } from './secrets.js'

/** What {@link createHeartbeat} needs. */
export interface HeartbeatOptions {
  url: string
  everyMs: number
  timeoutMs: number
  clock: Clock
  log: { warn(object: object, message?: string): void }
  /** Called after each acknowledged beat with its instant (epoch ms). */
  onBeat?(at: number): void
}

/** The running heartbeat. */
export interface Heartbeat {
  /** Beats now; resolves to whether the URL answered 2xx. */
  beat(): Promise<boolean>
  start(): void
  stop(): Promise<void>
}

/**
 * Creates the heartbeat loop.
 *
 * @example
 * const heartbeat = createHeartbeat({ url: 'https://hc-ping.com/…', everyMs: 60_000, timeoutMs: 10_000, clock, log })
 * heartbeat.start()
 */
export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const secrets = urlSecretsOf(options.url)
  async function beat(): Promise<boolean> {
    try {
      const response = await request(options.url, { method: 'GET', signal: AbortSignal.timeout(options.timeoutMs), headers: { 'user-agent': 'glasshouse-heartbeat' } })
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined)
      if (response.statusCode >= 200 && response.statusCode < 300) {
        options.onBeat?.(options.clock.now())
        return true
      }
      options.log.warn({ status: response.statusCode }, 'heartbeat not acknowledged')
    } catch (error) {
      options.log.warn({ reason: redactSecrets(error instanceof Error ? error.message : String(error), secrets) }, 'heartbeat failed')
    }
    return false
  }
  const job = createPeriodicJob(beat, options.everyMs, () => undefined)
  return { beat: () => job.runNow(), start: () => job.start(), stop: () => job.stop() }
}
