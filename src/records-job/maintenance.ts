/**
 * Maintenance inside rollups: which windows apply to a series over a range, and which series
 * time a change to a window (created, moved, cancelled, re-targeted — also after the fact)
 * makes stale. Changes come from the audit trail, which holds every window before and after
 * each write, so the old and the new time of a moved window are both recomputed.
 *
 * @module
 */
import { z } from 'zod'
import { seriesId, type SeriesKey } from '../core/series.js'
import type { Interval } from '../records/index.js'
import type { MaintenanceChange, MaintenanceRow, Store } from '../store/index.js'
import type { FeedsSnapshot } from './series-feeds.js'
import type { SeriesSpan } from './targets.js'

/** Windows read per page. */
const PAGE = 500

const WindowShape = z.object({
  targets: z.array(z.object({ component: z.string(), locations: z.array(z.string()).nullable() })),
  start: z.number(),
  end: z.number(),
})

/** The windows of the store as the rollups use them. */
export type WindowLike = Pick<MaintenanceRow, 'targets' | 'start' | 'end' | 'cancelledAt'>

function covers(window: Pick<MaintenanceRow, 'targets'>, series: SeriesKey): boolean {
  return window.targets.some((target) => target.component === series.component && (target.locations === null || target.locations.includes(series.location)))
}

/**
 * The time windows count as maintenance for a series: each window covering it, from its start to
 * its end or its cancellation, whichever is first.
 *
 * @example
 * maintenanceIntervals(windows, { component: 'compute', location: 'R1' }) // [{ from, to }]
 */
export function maintenanceIntervals(windows: readonly WindowLike[], series: SeriesKey): Interval[] {
  const intervals: Interval[] = []
  for (const window of windows) {
    const to = window.cancelledAt === null ? window.end : Math.min(window.end, window.cancelledAt)
    if (to > window.start && covers(window, series)) intervals.push({ from: window.start, to })
  }
  return intervals
}

/**
 * Every window overlapping [from, to), archived ones included (their history stands).
 *
 * @example
 * const windows = await windowsBetween(store, from, to)
 */
export async function windowsBetween(store: Store, from: number, to: number): Promise<MaintenanceRow[]> {
  const windows: MaintenanceRow[] = []
  let after: { start: number; id: string } | null = null
  for (;;) {
    const page: MaintenanceRow[] = await store.maintenance.list({ from, to, after, limit: PAGE })
    windows.push(...page)
    const last = page[page.length - 1]
    if (last === undefined || page.length < PAGE) return windows
    after = { start: last.start, id: last.id }
  }
}

/**
 * The series time that maintenance changes make stale: for the window before and after each
 * change, every series it targets (a target without locations: every location of the component
 * in `snapshot`) over the window's time, up to `now` (the future has no records yet).
 *
 * @example
 * staleFromChanges(await store.rollups.maintenanceChangesSince(mark), snapshot, now)
 */
export function staleFromChanges(changes: readonly MaintenanceChange[], snapshot: FeedsSnapshot, now: number): SeriesSpan[] {
  const spans: SeriesSpan[] = []
  for (const change of changes) {
    for (const side of [change.before, change.after]) {
      const window = WindowShape.safeParse(side)
      if (!window.success) continue
      const from = window.data.start
      const to = Math.min(window.data.end, now)
      if (to <= from) continue
      for (const series of snapshot.series) {
        if (covers(window.data, series.series)) spans.push({ seriesId: seriesId(series.series), from, to })
      }
    }
  }
  return spans
}
