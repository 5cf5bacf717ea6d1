/**
 * Exact cleanup after any crash: the owner's ledger rows first, then the janitor's sweep by the
 * owner's prefix and tag, deleted together in dependency order, each deletion confirmed; the rows
 * settled are marked deleted; a last sweep checks that nothing of the owner is left.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { systemClock } from '../../core/clock.js'
import type { OpenStackSession } from '../../openstack/index.js'
import type { LedgerEntry, LedgerRepository } from '../../store/index.js'
import { systemSleep } from '../sleep.js'
import type { Sleep } from '../sleep.js'
import { deleteStage } from './delete-stage.js'
import type { Removal, StageSettings } from './delete-stage.js'
import { PARENT, STAGES } from './kinds.js'
import { isOwnersPrefix, ownerPrefix, ownerTag } from './naming.js'
import { OPS } from './ops.js'
import { summarize } from './report.js'
import type { CleanupItem, CleanupReport } from './report.js'
import { sweep } from './sweep.js'
import { janitorTargets, ledgerTargets } from './targets.js'
import type { Target } from './targets.js'

/** What {@link cleanupLeftovers} needs. */
export interface CleanupOptions {
  store: { ledger: LedgerRepository }
  session: OpenStackSession
  /** The cloud's name, as the ledger rows carry it. */
  cloud: string
  /** The monitor instance whose leftovers these are; never another's. */
  owner: string
  /** The janitor's name prefix; default `ownerPrefix(owner)`; it must be `<base>-<owner>-…`. */
  prefix?: string
  /** The session's region: rows of another region are skipped (rows with an empty region are not). */
  region?: string | null
  /** Ids or names of the session's project: rows of another project are skipped; default every row. */
  projects?: readonly string[]
  /** A run still going (the caller's own): its rows are left alone. */
  excludeRunId?: string
  /** Resource ids still in use (a router the scenario loop keeps, OSHM `-r`): left alone, not reported. */
  keep?: readonly string[]
  /** Find and report, delete nothing, write nothing. */
  dryRun?: boolean
  /** Sweep by prefix and tag besides the ledger; default true. */
  janitor?: boolean
  waitTimeoutMs?: number
  pollIntervalMs?: number
  retryDelayMs?: number
  concurrency?: number
  clock?: Clock
  sleep?: Sleep
  signal?: AbortSignal
}

/**
 * Deletes the owner's leftovers on the session's cloud and reports them. Deletion order: load
 * balancers (cascade), their children, floating IPs, servers, volumes, ports (with Octavia's on
 * the owner's networks), router interfaces, routers, subnets, networks, security group rules and
 * groups, keypairs. Throws only when the ledger cannot be read or the sweep's list calls fail.
 *
 * @example
 * const report = await cleanupLeftovers({ store, session, cloud: 'prod', owner: 'mon1' })
 * if (report.leaked) result.failure = leakedFailure(report)
 */
export async function cleanupLeftovers(options: CleanupOptions): Promise<CleanupReport> {
  const clock = options.clock ?? systemClock
  const started = clock.monotonic()
  const prefix = options.prefix ?? ownerPrefix(options.owner)
  if (!isOwnersPrefix(prefix, options.owner)) throw new RangeError(`prefix "${prefix}" is not <base>-${options.owner}-…: the janitor would touch other owners' resources`)
  const marks = { prefix, tag: ownerTag(options.owner) }
  const kept = new Set(options.keep ?? [])
  const rows = (await options.store.ledger.leftovers(options.cloud, { owner: options.owner })).filter((row) => row.resourceId === null || !kept.has(row.resourceId))
  const { inScope, skipped } = scoped(rows, options)
  const { targets, settled } = await ledgerTargets(options.session, inScope)
  const janitor = options.janitor ?? true
  if (janitor) {
    const networks = new Set(targets.filter((target) => target.kind === 'network' && target.id !== null).map((target) => target.id as string))
    targets.push(...janitorTargets(targets, (await sweep(options.session, marks, networks)).filter((found) => !kept.has(found.id))))
  }
  const settings: StageSettings = {
    waitTimeoutMs: options.waitTimeoutMs ?? 300_000,
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    retryDelayMs: options.retryDelayMs ?? 2_000,
    concurrency: options.concurrency ?? 4,
    clock,
    sleep: options.sleep ?? systemSleep,
    signal: options.signal ?? new AbortController().signal,
  }
  const removals = options.dryRun ? new Map<Target, Removal>() : await deleteInStages(options.session, targets, settings)
  const items: CleanupItem[] = [...settled.map((entry) => entry.item), ...skipped]
  for (const target of ordered(targets)) {
    const removal = removals.get(target)
    items.push({ kind: target.kind, name: target.name, id: target.id, source: target.source, outcome: removal?.outcome ?? 'found', reason: removal?.reason ?? null })
  }
  if (!options.dryRun) {
    await markSettled(options.store.ledger, clock, [...settled.flatMap((entry) => (entry.item.outcome === 'absent' && entry.entryId ? [entry.entryId] : []))], targets, removals)
    if (janitor) await verify(options.session, marks, items, kept)
  }
  return summarize({ cloud: options.cloud, owner: options.owner, prefix, dryRun: options.dryRun ?? false, durationMs: clock.monotonic() - started }, items)
}

function scoped(rows: readonly LedgerEntry[], options: CleanupOptions): { inScope: LedgerEntry[]; skipped: CleanupItem[] } {
  const inScope: LedgerEntry[] = []
  const skipped: CleanupItem[] = []
  for (const row of rows) {
    if (row.runId === options.excludeRunId) continue
    const otherRegion = row.region !== '' && options.region != null && row.region !== options.region
    const otherProject = row.project !== '' && options.projects !== undefined && !options.projects.includes(row.project)
    if (!otherRegion && !otherProject) inScope.push(row)
    else skipped.push({ kind: row.kind, name: row.name, id: row.resourceId, source: 'ledger', outcome: 'skipped', reason: otherRegion ? `in region ${row.region}` : `in project ${row.project}` })
  }
  return { inScope, skipped }
}

async function deleteInStages(session: OpenStackSession, targets: readonly Target[], settings: StageSettings): Promise<Map<Target, Removal>> {
  const removals = new Map<Target, Removal>()
  for (const stage of STAGES) {
    const inStage = targets.filter((target) => stage.includes(target.kind))
    const own = inStage.filter((target) => target.id !== null && OPS[target.kind]?.remove)
    for (const [target, removal] of await deleteStage(session, own, settings)) removals.set(target, removal)
    for (const target of inStage.filter((candidate) => !own.includes(candidate))) removals.set(target, withParent(target, targets, removals))
  }
  return removals
}

/** A target cleanup cannot delete by itself went with its parents, unless one of them failed. */
function withParent(target: Target, targets: readonly Target[], removals: ReadonlyMap<Target, Removal>): Removal {
  const parent = PARENT[target.kind]
  if (parent === undefined) return { outcome: 'failed', reason: `no way to delete a ${target.kind} without its id` }
  const failed = targets.filter((candidate) => candidate.kind === parent && removals.get(candidate)?.outcome === 'failed')
  return failed.length === 0 ? { outcome: 'absent', reason: `went with its ${parent}` } : { outcome: 'failed', reason: `its ${parent} could not be deleted` }
}

function ordered(targets: readonly Target[]): Target[] {
  const rank = (target: Target) => STAGES.findIndex((stage) => stage.includes(target.kind))
  return [...targets].sort((a, b) => rank(a) - rank(b))
}

async function markSettled(ledger: LedgerRepository, clock: Clock, absentRows: string[], targets: readonly Target[], removals: ReadonlyMap<Target, Removal>): Promise<void> {
  const done = targets.filter((target) => ['deleted', 'absent'].includes(removals.get(target)?.outcome ?? ''))
  for (const entryId of [...absentRows, ...done.flatMap((target) => target.entryIds)]) await ledger.deleted(entryId, clock.now())
}

/** The last sweep: whatever of the owner is still there and not already reported failed. */
async function verify(session: OpenStackSession, marks: { prefix: string; tag: string }, items: CleanupItem[], kept: ReadonlySet<string>): Promise<void> {
  const failed = new Set(items.filter((item) => item.outcome === 'failed').map((item) => `${item.kind}:${item.id}`))
  for (const found of await sweep(session, marks, new Set())) {
    if (failed.has(`${found.kind}:${found.id}`) || kept.has(found.id)) continue
    const item = items.find((candidate) => candidate.kind === found.kind && candidate.id === found.id)
    if (item) Object.assign(item, { outcome: 'failed', reason: 'still there after cleanup' })
    else items.push({ kind: found.kind, name: found.name, id: found.id, source: 'janitor', outcome: 'failed', reason: 'appeared during cleanup' })
  }
}
