/**
 * The public status as stored data says it is now: every active component, split into its
 * (component, location) series. Each series shows what the one public state function decides
 * from its stored health evaluation (measured), the impacts of incidents a person opened (declared,
 * each severity mapped through the CSP's stored severity ranges, see `severityRanges`) and the
 * maintenance windows that cover it.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util'
import type { Clock } from '../core/clock.js'
import { publicState, type PublicState, type StateSource } from '../core/public-state.js'
import type { MeasuredState, SeriesKey } from '../core/series.js'
import { seriesId } from '../core/series.js'
import { isSimulatedCheck, parseStoredCheckRow } from '../config/index.js'
import { createIncidentService, seriesDeclaration } from '../incidents/index.js'
import { seriesMark } from '../marks/index.js'
import { severityRanges } from '../records/index.js'
import type { Evaluation } from '../health/index.js'
import type { ImpactRow, IncidentRow, Store } from '../store/index.js'
import { worstState } from './worst-state.js'
import { openIncidents, type OpenIncident } from './open-incidents.js'

/** What the public may see of one (component, location) series. */
export interface LocationStatus {
  location: string
  state: PublicState
  /** What decided the state: the measurements, an incident, both, or maintenance. */
  source: StateSource
  reason: string
  /** The measured state alone (before incidents and maintenance). */
  measured: MeasuredState
  /** Since when the measured state holds, when known. */
  since: number | null
  lastMeasuredAt: number | null
  lastDurationMs: number | null
  /** How it is measured, in words safe for the public (no target addresses); `simulated` for the built-in simulated cloud. */
  measuredBy: { kind: string; intervalMs: number; simulated: boolean }[]
  /** The newest evaluation of the health rules (the API serves its public part as evidence); null before the first. */
  evaluation: Evaluation | null
  /** Set while an operator marks the measurements not representative: show the label and reason beside the state. */
  notRepresentative: { label: string; reason: string; since: number } | null
}

/** What the public may see of one component. */
export interface ComponentStatus {
  name: string
  displayName: string
  description: string | null
  /** The worst state over its locations. */
  state: PublicState
  locations: LocationStatus[]
}

/** The whole public status at one instant. */
export interface StatusSnapshot {
  generatedAt: number
  overall: PublicState
  components: ComponentStatus[]
  /** Incidents not yet resolved, oldest first (public part). */
  incidents: OpenIncident[]
}

async function methods(store: Store): Promise<Map<string, { kind: string; intervalMs: number; simulated: boolean }>> {
  const methodsById = new Map<string, { kind: string; intervalMs: number; simulated: boolean }>()
  for (const row of await store.checks.list()) {
    const check = parseStoredCheckRow(row)
    if (check) methodsById.set(row.id, { kind: check.kind, intervalMs: check.interval, simulated: isSimulatedCheck(check) })
  }
  return methodsById
}

/**
 * The impacts that declare a state: those of incidents a person opened. An automatic incident's
 * impacts mirror the measurements (the measured state already shows them), so once the
 * measurements recover the page says so at once, while the incident stays open in `monitoring`
 * for its quiet period.
 */
function declaredImpacts(impacts: readonly ImpactRow[], open: readonly IncidentRow[]): ImpactRow[] {
  const automatic = new Set(open.filter((incident) => incident.origin === 'system').map((incident) => incident.id))
  return impacts.filter((impact) => !automatic.has(impact.incidentId))
}

async function read(store: Store, clock: Clock, now: number): Promise<StatusSnapshot> {
  const incidents = createIncidentService({ store, clock })
  const [componentRows, feeds, evaluations, latest, allImpacts, windows, checkMethods, marks, open, severities] = await Promise.all([
    store.components.list(),
    store.components.feeds(),
    store.evaluations.current(),
    store.results.latestOutcomes(1),
    incidents.activeImpacts(now),
    incidents.activeMaintenance(now),
    methods(store),
    store.marks.active(now),
    store.incidents.open(),
    store.catalog.severities(),
  ])
  const impacts = declaredImpacts(allImpacts, open)
  const ranges = severityRanges(severities)
  const locationOf = (series: SeriesKey, checkIds: readonly string[]): LocationStatus => {
    const current = evaluations.get(seriesId(series))
    const measured = current?.state ?? 'no_data'
    const mark = seriesMark(series, marks)
    const shown = publicState({ measured, ...seriesDeclaration(series, impacts, windows, ranges), notRepresentative: mark })
    const newest = checkIds.flatMap((id) => latest.get(id) ?? []).sort((a, b) => b.startedAt - a.startedAt)[0]
    return {
      location: series.location,
      state: shown.state,
      source: shown.source,
      reason: mark !== null ? shown.reason : current === undefined ? 'not evaluated yet' : shown.source === 'measured' ? current.evaluation.reason : shown.reason,
      measured,
      since: current?.since ?? null,
      lastMeasuredAt: newest?.startedAt ?? null,
      lastDurationMs: newest?.durationMs ?? null,
      evaluation: current?.evaluation ?? null,
      measuredBy: checkIds.flatMap((id) => {
        const method = checkMethods.get(id)
        return method ? [method] : []
      }),
      notRepresentative: shown.notRepresentative === null || mark === null ? null : { ...shown.notRepresentative, since: mark.from },
    }
  }
  const components = componentRows.map((component): ComponentStatus => {
    const byLocation = new Map<string, string[]>()
    for (const feed of feeds) {
      if (feed.componentId !== component.id) continue
      byLocation.set(feed.location, [...(byLocation.get(feed.location) ?? []), feed.checkId])
    }
    const locations = [...byLocation].map(([location, checkIds]) => locationOf({ component: component.name, location }, checkIds))
    return {
      name: component.name,
      displayName: component.displayName,
      description: component.description,
      state: worstState(locations.map((l) => l.state)),
      locations,
    }
  })
  return { generatedAt: now, overall: worstState(components.map((c) => c.state)), components, incidents: await openIncidents(incidents) }
}

/** The minimum age `glasshouse serve` gives its status reader: new data reaches the page and the API within about a second, and a busy page reads the store at most once a second. */
export const SERVE_STATUS_MIN_AGE_MS = 1_000

/** Whether two snapshots say the same, whenever each was generated. */
function sameStatus(a: StatusSnapshot, b: StatusSnapshot): boolean {
  return isDeepStrictEqual({ ...a, generatedAt: 0 }, { ...b, generatedAt: 0 })
}

/** Reads the current status, cached for a short time and refreshed on demand. */
export interface StatusReader {
  current(): Promise<StatusSnapshot>
  /**
   * Whether `snapshot` is what {@link StatusReader.current} would answer now — answers derived
   * from it (an encoded page) may then be served as they are, without asking again.
   */
  isCurrent(snapshot: StatusSnapshot): boolean
  /** Says new data exists (results, evaluations, incidents): the next reading may refresh. */
  invalidate(): void
  /** Says the model was written (an API write): the next reading reads again, whatever its age. */
  changed(): void
  /** How often {@link StatusReader.changed} was called so far: readers of other cached page data compare it to know a write outdated them. */
  writes(): number
  /** Calls `listener` on every {@link StatusReader.invalidate} (written: false) and {@link StatusReader.changed} (written: true). */
  onChange(listener: (written: boolean) => void): void
}

/**
 * Creates a reader of the current status. The cache keeps a busy page from querying the store
 * on every request: a snapshot is read again when it is older than `maxAgeMs`, or once it is
 * `minAgeMs` old after {@link StatusReader.invalidate} said new data exists, or at once after
 * {@link StatusReader.changed}.
 *
 * A timed re-read that finds exactly what the previous snapshot says (all but `generatedAt`)
 * answers the previous snapshot itself, for at most `keepEqualMs` after it was generated: pages
 * and JSON encoded from it stay valid (same ETag, no re-render of a quiet page every few
 * seconds), and its "as of" time never lags more than that. After a write
 * ({@link StatusReader.changed}) the snapshot is always new, since answers keyed by it may show
 * what the snapshot does not (planned maintenance, incident texts).
 *
 * @example
 * const status = createStatusReader({ store, clock: systemClock })
 * const { overall, components } = await status.current()
 */
export function createStatusReader(deps: { store: Store; clock: Clock; maxAgeMs?: number; minAgeMs?: number; keepEqualMs?: number }): StatusReader {
  const { store, clock, maxAgeMs = 5_000, minAgeMs = 5_000, keepEqualMs = 60_000 } = deps
  let cached: { at: number; snapshot: Promise<StatusSnapshot>; value?: StatusSnapshot } | null = null
  let dirty = false
  let writes = 0
  const listeners: ((written: boolean) => void)[] = []
  const expired = (now: number): boolean => {
    if (cached === null) return true
    const age = now - cached.at
    return age > maxAgeMs || (dirty && age >= minAgeMs)
  }
  return {
    current() {
      const now = clock.now()
      if (cached === null || expired(now)) {
        dirty = false
        const previous = cached?.value
        const keepable = previous !== undefined && now - previous.generatedAt < keepEqualMs ? previous : undefined
        const snapshot = read(store, clock, now).then((fresh) => (keepable !== undefined && sameStatus(keepable, fresh) ? keepable : fresh))
        const entry: NonNullable<typeof cached> = { at: now, snapshot }
        cached = entry
        snapshot.then(
          (value) => {
            entry.value = value
          },
          () => {
            if (cached === entry) cached = null
          },
        )
      }
      return cached.snapshot
    },
    isCurrent(snapshot) {
      return cached !== null && cached.value === snapshot && !expired(clock.now())
    },
    invalidate() {
      dirty = true
      for (const listener of listeners) listener(false)
    },
    changed() {
      cached = null
      writes += 1
      for (const listener of listeners) listener(true)
    },
    writes: () => writes,
    onChange(listener) {
      listeners.push(listener)
    },
  }
}
