/**
 * Self-monitoring of outgoing messages on `/metrics`: the outbox backlog and the age of its oldest
 * message, dead letters, sends per receiver, and the last acknowledged heartbeat.
 *
 * @module
 */
import { Counter, Gauge, type Registry, type RegistryContentType } from 'prom-client'
import type { Clock } from '../core/index.js'
import type { Store } from '../store/index.js'

/** What the notify loops report. */
export interface NotifyMetrics {
  countSent(receiver: string): void
  countFailed(receiver: string): void
  heartbeatAt(at: number): void
}

/**
 * Registers the gauges (read from the store at scrape time, so every instance on one store shows
 * the same backlog) and counters on `registers`.
 *
 * @example
 * const notifyMetrics = registerNotifyMetrics(metrics.registers, store, clock)
 */
export function registerNotifyMetrics(registers: readonly Registry<RegistryContentType>[], store: Store, clock: Clock): NotifyMetrics {
  const stats = () => store.outbox.stats()
  let pending: Promise<Awaited<ReturnType<typeof stats>>> | null = null
  // One query per scrape serves the three gauges.
  const read = () => (pending ??= stats().finally(() => setTimeout(() => (pending = null), 0).unref()))
  const list = [...registers] as Registry[]
  new Gauge({
    name: 'glasshouse_outbox_backlog_messages',
    help: 'Outgoing messages not yet acknowledged by their receiver (retries included).',
    registers: list,
    async collect() {
      this.set((await read()).pending)
    },
  })
  new Gauge({
    name: 'glasshouse_outbox_oldest_age_seconds',
    help: 'Age of the oldest message not yet acknowledged (0 when none is waiting).',
    registers: list,
    async collect() {
      const oldest = (await read()).oldestPendingAt
      this.set(oldest === null ? 0 : Math.max(0, clock.now() - oldest) / 1000)
    },
  })
  new Gauge({
    name: 'glasshouse_outbox_dead_letters',
    help: 'Outgoing messages given up on after their retries ran out.',
    registers: list,
    async collect() {
      this.set((await read()).dead)
    },
  })
  const sent = new Counter({ name: 'glasshouse_outbox_sent_total', help: 'Messages a receiver acknowledged.', labelNames: ['receiver'], registers: list })
  const failed = new Counter({ name: 'glasshouse_outbox_send_failures_total', help: 'Sends that were not acknowledged (each attempt).', labelNames: ['receiver'], registers: list })
  const heartbeat = new Gauge({ name: 'glasshouse_heartbeat_last_success_timestamp_seconds', help: 'When the dead-man’s switch last acknowledged a heartbeat.', registers: list })
  return {
    countSent: (receiver) => sent.inc({ receiver }),
    countFailed: (receiver) => failed.inc({ receiver }),
    heartbeatAt: (at) => heartbeat.set(at / 1000),
  }
}
