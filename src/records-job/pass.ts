/**
 * One run of the records job: rebuild days if the zone changed, recompute what maintenance
 * changes made stale, then work through the results stored since the watermark in batches.
 *
 * A batch is summarised by the database (per check and UTC hour of start: the earliest and
 * latest start), so a backlog of millions of results never becomes millions of JS objects; each
 * stale hour is then recomputed whole from the stored results. The watermark (the newest
 * `inserted_at` processed) advances only after a batch's records are stored, so the job is
 * idempotent and survives restarts: every record is a pure function of the stored results and
 * windows, and identical records are not rewritten.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Clock } from '../core/clock.js'
import { coverageLookback, type Interval } from '../records/index.js'
import type { InsertedCursor, InsertedSpan, MaintenanceRow, Store } from '../store/index.js'
import { rebuildDaysOnZoneChange } from './day-zone.js'
import { maintenanceIntervals, staleFromChanges, windowsBetween } from './maintenance.js'
import { recomputeTarget, sampleCache, type RecomputeContext } from './recompute.js'
import type { FeedsSnapshot } from './series-feeds.js'
import { MINUTE_MS, staleTargets, type SeriesSpan } from './targets.js'

/** The name of the job's results row in `records_watermarks`. */
export const RESULTS_WATERMARK = 'rollups'
/** The newest maintenance audit event (`at`) the job has processed. */
export const MAINTENANCE_WATERMARK = 'rollups-maintenance'
/** Written by the retention job: results that started before it may be deleted. */
export const RAW_HORIZON = 'retention-raw'

/** How long records are kept, in ms (null: forever); the job does not create what would be deleted at once. */
export interface RollupRetention {
  minuteMs: number | null
  hourMs: number | null
}

/** What one run did. */
export interface RecordsPass {
  /** Result rows read (including those read again inside the settle window). */
  results: number
  minutes: number
  hours: number
  days: number
}

/** Settings of a run. */
export interface PassSettings {
  timeZone: string
  settleMs: number
  /** Results summarised and recomputed per batch. */
  batchResults: number
  retention: RollupRetention
}

function cutoff(now: number, keepMs: number | null): number {
  return keepMs === null ? Number.MIN_SAFE_INTEGER : now - keepMs
}

function hull(spans: readonly { from: number; to: number }[], lookbackMs: number): Interval | null {
  if (spans.length === 0) return null
  let from = Infinity
  let to = -Infinity
  for (const span of spans) {
    from = Math.min(from, span.from)
    to = Math.max(to, span.to)
  }
  return { from: from - 2 * lookbackMs, to: to + 2 * lookbackMs + 26 * 3_600_000 }
}

async function recomputeStale(
  store: Store,
  clock: Clock,
  settings: PassSettings,
  snapshot: FeedsSnapshot,
  stale: { spans: readonly InsertedSpan[]; series: readonly SeriesSpan[] },
  pass: RecordsPass,
): Promise<void> {
  const targets = staleTargets(stale.spans, snapshot, stale.series)
  if (targets.length === 0) return
  const now = clock.now()
  const maxInterval = Math.max(MINUTE_MS, ...snapshot.intervals.values())
  const range = hull([...stale.spans, ...stale.series], coverageLookback(maxInterval))
  const windows: MaintenanceRow[] = range === null ? [] : await windowsBetween(store, range.from, range.to)
  const seriesKeys = new Map(snapshot.series.map((series) => [series.id, series.series]))
  const ctx: RecomputeContext = {
    store,
    timeZone: settings.timeZone,
    intervals: snapshot.intervals,
    maintenanceOf: (seriesId) => {
      const key = seriesKeys.get(seriesId)
      return key === undefined ? [] : maintenanceIntervals(windows, key)
    },
    minuteCutoff: cutoff(now, settings.retention.minuteMs),
    hourCutoff: cutoff(now, settings.retention.hourMs),
    rawHorizon: (await store.rollups.watermark(RAW_HORIZON)) ?? Number.MIN_SAFE_INTEGER,
  }
  const cache = sampleCache()
  for (const target of targets) {
    const rows = await recomputeTarget(ctx, target, cache)
    await store.rollups.upsert([...rows.minute, ...rows.hour, ...rows.day], clock.now())
    pass.minutes += rows.minute.length
    pass.hours += rows.hour.length
    pass.days += rows.day.length
  }
}

async function maintenanceChanges(store: Store, clock: Clock, settings: PassSettings, read: () => Promise<FeedsSnapshot>, pass: RecordsPass): Promise<void> {
  const mark = await store.rollups.watermark(MAINTENANCE_WATERMARK)
  const changes = await store.rollups.maintenanceChangesSince(mark === null ? Number.MIN_SAFE_INTEGER : mark - settings.settleMs)
  if (changes.length === 0) return
  const snapshot = await read()
  await recomputeStale(store, clock, settings, snapshot, { spans: [], series: staleFromChanges(changes, snapshot, clock.now()) }, pass)
  const newest = changes[changes.length - 1]!.at
  if (mark === null || newest > mark) await store.rollups.setWatermark(MAINTENANCE_WATERMARK, newest, clock.now())
}

/**
 * Runs the records job once, to the end of what is stored now.
 *
 * @example
 * const pass = await runRecordsPass(store, clock, settings, () => feeds.read())
 */
export async function runRecordsPass(store: Store, clock: Clock, settings: PassSettings, read: () => Promise<FeedsSnapshot>): Promise<RecordsPass> {
  const pass: RecordsPass = { results: 0, minutes: 0, hours: 0, days: 0 }
  pass.days += await rebuildDaysOnZoneChange(store, settings.timeZone, clock.now())
  await maintenanceChanges(store, clock, settings, read, pass)
  const watermark = await store.rollups.watermark(RESULTS_WATERMARK)
  let cursor: InsertedCursor = { insertedAt: watermark === null ? Number.MIN_SAFE_INTEGER : watermark - settings.settleMs, id: null }
  for (;;) {
    const end = await store.rollups.insertedPageEnd(cursor, settings.batchResults)
    if (end === null) break
    const spans = await store.rollups.insertedSpans(cursor, end)
    for (const span of spans) pass.results += span.count
    await recomputeStale(store, clock, settings, await read(), { spans, series: [] }, pass)
    if (watermark === null || end.insertedAt > watermark) await store.rollups.setWatermark(RESULTS_WATERMARK, end.insertedAt, clock.now())
    cursor = end
    await yieldToLoop()
  }
  return pass
}
