/**
 * From stored rows to what the health rules and the rollups read: the (component, location)
 * series with the checks that feed them, and stored results as samples.
 *
 * @module
 */
import { parseStoredCheck } from '../config/index.js'
import { COUNTS_AGAINST_AVAILABILITY, type FailureCode } from '../core/failure.js'
import { seriesId, type SeriesKey } from '../core/series.js'
import type { FeedSample } from '../records/index.js'
import type { OutcomeRow, Store } from '../store/index.js'

/** The interval assumed for a check whose stored definition no longer parses. */
export const FALLBACK_CHECK_INTERVAL_MS = 60_000

/** One series and the checks feeding it. */
export interface SeriesFeeds {
  series: SeriesKey
  /** `seriesId(series)`, e.g. `compute@R1`. */
  id: string
  checkIds: string[]
  /** The longest interval among its checks. */
  intervalMs: number
}

/** The series and check intervals of one moment. */
export interface FeedsSnapshot {
  series: SeriesFeeds[]
  /** Every check's interval (archived checks too: their results still count). */
  intervals: Map<string, number>
}

/**
 * Turns a stored result into a sample of the feed `<check id>|<vantage>`: it counts against
 * availability unless it failed with a code that does not (quota, rate limits, the monitor's own
 * trouble); an unknown code counts. It carries its failure code for flags that count only some codes.
 *
 * @example
 * feedSampleOf(row, 30_000) // { at: row.startedAt, ok: row.ok, feed: `${row.checkId}|local`, … }
 */
export function feedSampleOf(row: OutcomeRow, intervalMs: number): FeedSample {
  const code = row.failureCode as FailureCode | null
  return {
    at: row.startedAt,
    durationMs: row.durationMs,
    ok: row.ok,
    countsAgainst: row.ok || code === null || (COUNTS_AGAINST_AVAILABILITY[code] ?? true),
    failureCode: row.ok ? null : code,
    vantage: row.vantage,
    intervalMs,
    resultId: row.id,
    feed: `${row.checkId}|${row.vantage}`,
  }
}

/**
 * Reads the series of the active components and the intervals of all checks; a check's
 * definition is parsed again only when its hash changed.
 *
 * @example
 * const feeds = createFeedsReader(store)
 * for (const { series, checkIds } of (await feeds.read()).series) …
 */
export function createFeedsReader(store: Store): { read(): Promise<FeedsSnapshot> } {
  const parsed = new Map<string, number>()
  function intervalOf(hash: string, definition: unknown): number {
    let interval = parsed.get(hash)
    if (interval === undefined) {
      interval = parseStoredCheck(definition)?.interval ?? FALLBACK_CHECK_INTERVAL_MS
      parsed.set(hash, interval)
    }
    return interval
  }
  return {
    async read() {
      const [checks, components, feeds] = await Promise.all([
        store.checks.list({ includeArchived: true }),
        store.components.list(),
        store.components.feeds(),
      ])
      const intervals = new Map(checks.map((check) => [check.id, intervalOf(check.definitionHash, check.definition)]))
      const names = new Map(components.map((component) => [component.id, component.name]))
      const bySeries = new Map<string, SeriesFeeds>()
      for (const feed of feeds) {
        const component = names.get(feed.componentId)
        if (component === undefined) continue
        const series = { component, location: feed.location }
        const id = seriesId(series)
        const entry = bySeries.get(id) ?? { series, id, checkIds: [], intervalMs: 0 }
        entry.checkIds.push(feed.checkId)
        entry.intervalMs = Math.max(entry.intervalMs, intervals.get(feed.checkId) ?? FALLBACK_CHECK_INTERVAL_MS)
        bySeries.set(id, entry)
      }
      return { series: [...bySeries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), intervals }
    },
  }
}
