/**
 * Deletes the targets of one stage: each delete call retried while the resource is in a state
 * that refuses it (409, or a volume still `creating`), then the asynchronous deletions waited
 * for with one list call per poll.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { OpenStackError } from '../../openstack/index.js'
import type { OpenStackSession } from '../../openstack/index.js'
import type { Sleep } from '../sleep.js'
import { ResourcePoller } from '../waits/index.js'
import type { GoneSpec } from './kind-ops.js'
import { OPS } from './ops.js'
import type { Target } from './targets.js'

/** How a stage deletes and waits. */
export interface StageSettings {
  /** Per resource: how long a deletion may be refused and then take; default 300 s. */
  waitTimeoutMs: number
  /** Between polls of an asynchronous deletion; default 1 s. */
  pollIntervalMs: number
  /** Before retrying a refused deletion; default 2 s. */
  retryDelayMs: number
  /** In flight at once; default 4. */
  concurrency: number
  clock: Clock
  sleep: Sleep
  signal: AbortSignal
}

/** How one target ended: `deleted`, `absent` (already gone), or `failed` with a reason. */
export interface Removal {
  outcome: 'deleted' | 'absent' | 'failed'
  reason: string | null
}

/** Codes of a deletion refused for the resource's state, worth retrying after a pause. */
const REFUSED = new Set(['conflict', 'http_4xx'])

/**
 * Deletes every target (all of kinds this stage holds, each with an id and a delete operation)
 * and waits for the asynchronous ones; returns each target's removal.
 *
 * @example
 * const removals = await deleteStage(session, serverTargets, settings)
 */
export async function deleteStage(session: OpenStackSession, targets: readonly Target[], settings: StageSettings): Promise<Map<Target, Removal>> {
  const removals = new Map<Target, Removal>()
  const requested: Array<{ target: Target; at: number }> = []
  await inPool(targets, settings.concurrency, async (target) => {
    const at = settings.clock.now()
    const outcome = await removeRetrying(session, target, settings)
    if (outcome === true) requested.push({ target, at })
    else removals.set(target, outcome === false ? { outcome: 'absent', reason: 'already gone' } : { outcome: 'failed', reason: outcome })
  })
  const pollers = new Map<GoneSpec, ResourcePoller<{ id: string; status: string }>>()
  await Promise.all(
    requested.map(async ({ target, at }) => {
      const gone = OPS[target.kind]?.gone
      if (!gone) return removals.set(target, { outcome: 'deleted', reason: null })
      let poller = pollers.get(gone)
      if (!poller) pollers.set(gone, (poller = goneWatcher(session, target.kind, gone, settings)))
      const record = await poller.wait(target.id as string, at)
      removals.set(target, record.ok ? { outcome: 'deleted', reason: null } : { outcome: 'failed', reason: record.reason ?? record.outcome })
    }),
  )
  return removals
}

/** true: deletion requested; false: already gone; a string: why it failed. */
async function removeRetrying(session: OpenStackSession, target: Target, settings: StageSettings): Promise<boolean | string> {
  const remove = OPS[target.kind]?.remove
  if (!remove || target.id === null) return 'no way to delete it by itself'
  const deadline = settings.clock.monotonic() + settings.waitTimeoutMs
  for (;;) {
    try {
      return await remove(session, { id: target.id, ...(target.detail ? { detail: target.detail } : {}) })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const refused = error instanceof OpenStackError && REFUSED.has(error.code)
      if (!refused || settings.signal.aborted || settings.clock.monotonic() + settings.retryDelayMs > deadline) return message
      await settings.sleep(settings.retryDelayMs, settings.signal)
    }
  }
}

function goneWatcher(session: OpenStackSession, kind: string, gone: GoneSpec, settings: StageSettings): ResourcePoller<{ id: string; status: string }> {
  return new ResourcePoller({
    kind,
    mode: 'delete',
    list: () => gone.list(session),
    idOf: (resource) => resource.id,
    statusOf: (resource) => resource.status,
    observe: (resource) => (gone.done(resource.status) ? 'done' : gone.failed(resource.status) ? 'failed' : 'pending'),
    timeoutMs: settings.waitTimeoutMs,
    intervalMs: settings.pollIntervalMs,
    clock: settings.clock,
    sleep: settings.sleep,
    signal: settings.signal,
  })
}

/** Runs `work` for every item, at most `limit` at once. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
}
