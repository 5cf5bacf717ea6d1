/**
 * From stored impacts and windows to the inputs of the public state function for one series:
 * its declared state (the worst active impact, mapped by severity level) and whether maintenance
 * covers it.
 *
 * @module
 */
import { declaredStateOf, seriesId, STATE_RANK, type DeclaredState, type SeriesKey } from '../core/index.js'
import { DEFAULT_SEVERITY_LEVELS, type Impact, type SeverityLevel } from '../records/index.js'
import type { ImpactRow, MaintenanceRow } from '../store/index.js'

/**
 * Whether a window covers a series (a target without locations covers every location).
 *
 * @example
 * windowCovers({ targets: [{ component: 'compute', locations: null }] }, { component: 'compute', location: 'R1' }) // true
 */
export function windowCovers(window: Pick<MaintenanceRow, 'targets'>, series: SeriesKey): boolean {
  return window.targets.some((target) => target.component === series.component && (target.locations === null || target.locations.includes(series.location)))
}

/**
 * The declared side of one series, from impacts and windows active at one instant (as
 * `activeImpacts(at)` and `activeMaintenance(at)` return them): `maintenance` when a window or a
 * severity-0 impact covers it, `declared` the worst other impact's state (null without one).
 * Spread the result into `publicState`.
 *
 * @example
 * publicState({ measured, ...seriesDeclaration(series, impacts, windows) })
 */
export function seriesDeclaration(
  series: SeriesKey,
  impacts: readonly ImpactRow[],
  windows: readonly MaintenanceRow[],
  levels: readonly SeverityLevel[] = DEFAULT_SEVERITY_LEVELS,
): { declared: DeclaredState | null; maintenance: boolean } {
  const id = seriesId(series)
  let declared: DeclaredState | null = null
  let maintenance = windows.some((window) => window.cancelledAt === null && windowCovers(window, series))
  for (const impact of impacts) {
    if (seriesId(impact) !== id) continue
    const state = declaredStateOf(impact.severity, levels)
    if (state === 'maintenance') maintenance = true
    else if (declared === null || STATE_RANK[state] > STATE_RANK[declared]) declared = state
  }
  return { declared, maintenance }
}

/**
 * Windows as severity-0 impacts on the given series, for declared availability
 * (`declaredAvailability` in records): a cancelled window counts until it was cancelled.
 *
 * @example
 * declaredAvailability([...impacts, ...maintenanceImpacts(windows, series)], range)
 */
export function maintenanceImpacts(windows: readonly MaintenanceRow[], series: readonly SeriesKey[]): Impact[] {
  return windows.flatMap((window) => {
    const to = window.cancelledAt === null ? window.end : Math.min(window.end, window.cancelledAt)
    if (to <= window.start) return []
    return series.filter((key) => windowCovers(window, key)).map((key) => ({ component: key.component, location: key.location, severity: 0, from: window.start, to }))
  })
}
