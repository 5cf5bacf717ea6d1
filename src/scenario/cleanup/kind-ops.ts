/**
 * The shape of one kind's cleanup operations (find by exact name, delete by id, see an
 * asynchronous deletion finish) and the helpers the operations share.
 *
 * @module
 */
import { OpenStackError } from '../../openstack/index.js'
import type { OpenStackSession } from '../../openstack/index.js'

/** A resource as a search finds it. */
export interface Found {
  id: string
  name: string
}

/** What a deletion gets: the id and the ledger row's `detail`. */
export interface RemoveTarget {
  id: string
  detail?: Record<string, unknown>
}

/** How to see an asynchronous deletion finish: one list call per poll for every resource of the kind. */
export interface GoneSpec {
  list(session: OpenStackSession): Promise<ReadonlyArray<{ id: string; status: string }>>
  /** A status that means the deletion failed (`error_deleting`). */
  failed(status: string): boolean
  /** A status that means gone although still listed (`DELETED`). */
  done(status: string): boolean
}

/** One kind's operations; a kind without `remove` is settled with its parent. */
export interface KindOps {
  /** Resources named exactly `name`. */
  find?(session: OpenStackSession, name: string): Promise<Found[]>
  /** Deletes (or starts deleting); false when it was already gone. */
  remove?(session: OpenStackSession, target: RemoveTarget): Promise<boolean>
  gone?: GoneSpec
}

/**
 * Runs `call`, turning a 404 into `false` (already gone).
 *
 * @example
 * await unlessMissing(() => removeRouterInterface(session, routerId, subnetId))
 */
export async function unlessMissing(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call()
    return true
  } catch (error) {
    if (error instanceof OpenStackError && error.code === 'not_found') return false
    throw error
  }
}

/**
 * A string field of a ledger row's `detail`, under any of `keys` (`routerId`, `router_id`).
 *
 * @example
 * detailString({ router_id: 'r1' }, 'routerId', 'router_id') // 'r1'
 */
export function detailString(detail: Record<string, unknown> | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = detail?.[key]
    if (typeof value === 'string' && value !== '') return value
  }
  return null
}
