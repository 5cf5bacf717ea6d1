/**
 * Reads of the declared status model: open incidents, what is active at an instant, and pages of
 * incidents and windows with opaque cursors.
 *
 * @module
 */
import { WHOLE_INCIDENT, type ImpactRow, type IncidentRow, type MaintenanceRow } from '../store/index.js'
import type { ServiceContext } from './context.js'
import { InvalidInputError } from './errors.js'
import type { IncidentDetail } from './incident-writes.js'
import { maintenanceStatus, type MaintenanceView } from './maintenance-writes.js'
import { editTimes } from './retraction.js'

/** An incident in a list: its row and its impacts (updates only in the detail). */
export interface IncidentSummary extends IncidentRow {
  impacts: ImpactRow[]
}

/** One page and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** A query for a page of incidents, newest first. */
export interface IncidentListQuery {
  from?: number
  to?: number
  status?: 'open' | 'resolved'
  cursor?: string
  limit?: number
}

/** The reads of the service. */
export interface IncidentReadService {
  /** One incident with its impacts, published updates and edit times; null when unknown or retracted. */
  incident(id: string): Promise<IncidentDetail | null>
  /** Incidents without an end, oldest first, with their impacts and updates. */
  openIncidents(): Promise<IncidentDetail[]>
  /** Impacts active at `at` (from ≤ at < to), of every incident. */
  activeImpacts(at: number): Promise<ImpactRow[]>
  /** Windows in progress at `at` (start ≤ at < end, not cancelled). */
  activeMaintenance(at: number): Promise<MaintenanceRow[]>
  /** A page of incidents overlapping [from, to), newest first. */
  incidents(query?: IncidentListQuery): Promise<Page<IncidentSummary>>
  /** A page of windows overlapping [from, to), newest start first, with their status now. */
  maintenance(query?: { from?: number; to?: number; cursor?: string; limit?: number }): Promise<Page<MaintenanceView>>
}

/** Default and largest page sizes. */
export const PAGE_LIMITS = { default: 50, max: 200 } as const

function encodeCursor(position: number, id: string): string {
  return Buffer.from(JSON.stringify([position, id])).toString('base64url')
}

function decodeCursor(cursor: string | undefined): { position: number; id: string } | null {
  if (cursor === undefined) return null
  try {
    const [position, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof position === 'number' && Number.isInteger(position) && typeof id === 'string') return { position, id }
  } catch {
    // reported below
  }
  throw new InvalidInputError([{ path: 'cursor', message: 'not a cursor this API returned' }])
}

function limitOf(limit: number | undefined): number {
  const value = limit ?? PAGE_LIMITS.default
  if (!Number.isInteger(value) || value < 1 || value > PAGE_LIMITS.max) {
    throw new InvalidInputError([{ path: 'limit', message: `must be an integer in 1–${PAGE_LIMITS.max}` }])
  }
  return value
}

/** Builds the reads over `context`. */
export function incidentReadService(context: ServiceContext): IncidentReadService {
  const { store, clock } = context
  const withImpacts = async (rows: readonly IncidentRow[]): Promise<IncidentSummary[]> => {
    const impacts = await store.incidents.impacts(rows.map((row) => row.id))
    return rows.map((row) => ({ ...row, impacts: impacts.filter((impact) => impact.incidentId === row.id) }))
  }
  const withUpdates = async (rows: readonly IncidentRow[]): Promise<IncidentDetail[]> =>
    Promise.all(
      (await withImpacts(rows)).map(async (row) => ({
        ...row,
        updates: await store.incidents.updates(row.id),
        edits: editTimes(await store.audit.list({ objectType: 'incident', objectId: row.id })),
      })),
    )
  return {
    async incident(id) {
      const row = await store.incidents.get(id)
      if (row === null || (await store.retractions.ofIncident(id)).some((retraction) => retraction.seq === WHOLE_INCIDENT)) return null
      return (await withUpdates([row]))[0]!
    },
    async openIncidents() {
      return withUpdates(await store.incidents.open())
    },
    activeImpacts: (at) => store.incidents.activeImpacts(at),
    activeMaintenance: (at) => store.maintenance.active(at),
    async incidents(query = {}) {
      const limit = limitOf(query.limit)
      const after = decodeCursor(query.cursor)
      const rows = await store.incidents.list({
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        ...(query.status === undefined ? {} : { status: query.status }),
        after: after === null ? null : { beganAt: after.position, id: after.id },
        limit: limit + 1,
      })
      const items = await withImpacts(rows.slice(0, limit))
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.beganAt, last.id) : null }
    },
    async maintenance(query = {}) {
      const limit = limitOf(query.limit)
      const after = decodeCursor(query.cursor)
      const rows = await store.maintenance.list({
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        after: after === null ? null : { start: after.position, id: after.id },
        limit: limit + 1,
      })
      const now = clock.now()
      const items = rows.slice(0, limit).map((row) => ({ ...row, status: maintenanceStatus(row, now) }))
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.start, last.id) : null }
    },
  }
}
