/**
 * The outbox worker: its own loop (never the scheduler's), taking due messages, sending each with
 * a timeout, marking it sent only after the receiver acknowledged, retrying with exponential
 * backoff and jitter, and keeping it as a dead letter once the attempts ran out.
 *
 * @module
 */
import type { Clock } from '../core/index.js'
import { createPeriodicJob } from '../scheduler/index.js'
import type { OutboxMessage, Store } from '../store/index.js'
import type { Sender } from './receivers.js'

/** Retry settings (the `alerts.delivery` section). */
export interface DeliverySettings {
  timeout: number
  maxAttempts: number
  backoff: number
  maxBackoff: number
}

/** The part of a logger the worker needs (pino fits). */
export interface WorkerLog {
  info(object: object, message?: string): void
  warn(object: object, message?: string): void
  error(object: object, message?: string): void
}

/** The part of a {@link Sender} the worker uses. */
export type MessageSender = Pick<Sender, 'send'>

/** What one pass did. */
export interface DeliveryPass {
  sent: number
  retried: number
  dead: number
}

/** Hooks for self-monitoring. */
export interface DeliveryEvents {
  onSent?(receiver: string): void
  onFailed?(receiver: string): void
}

/** What {@link createOutboxWorker} needs. */
export interface OutboxWorkerOptions extends DeliveryEvents {
  store: Store
  clock: Clock
  log: WorkerLog
  /** Senders by receiver name; a message for a receiver not here becomes a dead letter. */
  senders: ReadonlyMap<string, Sender>
  /**
   * Senders of receivers that are not configured but made at run time (`subscriber:<id>`), asked
   * when `senders` has none; undefined leaves the message a dead letter.
   */
  resolve?: (receiver: string) => MessageSender | undefined
  delivery: DeliverySettings
  /** Poll interval of the loop; default 1 s. */
  everyMs?: number
  /** Messages taken per pass (sent concurrently); default 20. */
  batch?: number
  /** [0, 1) source of jitter; default Math.random. */
  random?: () => number
}

/** The running worker. */
export interface OutboxWorker {
  /** Runs a pass now (after a running one). */
  drain(): Promise<DeliveryPass>
  start(): void
  stop(): Promise<void>
  /** Replaces senders and settings from the next pass on (a config reload). */
  configure(senders: ReadonlyMap<string, Sender>, delivery: DeliverySettings): void
}

/**
 * The delay before retry number `attempt` (1 = after the first failed send): `backoff · 2^(attempt−1)`
 * capped at `maxBackoff`, then a random point in its upper half (equal jitter), so receivers that
 * come back are not hit by every sender at once.
 *
 * @example
 * retryDelay(3, { backoff: 5000, maxBackoff: 900000 }, () => 0.5) // 15000
 */
export function retryDelay(attempt: number, settings: Pick<DeliverySettings, 'backoff' | 'maxBackoff'>, random: () => number): number {
  const full = Math.min(settings.maxBackoff, settings.backoff * 2 ** Math.max(0, attempt - 1))
  return Math.round(full / 2 + (full / 2) * random())
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no acknowledgement within ${ms} ms`)), ms)
  })
  return Promise.race([work, limit]).finally(() => clearTimeout(timer))
}

/**
 * Creates the worker.
 *
 * @example
 * const worker = createOutboxWorker({ store, clock, log, senders, delivery: config.alerts.delivery })
 * worker.start()
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, clock, log } = options
  const random = options.random ?? Math.random
  let senders = options.senders
  let delivery = options.delivery

  async function deliver(message: OutboxMessage, pass: DeliveryPass): Promise<void> {
    const sender = senders.get(message.receiver) ?? options.resolve?.(message.receiver)
    // Resolved receivers (`subscriber:<id>`) count under their prefix: one metric series, not one per subscriber.
    const counted = senders.has(message.receiver) ? message.receiver : message.receiver.replace(/:.*$/, '')
    if (sender === undefined) {
      await store.outbox.markDead(message.id, `no receiver named "${message.receiver}" is configured`)
      pass.dead += 1
      return
    }
    try {
      // The sender has its own timeouts; this one holds even if a library ignores them.
      await withTimeout(sender.send(message, delivery.timeout, clock.now()), delivery.timeout + 1_000)
      await store.outbox.markSent(message.id, clock.now())
      pass.sent += 1
      options.onSent?.(counted)
    } catch (error) {
      options.onFailed?.(counted)
      const reason = error instanceof Error ? error.message : String(error)
      if (message.attempts >= delivery.maxAttempts) {
        await store.outbox.markDead(message.id, reason)
        pass.dead += 1
        log.error({ id: message.id, receiver: message.receiver, attempts: message.attempts, reason }, 'outbox message is a dead letter')
        return
      }
      const at = clock.now() + retryDelay(message.attempts, delivery, random)
      await store.outbox.retryAt(message.id, at, reason)
      pass.retried += 1
      log.warn({ id: message.id, receiver: message.receiver, attempts: message.attempts, retryAt: new Date(at).toISOString(), reason }, 'outbox send failed; retrying')
    }
  }

  async function drain(): Promise<DeliveryPass> {
    const pass: DeliveryPass = { sent: 0, retried: 0, dead: 0 }
    const leaseMs = 2 * delivery.timeout + 5_000
    const due = await store.outbox.claimDue(clock.now(), options.batch ?? 20, leaseMs)
    await Promise.all(due.map((message) => deliver(message, pass)))
    return pass
  }

  const job = createPeriodicJob(drain, options.everyMs ?? 1_000, (error) => log.error({ err: error }, 'outbox pass failed; retrying'))
  return {
    drain: () => job.runNow(),
    start: () => job.start(),
    stop: () => job.stop(),
    configure(nextSenders, nextDelivery) {
      senders = nextSenders
      delivery = nextDelivery
    },
  }
}
