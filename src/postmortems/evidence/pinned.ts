/**
 * Reads of what the incidents' evidence pins keep: the pinned evaluations of each affected series,
 * and the first failing pinned result of each check feeding one. Only pinned rows are read, so
 * everything the timeline references survives raw-data retention.
 *
 * @module
 */
import { COUNTS_AGAINST_AVAILABILITY, seriesId, type SeriesKey } from '../../core/index.js'
import { SERIES_PIN, type PinCursor, type PinnedEvaluation, type Store, type StoredResult } from '../../store/index.js'

/** Rows per page read from the pins. */
const PAGE = 500

/** The first failing result of one check feeding one series. */
export interface FirstFailure {
  series: SeriesKey
  result: StoredResult
}

/** Pinned evaluations of the incidents by `seriesId`, oldest first, each once. */
export async function pinnedEvaluations(store: Store, incidentIds: readonly string[]): Promise<Map<string, PinnedEvaluation[]>> {
  const seen = new Map<string, PinnedEvaluation>()
  for (const incidentId of incidentIds) {
    let after: PinCursor | null = null
    for (;;) {
      const page = await store.evidencePins.evaluations(incidentId, { after, limit: PAGE })
      for (const row of page) seen.set(row.id, row)
      const last = page.at(-1)
      if (page.length < PAGE || last === undefined) break
      after = { at: last.evaluation.at, id: last.id }
    }
  }
  const bySeries = new Map<string, PinnedEvaluation[]>()
  const ordered = [...seen.values()].sort((a, b) => a.evaluation.at - b.evaluation.at || (a.id < b.id ? -1 : 1))
  for (const row of ordered) {
    const key = seriesId(row)
    bySeries.set(key, [...(bySeries.get(key) ?? []), row])
  }
  return bySeries
}

/** Whether a result failed in a way that counts against availability (not the monitor's own trouble). */
function countsAsFailure(result: StoredResult): boolean {
  return !result.ok && (result.failure === null || COUNTS_AGAINST_AVAILABILITY[result.failure.code])
}

/** The first failing pinned result of each check one incident pins, by check id; stops reading once every check has one. */
async function firstFailuresOf(store: Store, incidentId: string, checkIds: ReadonlySet<string>): Promise<Map<string, StoredResult>> {
  const found = new Map<string, StoredResult>()
  let after: PinCursor | null = null
  while (found.size < checkIds.size) {
    const page = await store.evidencePins.results(incidentId, { after, limit: PAGE })
    for (const result of page) if (!found.has(result.checkId) && countsAsFailure(result)) found.set(result.checkId, result)
    const last = page.at(-1)
    if (page.length < PAGE || last === undefined) break
    after = { at: last.startedAt, id: last.id }
  }
  return found
}

/**
 * For every (series, check) the incidents pin, the earliest failing result inside the pinned
 * window (failures that do not count against availability — quota, rate limits, the monitor's
 * own errors — are passed over).
 */
export async function firstFailures(store: Store, incidentIds: readonly string[]): Promise<FirstFailure[]> {
  const earliest = new Map<string, FirstFailure>()
  for (const incidentId of incidentIds) {
    const pins = (await store.evidencePins.forIncident(incidentId)).filter((pin) => pin.checkId !== SERIES_PIN)
    const found = await firstFailuresOf(store, incidentId, new Set(pins.map((pin) => pin.checkId)))
    for (const pin of pins) {
      const result = found.get(pin.checkId)
      if (result === undefined) continue
      const series = { component: pin.component, location: pin.location }
      const key = `${seriesId(series)}\u0000${pin.checkId}`
      const known = earliest.get(key)
      if (known === undefined || result.startedAt < known.result.startedAt) earliest.set(key, { series, result })
    }
  }
  return [...earliest.values()]
}
