/**
 * One sweep of the retention job: deletes what is older than the policy allows, in batches of a
 * few hundred rows, each its own short write transaction, with a yield to the event loop between
 * batches — so serving, probing and result writes never wait long behind it.
 *
 * @module
 */
import type { SeriesKey } from '../core/series.js'
import { RAW_HORIZON, RESULTS_WATERMARK } from '../records-job/index.js'
import type { RollupGranularity, Store } from '../store/index.js'
import { drain, ROWS_PER_BATCH } from './batches.js'
import type { RetentionPolicy } from './policy.js'
import { sweepAudit, sweepDeliveryLogs, sweepSubscriberData } from './records-sweep.js'

export { ROWS_PER_BATCH }
/**
 * Results stored within this of the records job's watermark are kept even when old: the job
 * reads back a settle window (60 s by default) and may not have rolled them up yet.
 */
export const UNROLLED_MARGIN_MS = 60_000
/** Results kept before the earliest result still waiting to be rolled up: its hour and the coverage look-back of any interval up to a day. */
export const UNROLLED_NEIGHBOURS_MS = 2 * 86_400_000

/** What one sweep deleted. */
export interface SweepCounts {
  results: number
  evaluations: number
  minutes: number
  hours: number
  days: number
  /** Audit entries removed from the front of the chain (behind the attested anchor). */
  auditEntries: number
  /** Unconfirmed sign-ups and delivery records of subscribers who are gone. */
  subscriberData: number
  /** Sent and dead outbox messages. */
  deliveryLogs: number
}

/** Result ids by check that a postmortem's timeline names: kept whatever the retention. */
async function referencedByPostmortems(store: Store): Promise<Map<string, string[]>> {
  const byCheck = new Map<string, string[]>()
  for (const { checkId, resultId } of await store.retention.referencedResults()) byCheck.set(checkId, [...(byCheck.get(checkId) ?? []), resultId])
  return byCheck
}

/**
 * Raw results go only where the records job has rolled up everything: while old results wait
 * to be rolled up (a late result, a backfill, a long outage of the job), results from
 * {@link UNROLLED_NEIGHBOURS_MS} before the earliest of them on are kept, so the hours they fall in
 * can still be recomputed whole; the next sweep deletes them.
 */
async function sweepResults(store: Store, cutoff: number, now: number, marginMs: number): Promise<number> {
  const watermark = await store.rollups.watermark(RESULTS_WATERMARK)
  if (watermark === null) return 0
  const storedBy = watermark - marginMs
  const waiting = await store.retention.earliestStoredAfter(storedBy)
  const before = waiting === null ? cutoff : Math.min(cutoff, waiting - UNROLLED_NEIGHBOURS_MS)
  // Tell the records job first: hours reading results before this are no longer recomputed.
  const horizon = await store.rollups.watermark(RAW_HORIZON)
  if (horizon === null || horizon < before) await store.rollups.setWatermark(RAW_HORIZON, before, now)
  const referenced = await referencedByPostmortems(store)
  let total = 0
  for (const check of await store.checks.list({ includeArchived: true })) {
    const keep = referenced.get(check.id) ?? []
    total += await drain(() => store.retention.deleteResults(check.id, before, storedBy, ROWS_PER_BATCH, keep))
  }
  return total
}

async function sweepEvaluations(store: Store, before: number): Promise<number> {
  let total = 0
  const series: SeriesKey[] = await store.retention.evaluationSeries()
  for (const key of series) total += await drain(() => store.retention.deleteEvaluations(key, before, ROWS_PER_BATCH))
  return total
}

async function sweepRollups(store: Store, granularity: RollupGranularity, before: number): Promise<number> {
  let total = 0
  for (const { scope, key } of await store.rollups.keys()) {
    total += await drain(() => store.retention.deleteRollups(scope, key, granularity, before, ROWS_PER_BATCH))
  }
  return total
}

/**
 * Deletes everything older than `policy` allows at `now`: raw results (never ones the records
 * job has not rolled up, never pinned ones, never ones a postmortem's timeline names) and
 * evaluations (never pinned ones) older than the raw retention; minute, hour and day records
 * older than theirs; the oldest audit entries (see ./records-sweep.ts), subscriber personal data
 * and delivery logs older than theirs.
 *
 * `settleMs` is the records job's settle window (its results stored within it of its watermark
 * may not be rolled up yet).
 *
 * @example
 * const counts = await sweep(store, DEFAULT_RETENTION, Date.now())
 */
export async function sweep(store: Store, policy: RetentionPolicy, now: number, settleMs = UNROLLED_MARGIN_MS): Promise<SweepCounts> {
  const counts: SweepCounts = { results: 0, evaluations: 0, minutes: 0, hours: 0, days: 0, auditEntries: 0, subscriberData: 0, deliveryLogs: 0 }
  if (policy.rawMs !== null) {
    counts.results = await sweepResults(store, now - policy.rawMs, now, settleMs)
    counts.evaluations = await sweepEvaluations(store, now - policy.rawMs)
  }
  if (policy.minuteMs !== null) counts.minutes = await sweepRollups(store, 'minute', now - policy.minuteMs)
  if (policy.hourMs !== null) counts.hours = await sweepRollups(store, 'hour', now - policy.hourMs)
  if (policy.dayMs !== null) counts.days = await sweepRollups(store, 'day', now - policy.dayMs)
  if (policy.auditMs !== null) counts.auditEntries = await sweepAudit(store, now - policy.auditMs, now)
  if (policy.subscriberMs !== null) counts.subscriberData = await sweepSubscriberData(store, now - policy.subscriberMs, now)
  if (policy.deliveryMs !== null) counts.deliveryLogs = await sweepDeliveryLogs(store, now - policy.deliveryMs, now)
  return counts
}
