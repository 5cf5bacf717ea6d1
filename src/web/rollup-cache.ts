/**
 * Series rollups behind the public bars and uptime figures, kept between page-data reads. A year
 * of day rollups for 200 series is 73,000 stored records, and reading and parsing all of them
 * every minute blocked the event loop for most of a second (a visible stall in the page's
 * latency). After one full read, a refresh reads only the rows stored (`updated_at`, the
 * writer's clock) since the previous read began — less a margin for a transaction that committed
 * after that read with an older `updated_at`, and for clocks of other writing processes running a
 * little behind — and merges them in. A full read happens again when the series or the span change (for
 * days once a day, for hours once an hour) and at least every `fullReadEveryMs`, which drops rows
 * deleted meanwhile.
 *
 * @module
 */
import type { RollupBreakdown, RollupGranularity, Store } from '../store/index.js'

/**
 * Rows stored this long before the previous read began are read again on every refresh: far
 * longer than a rollup write transaction takes to commit.
 */
export const DEFAULT_REREAD_MARGIN_MS = 60_000
/** The longest time between two full reads. */
export const DEFAULT_FULL_READ_EVERY_MS = 60 * 60_000

/** Rollups of one granularity of a set of series over a span. */
export interface RollupCache {
  /**
   * The breakdowns of `keys` whose bucket starts in [from, to), by key, ascending — as
   * `store.rollupBreakdowns.between` answers, from as few rows as possible.
   */
  read(keys: readonly string[], from: number, to: number, now: number): Promise<Map<string, RollupBreakdown[]>>
}

interface Held {
  signature: string
  from: number
  to: number
  fullReadAt: number
  /** When the latest read (full or not) began. */
  readAt: number
  buckets: Map<string, Map<number, RollupBreakdown>>
  lists: Map<string, RollupBreakdown[]>
}

function sortedList(buckets: ReadonlyMap<number, RollupBreakdown>): RollupBreakdown[] {
  return [...buckets.values()].sort((a, b) => a.bucketStart - b.bucketStart)
}

/**
 * Creates the cache over the store's series rollups of `granularity`.
 *
 * @example
 * const days = createRollupCache(store, 'day')
 * const byKey = await days.read(seriesIds, year.from, year.to, Date.now())
 */
export function createRollupCache(
  store: Pick<Store, 'rollupBreakdowns'>,
  granularity: RollupGranularity,
  options: { rereadMarginMs?: number; fullReadEveryMs?: number } = {},
): RollupCache {
  const margin = options.rereadMarginMs ?? DEFAULT_REREAD_MARGIN_MS
  const fullEvery = options.fullReadEveryMs ?? DEFAULT_FULL_READ_EVERY_MS
  let held: Held | null = null

  const fullRead = async (keys: readonly string[], signature: string, from: number, to: number, now: number): Promise<Held> => {
    const byKey = await store.rollupBreakdowns.between('series', keys, granularity, from, to)
    const buckets = new Map([...byKey].map(([key, list]) => [key, new Map(list.map((item) => [item.bucketStart, item]))]))
    return { signature, from, to, fullReadAt: now, readAt: now, buckets, lists: byKey }
  }

  const refresh = async (state: Held, keys: readonly string[], now: number): Promise<void> => {
    const byKey = await store.rollupBreakdowns.changedSince('series', keys, granularity, state.from, state.to, state.readAt - margin)
    state.readAt = Math.max(state.readAt, now)
    for (const [key, list] of byKey) {
      let buckets = state.buckets.get(key)
      if (buckets === undefined) state.buckets.set(key, (buckets = new Map()))
      for (const item of list) buckets.set(item.bucketStart, item)
      state.lists.set(key, sortedList(buckets))
    }
  }

  return {
    async read(keys, from, to, now) {
      const signature = [...keys].sort().join('\n')
      const current = held
      if (current === null || current.signature !== signature || current.from !== from || current.to !== to || now - current.fullReadAt >= fullEvery || now < current.fullReadAt) {
        const state = await fullRead(keys, signature, from, to, now)
        held = state
        return new Map(state.lists)
      }
      await refresh(current, keys, now)
      return new Map(current.lists)
    },
  }
}
