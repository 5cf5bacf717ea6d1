/**
 * Reads what the history page lists: incidents and maintenance windows that overlap the range,
 * filtered by component, location and type, newest first.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { createIncidentService, type IncidentSummary, type MaintenanceView } from '../incidents/index.js'
import type { Store } from '../store/index.js'
import { entryStart, type HistoryEntry } from './history-page.js'
import type { HistoryQuery } from './history-query.js'

/** The most entries of each type one page lists. */
export const HISTORY_LIMIT = 1_000

async function collect<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = []
  let cursor: string | undefined
  do {
    const page = await read(cursor)
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined && all.length < HISTORY_LIMIT)
  return all.slice(0, HISTORY_LIMIT)
}

function incidentMatches(incident: IncidentSummary, query: HistoryQuery): boolean {
  if (query.component === null && query.location === null) return true
  return incident.impacts.some(
    (impact) => (query.component === null || impact.component === query.component) && (query.location === null || impact.location === query.location),
  )
}

function windowMatches(window: MaintenanceView, query: HistoryQuery): boolean {
  if (query.component === null && query.location === null) return true
  return window.targets.some(
    (target) =>
      (query.component === null || target.component === query.component) &&
      (query.location === null || target.locations === null || target.locations.includes(query.location)),
  )
}

/**
 * The entries of a history query.
 *
 * @example
 * const entries = await loadHistory(store, clock, query)
 */
export async function loadHistory(store: Store, clock: Clock, query: HistoryQuery): Promise<HistoryEntry[]> {
  const service = createIncidentService({ store, clock })
  const range = { from: query.from, to: query.to, limit: 200 }
  const [incidents, windows] = await Promise.all([
    query.type === 'maintenance' ? [] : collect((cursor) => service.incidents({ ...range, ...(cursor === undefined ? {} : { cursor }) })),
    query.type === 'incident' ? [] : collect((cursor) => service.maintenance({ ...range, ...(cursor === undefined ? {} : { cursor }) })),
  ])
  const entries: HistoryEntry[] = [
    ...incidents.filter((incident) => incidentMatches(incident, query)).map((incident) => ({ kind: 'incident' as const, incident })),
    ...windows.filter((window) => windowMatches(window, query)).map((window) => ({ kind: 'maintenance' as const, window })),
  ]
  return entries.sort((a, b) => entryStart(b) - entryStart(a))
}
