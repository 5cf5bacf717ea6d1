/**
 * Changing `records.timeZone` recomputes the day records: the job remembers the zone its day
 * records were computed in; when the configured zone differs, every key's days are rebuilt in
 * the new zone from its stored hours (or minutes, for zones whose days do not begin on a UTC
 * hour), the old-zone days over that time are deleted, and the new zone is remembered. Only
 * days whose every part is still stored are rebuilt (hours are kept 2 years by default); older
 * old-zone days stay, and readers never mistake them for new-zone days because a day record is
 * used only when it spans exactly a day of the reader's zone.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { dayBuckets, mergeRollups, type CalendarBucket } from '../records/index.js'
import type { RollupGranularity, RollupRow, RollupScope, Store } from '../store/index.js'
import { HOUR_MS, MINUTE_MS } from './targets.js'

/** Days rebuilt per read of their parts. */
const DAYS_PER_CHUNK = 14
/** The zone day records had before the zone was recorded: the job always used UTC. */
const ZONE_BEFORE_RECORDING = 'UTC'

function onHours(day: CalendarBucket): boolean {
  return day.start % HOUR_MS === 0 && day.end % HOUR_MS === 0
}

async function rebuildKey(store: Store, scope: RollupScope, key: string, timeZone: string, now: number): Promise<number> {
  const spans = {
    hour: await store.rollups.span(scope, key, 'hour'),
    minute: await store.rollups.span(scope, key, 'minute'),
  }
  const from = Math.min(spans.hour?.first ?? Infinity, spans.minute?.first ?? Infinity)
  const to = Math.max((spans.hour?.last ?? -Infinity) + HOUR_MS, (spans.minute?.last ?? -Infinity) + MINUTE_MS)
  if (!Number.isFinite(from)) return 0
  // When no day record is older than the parts, nothing before them was lost to retention: the
  // first day may be rebuilt though it begins before them (that time had no data either way).
  const oldest = (await store.rollups.span(scope, key, 'day'))?.first ?? Infinity
  const historyStartsHere = oldest >= from - 26 * HOUR_MS
  const rebuildable = (day: CalendarBucket, granularity: RollupGranularity): boolean => {
    const span = spans[granularity as 'hour' | 'minute']
    return span !== null && (day.start >= span.first || (historyStartsHere && day.end > span.first))
  }
  const days = dayBuckets(from, to, timeZone).filter((day) => rebuildable(day, onHours(day) ? 'hour' : 'minute'))
  let written = 0
  for (let first = 0; first < days.length; first += DAYS_PER_CHUNK) {
    const chunk = days.slice(first, first + DAYS_PER_CHUNK)
    const rows: RollupRow[] = []
    for (const granularity of ['hour', 'minute'] as const) {
      const wanted = chunk.filter((day) => (granularity === 'hour') === onHours(day))
      if (wanted.length === 0) continue
      const parts = await store.rollups.between(scope, key, granularity, wanted[0]!.start, wanted[wanted.length - 1]!.end)
      for (const day of wanted) {
        const inside = parts.filter((part) => part.bucketStart >= day.start && part.bucketStart < day.end)
        rows.push({ scope, key, granularity: 'day', record: mergeRollups(inside, { from: day.start, to: day.end }) })
      }
    }
    const deleteFrom = first === 0 && historyStartsHere ? Number.MIN_SAFE_INTEGER : chunk[0]!.start
    await store.rollups.deleteDays(scope, key, deleteFrom, chunk[chunk.length - 1]!.end)
    await store.rollups.upsert(rows, now)
    written += rows.length
    await yieldToLoop()
  }
  return written
}

/**
 * Rebuilds the day records when `timeZone` is not the zone they were computed in; returns how
 * many day records it wrote (0 when the zone is unchanged).
 *
 * @example
 * await rebuildDaysOnZoneChange(store, 'Europe/Berlin', Date.now())
 */
export async function rebuildDaysOnZoneChange(store: Store, timeZone: string, now: number): Promise<number> {
  const stored = (await store.rollups.dayZone()) ?? ZONE_BEFORE_RECORDING
  let written = 0
  if (stored !== timeZone) {
    for (const { scope, key } of await store.rollups.keys()) written += await rebuildKey(store, scope, key, timeZone, now)
  }
  if (stored !== timeZone || (await store.rollups.dayZone()) === null) await store.rollups.setDayZone(timeZone, now)
  return written
}
