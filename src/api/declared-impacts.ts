/**
 * The declared side of an availability answer, read from the store: every impact of the
 * incidents that overlap a range, and the maintenance windows over it as severity-0 impacts —
 * the input `availabilityReport` weighs into declared availability.
 *
 * @module
 */
import type { SeriesKey } from '../core/series.js'
import { maintenanceImpacts } from '../incidents/index.js'
import type { Impact, Interval } from '../records/index.js'
import type { IncidentRow, MaintenanceRow, Store } from '../store/index.js'

const PAGE = 200
/** At most this many incidents or windows are read for one answer (a bound, not a page size). */
const MAX_ROWS = 20_000

async function incidentsOver(store: Store, range: Interval): Promise<IncidentRow[]> {
  const found: IncidentRow[] = []
  for (let after: IncidentRow | undefined; found.length < MAX_ROWS; ) {
    const cursor = after === undefined ? null : { beganAt: after.beganAt, id: after.id }
    const rows = await store.incidents.list({ from: range.from, to: range.to, after: cursor, limit: PAGE })
    found.push(...rows)
    if (rows.length < PAGE) break
    after = rows[rows.length - 1]
  }
  return found
}

async function windowsOver(store: Store, range: Interval): Promise<MaintenanceRow[]> {
  const found: MaintenanceRow[] = []
  for (let after: MaintenanceRow | undefined; found.length < MAX_ROWS; ) {
    const cursor = after === undefined ? null : { start: after.start, id: after.id }
    const rows = await store.maintenance.list({ from: range.from, to: range.to, after: cursor, limit: PAGE })
    found.push(...rows)
    if (rows.length < PAGE) break
    after = rows[rows.length - 1]
  }
  return found
}

/**
 * The impacts (incidents' and maintenance windows') that touch `range` for `series`.
 *
 * @example
 * const impacts = await declaredImpacts(store, { from, to }, [{ component: 'compute', location: 'R1' }])
 * await availabilityReport(store, { from, to, timeZone, now }, impacts)
 */
export async function declaredImpacts(store: Store, range: Interval, series: readonly SeriesKey[]): Promise<Impact[]> {
  const incidents = await incidentsOver(store, range)
  const impacts: Impact[] = []
  for (let start = 0; start < incidents.length; start += PAGE) {
    const rows = await store.incidents.impacts(incidents.slice(start, start + PAGE).map((incident) => incident.id))
    for (const row of rows) {
      if (row.from >= range.to || (row.to !== null && row.to <= range.from)) continue
      impacts.push({ component: row.component, location: row.location, severity: row.severity, from: row.from, to: row.to })
    }
  }
  return [...impacts, ...maintenanceImpacts(await windowsOver(store, range), series)]
}
