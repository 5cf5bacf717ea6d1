/**
 * The undici Agent an http run uses: a fresh one per run (so every run measures dns, connect
 * and tls), or with `keepAlive: true` one shared per check (reused connections, no phases).
 *
 * @module
 */
import { Agent } from 'undici'
import type { HttpCheck } from '../../config/check-schema.js'
import type { Clock } from '../../core/clock.js'
import { loadTlsMaterial } from '../tls-options.js'
import { timedConnector } from './connector.js'
import type { TimedConnector } from './connector.js'

/** The dispatcher of one run and how to let go of it. */
export interface RunAgent {
  agent: Agent
  connector: TimedConnector
  /** True when the agent belongs to this run alone. */
  fresh: boolean
  release(): Promise<void>
}

const shared = new Map<string, { agent: Agent; connector: TimedConnector }>()

/**
 * Returns the agent for a run of `check`.
 *
 * @example
 * const run = await agentFor(check, clock, signal)
 * try { … } finally { await run.release() }
 */
export async function agentFor(check: HttpCheck, clock: Clock, signal: AbortSignal): Promise<RunAgent> {
  const key = JSON.stringify([check.name, check.tls, check.timeout])
  const existing = check.keepAlive ? shared.get(key) : undefined
  if (existing) return { ...existing, fresh: false, release: async () => {} }
  const connector = timedConnector({
    clock,
    signal: check.keepAlive ? null : signal,
    timeoutMs: check.timeout,
    tls: await loadTlsMaterial(check.tls),
    serverName: check.tls.serverName,
    insecureSkipVerify: check.tls.insecureSkipVerify,
  })
  // One connection per origin: requests queue on it instead of racing its release and opening
  // a second one, so keep-alive really reuses and every request is created synchronously.
  const agent = new Agent({ connect: connector.connect, connections: 1, pipelining: 1, keepAliveTimeout: check.keepAlive ? 30_000 : 1 })
  if (check.keepAlive) {
    shared.set(key, { agent, connector })
    return { agent, connector, fresh: false, release: async () => {} }
  }
  return { agent, connector, fresh: true, release: () => agent.destroy().catch(() => undefined) }
}

/**
 * Closes every shared keep-alive agent (at shutdown).
 *
 * @example
 * await closeSharedAgents()
 */
export async function closeSharedAgents(): Promise<void> {
  const agents = [...shared.values()].map((entry) => entry.agent)
  shared.clear()
  await Promise.all(agents.map((agent) => agent.destroy().catch(() => undefined)))
}
