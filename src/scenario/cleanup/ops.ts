/**
 * What cleanup does with each kind: find a ledger row's resource by its exact name when the id
 * never arrived, delete it by id, and see an asynchronous deletion finish.
 *
 * @module
 */
import type { KindOps } from './kind-ops.js'
import type { CleanupKind } from './kinds.js'
import { COMPUTE_OPS } from './ops-compute.js'
import { NETWORK_OPS } from './ops-network.js'

/** Every kind's operations; a kind without any is settled with its parent. */
export const OPS: Readonly<Partial<Record<CleanupKind, KindOps>>> = { ...COMPUTE_OPS, ...NETWORK_OPS }
