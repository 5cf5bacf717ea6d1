/**
 * The leftovers to delete: the owner's ledger rows turned into resources (a row without an id is
 * looked up by its exact name), then the janitor's finds that the ledger did not know.
 *
 * @module
 */
import type { OpenStackSession } from '../../openstack/index.js'
import type { LedgerEntry } from '../../store/index.js'
import { canonicalKind } from './kinds.js'
import type { CleanupKind } from './kinds.js'
import { OPS } from './ops.js'
import type { CleanupItem, CleanupSource } from './report.js'
import type { Swept } from './sweep.js'

/** One resource to delete, with the ledger rows it settles. */
export interface Target {
  kind: CleanupKind
  name: string
  /** Null for a row of a kind settled with its parent (no id, no search). */
  id: string | null
  source: CleanupSource
  entryIds: string[]
  detail?: Record<string, unknown>
}

/** What the ledger rows came to: resources to delete, and rows settled already. */
export interface LedgerTargets {
  targets: Target[]
  /** Rows whose resource never came to exist (absent), of an unknown kind (failed), or out of scope (skipped). */
  settled: Array<{ item: CleanupItem; entryId: string | null }>
}

/**
 * Turns ledger rows into targets. A row with an id is one target (rows naming the same resource
 * merge); a row without one is searched by name: each match is a target, no match means the
 * create never happened (`absent`).
 *
 * @example
 * const { targets, settled } = await ledgerTargets(session, rows)
 */
export async function ledgerTargets(session: OpenStackSession, rows: readonly LedgerEntry[]): Promise<LedgerTargets> {
  const byKey = new Map<string, Target>()
  const settled: LedgerTargets['settled'] = []
  const add = (kind: CleanupKind, row: LedgerEntry, id: string | null, name: string) => {
    const key = id === null ? `${kind}:row:${row.id}` : `${kind}:${id}`
    const existing = byKey.get(key)
    if (existing) existing.entryIds.push(row.id)
    else byKey.set(key, { kind, name, id, source: 'ledger', entryIds: [row.id], ...(row.detail ? { detail: row.detail } : {}) })
  }
  for (const row of rows) {
    const kind = canonicalKind(row.kind)
    if (kind === null) {
      settled.push({ item: { kind: row.kind, name: row.name, id: row.resourceId, source: 'ledger', outcome: 'failed', reason: `cleanup does not know the kind "${row.kind}"` }, entryId: null })
      continue
    }
    if (row.resourceId !== null) {
      add(kind, row, row.resourceId, row.name)
      continue
    }
    const find = OPS[kind]?.find
    if (!find) {
      add(kind, row, null, row.name)
      continue
    }
    const matches = await find(session, row.name).catch((error: unknown) => error as Error)
    if (matches instanceof Error) {
      settled.push({ item: { kind, name: row.name, id: null, source: 'ledger', outcome: 'failed', reason: `the search by name failed: ${matches.message}` }, entryId: null })
      continue
    }
    if (matches.length === 0) {
      settled.push({ item: { kind, name: row.name, id: null, source: 'ledger', outcome: 'absent', reason: `never created: no ${kind} is named ${row.name}` }, entryId: row.id })
    }
    for (const match of matches) add(kind, row, match.id, row.name)
  }
  return { targets: [...byKey.values()], settled }
}

/**
 * The janitor's finds that are not targets already.
 *
 * @example
 * targets.push(...janitorTargets(targets, await sweep(session, marks, networks)))
 */
export function janitorTargets(known: readonly Target[], swept: readonly Swept[]): Target[] {
  const seen = new Set(known.map((target) => `${target.kind}:${target.id}`))
  const added: Target[] = []
  for (const found of swept) {
    const key = `${found.kind}:${found.id}`
    if (seen.has(key)) continue
    seen.add(key)
    added.push({ kind: found.kind, name: found.name, id: found.id, source: 'janitor', entryIds: [] })
  }
  return added
}
