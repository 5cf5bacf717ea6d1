/**
 * Reads the entries of one feed from stored data: the newest incidents and windows, their
 * events, filtered, newest first, at most {@link FEED_ENTRY_LIMIT}.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { createIncidentService, type IncidentSummary } from '../incidents/index.js'
import type { Store } from '../store/index.js'
import { FEED_ENTRY_LIMIT, type FeedEvent, type FeedFilter, type Touched } from './feed-event.js'
import { incidentEvents, incidentTouches, type FeedPhaseNames } from './incident-events.js'
import { maintenanceEvents } from './maintenance-events.js'
import type { PublicScope } from './public-scope.js'

/** How many of the newest incidents and windows a feed looks at (one page of the service). */
const LOOKED_AT = 200
/** How many incidents' updates are read at once. */
const BATCH = 10

const newestFirst = (a: FeedEvent, b: FeedEvent): number => b.at - a.at || a.id.localeCompare(b.id)

/**
 * The newest `limit` events: the incidents in order of their last change, their updates read
 * only while they can still rank among the newest (an incident's updates are never newer than
 * its `updatedAt`).
 */
async function newestEvents(store: Store, candidates: readonly { incident: IncidentSummary; touched: Touched[] }[], others: FeedEvent[], names: FeedPhaseNames): Promise<FeedEvent[]> {
  const byChange = [...candidates].sort((a, b) => b.incident.updatedAt - a.incident.updatedAt)
  const events = [...others]
  for (let next = 0; next < byChange.length; next += BATCH) {
    const kept = events.sort(newestFirst).slice(0, FEED_ENTRY_LIMIT)
    if (kept.length === FEED_ENTRY_LIMIT && kept.at(-1)!.at > byChange[next]!.incident.updatedAt) break
    const batch = byChange.slice(next, next + BATCH)
    const read = await Promise.all(batch.map(async ({ incident, touched }) => incidentEvents(incident, touched, await store.incidents.updates(incident.id), names)))
    events.push(...read.flat())
  }
  return events.sort(newestFirst).slice(0, FEED_ENTRY_LIMIT)
}

/**
 * The entries of a feed, newest first.
 *
 * @example
 * const events = await loadFeedEvents({ store, clock, scope, filter: { kind: 'all' }, phaseNames: {} })
 */
export async function loadFeedEvents(input: { store: Store; clock: Clock; scope: PublicScope; filter: FeedFilter; phaseNames: FeedPhaseNames }): Promise<FeedEvent[]> {
  const { store, clock, scope, filter } = input
  const service = createIncidentService({ store, clock })
  const [incidents, windows] = await Promise.all([service.incidents({ limit: LOOKED_AT }), service.maintenance({ limit: LOOKED_AT })])
  const now = clock.now()
  const candidates = incidents.items.flatMap((incident) => {
    const touched = incidentTouches(incident, scope, filter)
    return touched === null ? [] : [{ incident, touched }]
  })
  const maintenance = windows.items.flatMap((window) => maintenanceEvents(window, scope, filter, now))
  return newestEvents(store, candidates, maintenance, input.phaseNames)
}
