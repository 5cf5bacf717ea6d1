/**
 * What a cleanup found and did, and the `leaked` failure a caller turns it into.
 *
 * @module
 */
import type { Failure } from '../../core/result.js'

/** Where a leftover was found: a ledger row of the owner, or the janitor's sweep by prefix/tag. */
export type CleanupSource = 'ledger' | 'janitor'

/**
 * What happened to one leftover: `deleted` (confirmed gone), `absent` (a ledger row whose
 * resource never came to exist or was already gone), `failed` (still there), `found` (dry run:
 * there, not touched), `skipped` (a ledger row of another region or project, left alone).
 */
export type CleanupOutcome = 'deleted' | 'absent' | 'failed' | 'found' | 'skipped'

/** One leftover. */
export interface CleanupItem {
  /** The canonical kind (`server`, `floatingip`, …) or the ledger's kind when unknown. */
  kind: string
  name: string
  /** Null when neither the ledger nor a search found an id. */
  id: string | null
  source: CleanupSource
  outcome: CleanupOutcome
  /** Why it failed, was absent or skipped; null when deleted or found. */
  reason: string | null
}

/** The result of {@link cleanupLeftovers}. */
export interface CleanupReport {
  cloud: string
  owner: string
  /** The prefix the janitor swept. */
  prefix: string
  dryRun: boolean
  /** In deletion order. */
  items: CleanupItem[]
  /** Leftovers that existed on the cloud (deleted, failed or found). */
  found: number
  deleted: number
  failed: number
  /** Leftovers still on the cloud afterwards (failed, or found in a dry run): exit code 1. */
  remaining: number
  /** True when any leftover existed: the runs before leaked, whatever this cleanup achieved. */
  leaked: boolean
  durationMs: number
}

const ON_CLOUD: ReadonlySet<CleanupOutcome> = new Set(['deleted', 'failed', 'found'])

/**
 * Builds the report's counts from its items.
 *
 * @example
 * summarize({ cloud: 'prod', owner: 'mon1', prefix: 'gh-mon1-', dryRun: false, durationMs: 12 }, items)
 */
export function summarize(head: Pick<CleanupReport, 'cloud' | 'owner' | 'prefix' | 'dryRun' | 'durationMs'>, items: CleanupItem[]): CleanupReport {
  const count = (test: (item: CleanupItem) => boolean) => items.filter(test).length
  const found = count((item) => ON_CLOUD.has(item.outcome))
  return {
    ...head,
    items,
    found,
    deleted: count((item) => item.outcome === 'deleted'),
    failed: count((item) => item.outcome === 'failed'),
    remaining: count((item) => item.outcome === 'failed' || item.outcome === 'found'),
    leaked: found > 0,
  }
}

/**
 * The `leaked` failure for a report that found leftovers, or null when it found none. The
 * message names up to five of them (kind, name, source), never more than a line.
 *
 * @example
 * const failure = leakedFailure(report) // { code: 'leaked', message: '2 leftovers of gh-mon1- found: server gh-mon1-k3-VM_1 (ledger), …' }
 */
export function leakedFailure(report: CleanupReport): Failure | null {
  if (!report.leaked) return null
  const onCloud = report.items.filter((item) => ON_CLOUD.has(item.outcome))
  const named = onCloud.slice(0, 5).map((item) => `${item.kind} ${item.name || item.id} (${item.source})`)
  const more = onCloud.length > 5 ? `, and ${onCloud.length - 5} more` : ''
  const left = report.remaining > 0 ? `; ${report.remaining} could not be deleted` : ''
  return { code: 'leaked', message: `${report.found} leftover${report.found === 1 ? '' : 's'} of ${report.prefix} found: ${named.join(', ')}${more}${left}` }
}
