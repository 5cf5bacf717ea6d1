/**
 * The public status as stored data says it is now: every active component, split into its
 * (component, location) series, each decided by the one state function in `core/` from the
 * results of the checks that feed it.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { decideState, staleAfter, type ComponentState, type DecidedState, type ResultOutcome } from '../core/state.js'
import { parseStoredCheck, type Check } from '../config/index.js'
import type { Store } from '../store/index.js'
import { worstState } from './worst-state.js'

/** What the public may see of one (component, location) series. */
export interface LocationStatus extends DecidedState {
  location: string
  /** How it is measured, in words safe for the public (no target addresses). */
  measuredBy: { kind: string; intervalMs: number }[]
}

/** What the public may see of one component. */
export interface ComponentStatus {
  name: string
  displayName: string
  description: string | null
  /** The worst state over its locations. */
  state: ComponentState
  locations: LocationStatus[]
}

/** The whole public status at one instant. */
export interface StatusSnapshot {
  generatedAt: number
  overall: ComponentState
  components: ComponentStatus[]
}

function decideCheck(check: Check, results: readonly ResultOutcome[], now: number): DecidedState {
  const rules = {
    failureThreshold: check.failureThreshold,
    successThreshold: check.successThreshold,
    staleAfterMs: staleAfter(check.interval, check.timeout),
  }
  return decideState(results, rules, now)
}

/** A series fed by several checks shows the worst of them; its evidence is that check's. */
function decideSeries(location: string, decided: readonly { check: Check; state: DecidedState }[]): LocationStatus {
  const worst = worstState(decided.map((entry) => entry.state.state))
  const deciding = decided.find((entry) => entry.state.state === worst)?.state
  const newest = Math.max(...decided.map((entry) => entry.state.lastMeasuredAt ?? -Infinity))
  return {
    location,
    state: worst,
    reason: deciding?.reason ?? 'not measured yet',
    lastMeasuredAt: Number.isFinite(newest) ? newest : null,
    lastDurationMs: deciding?.lastDurationMs ?? null,
    measuredBy: decided.map(({ check }) => ({ kind: check.kind, intervalMs: check.interval })),
  }
}

/** Parsed check definitions by content hash: a definition is parsed once, not on every read. */
type DefinitionCache = Map<string, Check | null>

function parseCached(cache: DefinitionCache, hash: string, definition: unknown): Check | null {
  let check = cache.get(hash)
  if (check === undefined) {
    check = parseStoredCheck(definition)
    cache.set(hash, check)
  }
  return check
}

async function read(store: Store, now: number, cache: DefinitionCache): Promise<StatusSnapshot> {
  const [checkRows, componentRows, feeds] = await Promise.all([store.checks.list(), store.components.list(), store.components.feeds()])
  const checks = new Map(checkRows.flatMap((row) => {
    const check = parseCached(cache, row.definitionHash, row.definition)
    return check ? [[row.id, check] as const] : []
  }))
  const depth = Math.min(101, Math.max(2, ...[...checks.values()].map((c) => Math.max(c.failureThreshold, c.successThreshold) + 1)))
  const latest = await store.results.latestOutcomes(depth)
  const components = componentRows.map((component): ComponentStatus => {
    const byLocation = new Map<string, { check: Check; state: DecidedState }[]>()
    for (const feed of feeds.filter((f) => f.componentId === component.id)) {
      const check = checks.get(feed.checkId)
      const state: DecidedState = check?.enabled
        ? decideCheck(check, latest.get(feed.checkId) ?? [], now)
        : { state: 'no_data', reason: 'not measured: the check is disabled or gone', lastMeasuredAt: null, lastDurationMs: null }
      const list = byLocation.get(feed.location) ?? []
      if (check) list.push({ check, state })
      byLocation.set(feed.location, list)
    }
    const locations = [...byLocation].map(([location, decided]) => decideSeries(location, decided))
    return {
      name: component.name,
      displayName: component.displayName,
      description: component.description,
      state: worstState(locations.map((l) => l.state)),
      locations,
    }
  })
  return { generatedAt: now, overall: worstState(components.map((c) => c.state)), components }
}

/** Reads the current status, cached for a short time and refreshed on demand. */
export interface StatusReader {
  current(): Promise<StatusSnapshot>
  /** Drops the cache, e.g. after new results were written. */
  invalidate(): void
}

/**
 * Creates a reader of the current status. The cache keeps a busy page from querying the store
 * on every request: a snapshot is read again when it is older than `maxAgeMs`, or once it is
 * `minAgeMs` old after {@link StatusReader.invalidate} said new results exist.
 *
 * @example
 * const status = createStatusReader({ store, clock: systemClock })
 * const { overall, components } = await status.current()
 */
export function createStatusReader(deps: { store: Store; clock: Clock; maxAgeMs?: number; minAgeMs?: number }): StatusReader {
  const { store, clock, maxAgeMs = 5_000, minAgeMs = 1_000 } = deps
  const definitions: DefinitionCache = new Map()
  let cached: { at: number; snapshot: Promise<StatusSnapshot> } | null = null
  let dirty = false
  return {
    current() {
      const now = clock.now()
      const age = cached === null ? Infinity : now - cached.at
      if (cached === null || age > maxAgeMs || (dirty && age >= minAgeMs)) {
        dirty = false
        const snapshot = read(store, now, definitions)
        cached = { at: now, snapshot }
        snapshot.catch(() => {
          if (cached?.snapshot === snapshot) cached = null
        })
      }
      return cached.snapshot
    },
    invalidate() {
      dirty = true
    },
  }
}
