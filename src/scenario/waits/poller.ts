/**
 * Waits for many resources of one kind with one list call per poll (servers until ACTIVE or
 * ERROR, volumes until available, anything until gone), as OSHM does, but on a 1 s cadence so
 * creation, boot and deletion times have about 1 s resolution instead of 3 s.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { systemClock } from '../../core/clock.js'
import { systemSleep } from '../sleep.js'
import type { Sleep } from '../sleep.js'
import { settleTarget, type Target, type WaitOutcome, type WaitRecord } from './wait-record.js'

/** What a resource's state means to the wait: still `pending`, `done` (the wanted state), or `failed` (ERROR). */
export type Observation = 'pending' | 'done' | 'failed'

/** One kind of resource to wait for and how to see it. */
export interface PollerSpec<R> {
  /** For the records: `server`, `volume`, `loadbalancer`. */
  kind: string
  /** `create`: until done or failed (vanishing fails); `delete`: until gone (or `done`, e.g. `DELETED`). */
  mode: 'create' | 'delete'
  /** The one list call of a poll; should return every resource waited for (filter by prefix). */
  list(signal: AbortSignal): Promise<readonly R[]>
  idOf(resource: R): string
  observe(resource: R): Observation
  /** The status text recorded (`ACTIVE`, `error_deleting`); default none. */
  statusOf?(resource: R): string
  /** Per resource, from its request; the kind's timeout (server boot, volume, LB differ). */
  timeoutMs: number
  /** Poll start to poll start; default 1 000 ms. */
  intervalMs?: number
  /** Consecutive failed list calls before giving up; default 6, on deletion 24 (OSHM). */
  maxListErrors?: number
  /** How long a failed list asks to wait (429/503 `Retry-After`); default the error's `retryAfterMs`. */
  retryAfterMs?(error: unknown): number | null
  clock?: Clock
  sleep?: Sleep
  /** Aborts every wait (`aborted`). */
  signal?: AbortSignal
}

/**
 * A poller shared by every step waiting for one kind: each `wait` joins the next poll, so twelve
 * servers cost one `GET /servers/detail` per second, not twelve.
 *
 * @example
 * const servers = new ResourcePoller({ kind: 'server', mode: 'create', timeoutMs: 300_000,
 *   list: () => listServers(session, { name: `^${prefix}` }), idOf: (s) => s.id, statusOf: (s) => s.status,
 *   observe: (s) => (s.status === 'ACTIVE' ? 'done' : s.status === 'ERROR' ? 'failed' : 'pending') })
 * const requestedAt = Date.now()
 * const { id } = await createServer(session, body)
 * const boot = await servers.wait(id, requestedAt) // { outcome: 'reached', elapsedMs: 31_204, … }
 */
export class ResourcePoller<R> {
  readonly #spec: PollerSpec<R>
  readonly #clock: Clock
  readonly #sleep: Sleep
  readonly #signal: AbortSignal
  readonly #pending = new Map<string, Target>()
  #running = false
  #listCalls = 0

  constructor(spec: PollerSpec<R>) {
    this.#spec = spec
    this.#clock = spec.clock ?? systemClock
    this.#sleep = spec.sleep ?? systemSleep
    this.#signal = spec.signal ?? new AbortController().signal
  }

  /** List calls made so far (one per poll). */
  get listCalls(): number {
    return this.#listCalls
  }

  /**
   * Waits for one resource, whose create (or delete) request was sent at `requestedAt` (epoch
   * ms; default now). Never rejects: the record says how it ended.
   */
  wait(id: string, requestedAt: number = this.#clock.now()): Promise<WaitRecord> {
    const existing = this.#pending.get(id)
    if (existing) return existing.done
    let settle!: (record: WaitRecord) => void
    const done = new Promise<WaitRecord>((resolve) => (settle = resolve))
    const sinceRequest = Math.max(0, this.#clock.now() - requestedAt)
    const requestedMono = this.#clock.monotonic() - sinceRequest
    this.#pending.set(id, { id, requestedAt, requestedMono, addedMono: this.#clock.monotonic(), lastPendingMono: requestedMono, polls: 0, status: null, done, settle })
    if (!this.#running) void this.#loop()
    return done
  }

  /** Waits for all of `ids`, requested at `requestedAt`; records in the order of `ids`. */
  waitAll(ids: readonly string[], requestedAt?: number): Promise<WaitRecord[]> {
    return Promise.all(ids.map((id) => this.wait(id, requestedAt)))
  }

  async #loop(): Promise<void> {
    this.#running = true
    const spec = this.#spec
    const interval = spec.intervalMs ?? 1_000
    const maxErrors = spec.maxListErrors ?? (spec.mode === 'delete' ? 24 : 6)
    let errors = 0
    let lastStart = this.#clock.monotonic()
    let holdUntil = 0
    try {
      while (this.#pending.size > 0) {
        const now = this.#clock.monotonic()
        await this.#sleep(Math.max(lastStart + interval, holdUntil) - now, this.#signal)
        if (this.#signal.aborted) return this.#endAll('aborted', 'the wait was aborted')
        this.#expire()
        if (this.#pending.size === 0) break
        lastStart = this.#clock.monotonic()
        const included = [...this.#pending.values()].filter((target) => target.addedMono <= lastStart)
        let resources: readonly R[]
        try {
          this.#listCalls++
          resources = await spec.list(this.#signal)
        } catch (error) {
          if (this.#signal.aborted) return this.#endAll('aborted', 'the wait was aborted')
          errors++
          const message = error instanceof Error ? error.message : String(error)
          if (errors >= maxErrors) return this.#endAll('list_errors', `${errors} list calls in a row failed; last: ${message}`)
          holdUntil = this.#clock.monotonic() + Math.max(0, (spec.retryAfterMs ?? defaultRetryAfter)(error) ?? 0)
          continue
        }
        errors = 0
        holdUntil = 0
        this.#observe(included, resources, lastStart)
        this.#expire()
      }
    } catch (error) {
      this.#endAll('failed', `the wait broke: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      this.#running = false
      if (this.#pending.size > 0) void this.#loop()
    }
  }

  #observe(included: readonly Target[], resources: readonly R[], pollStart: number): void {
    const spec = this.#spec
    const byId = new Map(resources.map((resource) => [spec.idOf(resource), resource]))
    for (const target of included) {
      target.polls++
      const resource = byId.get(target.id)
      const seen = resource === undefined ? 'gone' : spec.observe(resource)
      if (resource !== undefined) target.status = spec.statusOf?.(resource) ?? null
      if (spec.mode === 'create') {
        if (seen === 'done') this.#end(target, 'reached', null)
        else if (seen === 'failed') this.#end(target, 'failed', `the ${spec.kind} reached ${target.status ?? 'an error state'}`)
        else if (seen === 'gone') this.#end(target, 'gone', `the ${spec.kind} vanished while it was being created`)
        else target.lastPendingMono = pollStart
      } else if (seen === 'gone' || seen === 'done') this.#end(target, 'reached', null)
      else if (seen === 'failed') this.#end(target, 'failed', `the ${spec.kind} reached ${target.status ?? 'an error state'} while being deleted`)
      else target.lastPendingMono = pollStart
    }
  }

  #expire(): void {
    const now = this.#clock.monotonic()
    for (const target of [...this.#pending.values()]) {
      if (now - target.requestedMono >= this.#spec.timeoutMs) this.#end(target, 'timeout', `the ${this.#spec.kind} did not get there within ${this.#spec.timeoutMs} ms`)
    }
  }

  #endAll(outcome: WaitOutcome, reason: string): void {
    for (const target of [...this.#pending.values()]) this.#end(target, outcome, reason)
  }

  #end(target: Target, outcome: WaitOutcome, reason: string | null): void {
    this.#pending.delete(target.id)
    target.settle(settleTarget(target, this.#spec, outcome, reason, this.#clock))
  }
}

function defaultRetryAfter(error: unknown): number | null {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}
