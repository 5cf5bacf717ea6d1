/**
 * Router reuse (OSHM `-r N`): the loop keeps the router (and its external gateway) for N
 * iterations. The router's ledger row stays open while it is kept, so a crash leaves a record
 * and `glasshouse cleanup` deletes it; the pre-run cleanup of the next iteration leaves the kept
 * router alone. The iteration reads and updates one {@link RouterReuse} the loop owns.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import type { OpenStackSession } from '../../openstack/index.js'
import { deleteRouter } from '../../openstack/index.js'
import type { LedgerRepository } from '../../store/index.js'

/** A router an iteration left for the next one. */
export interface KeptRouter {
  id: string
  name: string
  /** Its ledger row (open while kept). */
  entryId: string
}

/** What the loop and its iterations share about the router. */
export interface RouterReuse {
  /** The router kept by an earlier iteration; null: the next iteration creates one. */
  kept: KeptRouter | null
  /** Keep this iteration's router after its teardown (false in the last iteration of each N, and on a stop). */
  keep: boolean
}

/**
 * Whether iteration `count` (1-based) keeps its router: not every `every`-th, not the last.
 *
 * @example
 * keepsRouter(1, 2, null) // true
 * keepsRouter(2, 2, null) // false
 * keepsRouter(3, 4, 3) // false (the last iteration)
 */
export function keepsRouter(count: number, every: number, last: number | null): boolean {
  return count % every !== 0 && count !== last
}

/**
 * Deletes a kept router and closes its ledger row (the loop ends while a router is kept: a stop
 * while pacing, exit on error). The router has no interfaces left: every iteration removes them.
 *
 * @example
 * if (reuse.kept) await releaseRouter(session, store.ledger, reuse)
 */
export async function releaseRouter(session: OpenStackSession, ledger: Pick<LedgerRepository, 'deleted'>, reuse: RouterReuse, clock: Clock): Promise<void> {
  const kept = reuse.kept
  if (!kept) return
  await deleteRouter(session, kept.id, { missingOk: true })
  await ledger.deleted(kept.entryId, clock.now())
  reuse.kept = null
}
