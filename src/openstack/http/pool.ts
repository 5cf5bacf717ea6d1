/**
 * The connections of one iteration. Each origin gets undici agents of one connection each; a
 * call takes an idle one or opens a new one, so connections are reused within the iteration,
 * calls never queue behind each other (queueing would be measured as API time), and the first
 * call to every host in each iteration opens a fresh connection whose dns, connect and tls
 * phases are recorded.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import type { ConnectionOptions } from 'node:tls'
import { Agent } from 'undici'
import type { Clock } from '../../core/clock.js'
import { timedConnector } from '../../probes/http/index.js'
import type { RunAgent } from '../../probes/http/index.js'

/** TLS settings of a cloud (clouds.yaml `verify`, `cacert`, `cert`, `key`). */
export interface PoolTls {
  verify: boolean
  cacert?: string
  cert?: string
  key?: string
}

/** How the pool opens connections. */
export interface PoolSettings {
  clock: Clock
  tls: PoolTls
  /** Deadline of a connection attempt (dns + connect + tls). */
  connectTimeoutMs: number
  /** How long an idle connection may wait for the next call of the iteration. */
  keepAliveMs?: number
}

interface Slot {
  run: RunAgent
  busy: boolean
}

/** The connections of one iteration; {@link ConnectionPool.close} ends them all. */
export class ConnectionPool {
  readonly #settings: PoolSettings
  readonly #slots = new Map<string, Slot[]>()
  #tls: Promise<ConnectionOptions> | null = null
  #closed = false

  /**
   * @example
   * const pool = new ConnectionPool({ clock, tls: { verify: true }, connectTimeoutMs: 10000 })
   */
  constructor(settings: PoolSettings) {
    this.#settings = settings
  }

  /**
   * Takes an idle agent for `origin` or opens a new one; give it back with `release`.
   *
   * @example
   * const run = await pool.acquire(url.origin)
   * try { await exchange(request, { run, … }) } finally { pool.release(url.origin, run) }
   */
  async acquire(origin: string): Promise<RunAgent> {
    if (this.#closed) throw new Error('the iteration is closed')
    const slots = this.#slots.get(origin) ?? []
    this.#slots.set(origin, slots)
    const idle = slots.find((slot) => !slot.busy)
    if (idle) {
      idle.busy = true
      return idle.run
    }
    const slot: Slot = { run: await this.#open(), busy: true }
    slots.push(slot)
    return slot.run
  }

  /** Marks the agent idle again, ready for the next call to the same origin. */
  release(origin: string, run: RunAgent): void {
    const slot = this.#slots.get(origin)?.find((candidate) => candidate.run === run)
    if (slot) slot.busy = false
  }

  /** Closes every connection of the iteration. */
  async close(): Promise<void> {
    this.#closed = true
    const runs = [...this.#slots.values()].flat().map((slot) => slot.run)
    this.#slots.clear()
    await Promise.all(runs.map((run) => run.release()))
  }

  async #open(): Promise<RunAgent> {
    const { clock, tls, connectTimeoutMs } = this.#settings
    this.#tls ??= tlsMaterial(tls)
    const connector = timedConnector({
      clock,
      signal: null,
      timeoutMs: connectTimeoutMs,
      tls: await this.#tls,
      serverName: undefined,
      insecureSkipVerify: !tls.verify,
    })
    // One connection per agent keeps undici's request creation synchronous, which the
    // diagnostics-channel timing relies on.
    const agent = new Agent({
      connect: connector.connect,
      connections: 1,
      pipelining: 1,
      keepAliveTimeout: this.#settings.keepAliveMs ?? 30_000,
    })
    return { agent, connector, fresh: true, release: () => agent.destroy().catch(() => undefined) }
  }
}

async function tlsMaterial(tls: PoolTls): Promise<ConnectionOptions> {
  const [ca, cert, key] = await Promise.all([
    tls.cacert === undefined ? undefined : readFile(tls.cacert),
    tls.cert === undefined ? undefined : readFile(tls.cert),
    tls.key === undefined ? undefined : readFile(tls.key),
  ])
  // Like requests' `verify=<bundle>`: a cacert replaces the trust store.
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) }
}
